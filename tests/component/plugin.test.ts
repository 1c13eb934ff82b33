import { strict as assert } from "assert";
import * as fs from "fs";
import { isBuiltin } from "module";
import * as os from "os";
import * as path from "path";
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as ts from "typescript";
import { parse } from "yaml";
import { ownChild, servingPort } from "../../preview/children";
import { Empty, grpc } from "../../preview/grpc";
import { COMPONENT_DIR } from "../helpers/component";
import { ROOT } from "../helpers/program";

const manifest = JSON.parse(fs.readFileSync(path.join(COMPONENT_DIR, "package.json"), "utf8"));

/** The package a bare module name belongs to: `@pulumi/aws/cloudwatch` → `@pulumi/aws`. */
function packageOf(spec: string): string {
  return spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");
}

/** Every package the files reachable from `entry` load, through their relative imports. */
function packagesLoadedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const { fileName: spec } of importedFiles) {
      if (spec.startsWith(".")) visit(require.resolve(path.resolve(path.dirname(file), spec)));
      else if (!isBuiltin(spec)) packages.add(packageOf(spec));
    }
  };
  visit(entry);
  return packages;
}

describe("the component as a Pulumi plugin: `pulumi package add <repository>/component@<tag>`", () => {
  it("is an npm workspace of the repository, whose dependencies the CLI installs at its root without development tools", () => {
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.deepEqual(root.workspaces, ["component"]);
    const plugin = parse(fs.readFileSync(path.join(COMPONENT_DIR, "PulumiPlugin.yaml"), "utf8"));
    assert.deepEqual(plugin, { runtime: { name: "nodejs", options: { production: true } } });
    assert.equal(manifest.name, "cis-monitoring");
    assert.equal(manifest.version, root.version, "a release tag names both");
  });

  it("declares every package its code loads, through infra/ and policy/, and TypeScript to load it", () => {
    const loaded = packagesLoadedFrom(path.join(COMPONENT_DIR, manifest.main));
    assert.ok(loaded.has("@pulumi/aws") && loaded.has("typescript"), [...loaded].join(", "));
    assert.deepEqual(
      [...loaded].filter((name) => !(name in manifest.dependencies)),
      [],
    );
  });

  it("starts as the Pulumi CLI starts it, from the folder of a program in another language", async function () {
    this.timeout(60_000);
    // The language host runs @pulumi/pulumi's run-plugin, found from the plugin's folder, with the
    // plugin's folder as argument, in the working directory of the program that uses it.
    const runner = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [COMPONENT_DIR] });
    const programDir = fs.mkdtempSync(path.join(os.tmpdir(), "cis-monitoring-python-"));
    const child = ownChild(process.execPath, [runner, COMPONENT_DIR], {
      cwd: programDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const port = await servingPort(child, "the plugin");
      const client = new providerGrpc.ResourceProviderClient(
        `127.0.0.1:${port}`,
        grpc.credentials.createInsecure(),
      );
      const info = await new Promise<PluginInfo>((resolve, reject) =>
        client.getPluginInfo(new Empty(), (err, res) => (err ? reject(err) : resolve(res!))),
      );
      client.close();
      assert.equal(info.getVersion(), manifest.version);
    } finally {
      child.kill();
      fs.rmSync(programDir, { recursive: true, force: true });
    }
  });
});
