import { strict as assert } from "assert";
import * as fs from "fs";
import { isBuiltin } from "module";
import * as path from "path";
import { PolicyPackServer } from "../../preview/pack";
import { ProgramRun, runProgram, T } from "../helpers/program";
import { installPublishedPack, POLICY, PublishedPack } from "../helpers/published-pack";
import { control } from "./builders";

/** The pack's TypeScript sources, relative to policy/: what the build must compile. */
function sources(dir = POLICY, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = prefix + entry.name;
    if (entry.isDirectory())
      return ["node_modules", "bin"].includes(entry.name)
        ? []
        : sources(path.join(dir, entry.name), `${name}/`);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [name] : [];
  });
}

/** Every require() of the compiled pack, with the file it is in. */
function requires(pack: PublishedPack): { file: string; spec: string }[] {
  return pack.files
    .filter((file) => file.startsWith("bin/"))
    .flatMap((file) =>
      [...fs.readFileSync(path.join(pack.dir, file), "utf8").matchAll(/\brequire\("([^"]+)"\)/g)].map(
        (m) => ({ file, spec: m[1] }),
      ),
    );
}

describe("the policy pack as `pulumi policy publish` uploads it and the Pulumi CLI installs it", () => {
  let published: PublishedPack;
  let pack: PolicyPackServer;
  let preview: ProgramRun;
  before(async function () {
    this.timeout(300_000); // npm install downloads what its cache lacks
    [published, preview] = await Promise.all([installPublishedPack(), runProgram({}, { preview: true })]);
    assert.equal(preview.error, undefined);
    pack = await PolicyPackServer.start(published.dir);
  });
  after(async () => {
    await pack?.stop();
    published?.remove();
  });

  it("holds the compiled JavaScript of every TypeScript source, its entry point, manifests and README only", () => {
    const compiled = sources().map((file) => `bin/${file.replace(/\.ts$/, ".js")}`);
    assert.ok(compiled.includes("bin/index.js") && compiled.length > 20, "the scan found the pack's sources");
    assert.deepEqual(
      published.files,
      ["PulumiPolicy.yaml", "README.md", "main.js", "package.json", ...compiled].sort(),
    );
  });

  it("requires only its own files, Node's built-ins and the packages it declares, all needed at run time", () => {
    const found = requires(published);
    const outside = found.filter(({ file, spec }) => {
      if (!spec.startsWith(".")) return false;
      const target = path.join(path.dirname(file), spec);
      return !published.files.includes(`${target}.js`) && !published.files.includes(`${target}/index.js`);
    });
    assert.deepEqual(outside, []);
    const packages = new Set(
      found
        .filter(({ spec }) => !spec.startsWith(".") && !isBuiltin(spec))
        .map(({ spec }) =>
          spec
            .split("/")
            .slice(0, spec.startsWith("@") ? 2 : 1)
            .join("/"),
        ),
    );
    assert.ok(packages.has("@pulumi/policy"), "the scan found the pack's imports");
    const manifest = JSON.parse(fs.readFileSync(path.join(published.dir, "package.json"), "utf8"));
    // @pulumi/pulumi is not imported but must be installed: it is what the CLI starts the pack with.
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), [...packages, "@pulumi/pulumi"].sort());
    assert.equal(manifest.devDependencies, undefined);
  });

  it("starts with its own run-policy-pack and passes this project's dev stack", async () => {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [published.dir] });
    assert.ok(runner.startsWith(published.dir + path.sep), runner);
    const info = await pack.info();
    assert.equal(info.name, "cis-monitoring");
    assert.equal(
      info.version,
      JSON.parse(fs.readFileSync(path.join(POLICY, "package.json"), "utf8")).version,
    );
    assert.deepEqual((await pack.analyzeStack(preview.resources)).diagnostics, []);
  });

  it("documents in its README every policy with its default level, and every config key, and nothing else", async () => {
    const info = await pack.info();
    // First and second cell of each table row that starts with a `name`.
    const rows = new Map(
      [
        ...fs
          .readFileSync(path.join(published.dir, "README.md"), "utf8")
          .matchAll(/^\| `([^`]+)` +\| ([^|]+?) +\|/gm),
      ].map((m) => [m[1], m[2]]),
    );
    const keys = new Set(["enforcementLevel", ...info.policies.flatMap((p) => Object.keys(p.configSchema))]);
    assert.deepEqual(
      info.policies.map((p) => [p.name, rows.get(p.name)]),
      info.policies.map((p) => [p.name, p.enforcementLevel]),
    );
    assert.deepEqual(
      [...keys].filter((key) => !rows.has(key)),
      [],
    );
    assert.deepEqual(
      [...rows.keys()].filter((name) => !keys.has(name) && !info.policies.some((p) => p.name === name)),
      [],
    );
  });

  it("fails the dev stack without the control's alarm, naming the trail and the missing alarm", async () => {
    const { diagnostics } = await pack.analyzeStack(
      preview.resources.filter((r) => !(r.type === T.alarm && r.inputs.metricName === control.metricName)),
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]),
      [[`${control.id}-monitored`, "mandatory", preview.one(T.trail).urn]],
    );
    assert.match(
      diagnostics[0].message,
      new RegExp(
        `^Trail 'cis-monitoring-dev-trail' is not monitored for ${control.catches} \\(CIS [^)]+\\): .* but no alarm watches it`,
        "m",
      ),
    );
  });
});
