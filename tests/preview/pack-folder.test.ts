import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkPolicyPack, PolicyPackError } from "../../preview/pack/pack-folder";
import { PolicyPackServer } from "../../preview/pack/server";
import { startCommand } from "../helpers/cli";
import { failedWith, fixture } from "../helpers/preview";
import { ROOT } from "../helpers/program";
import { tempFile, tempFiles, temporaryFolder } from "../helpers/temp-files";

/** The message checkPolicyPack refuses `dir` with. */
function refusal(dir: string): string {
  try {
    checkPolicyPack(dir);
  } catch (e) {
    assert.ok(e instanceof PolicyPackError, String(e));
    return e.message;
  }
  assert.fail(`${dir} was taken as a policy pack`);
}

/** A pack in a temporary folder, with this project's node_modules, as a pack installed beside it would have. */
function installedPack(files: Record<string, string>): string {
  const dir = tempFiles({ "PulumiPolicy.yaml": "runtime: nodejs\n", ...files });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

describe("--policy-pack: a folder checked before anything runs", () => {
  it("takes this project's pack and finds the runner of its @pulumi/pulumi", () => {
    assert.equal(
      checkPolicyPack(path.join(ROOT, "policy")),
      require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [path.join(ROOT, "policy")] }),
    );
  });

  it("refuses a folder that does not exist, a file, and an empty folder", () => {
    const missing = path.join(temporaryFolder("pack"), "gone");
    assert.equal(refusal(missing), `the policy pack ${missing} does not exist`);
    const file = tempFile("pack.json", "{}");
    assert.equal(refusal(file), `the policy pack ${file} is not a folder`);
    const empty = temporaryFolder("pack");
    assert.equal(refusal(empty), `${empty} is not a policy pack: it has no PulumiPolicy.yaml`);
  });

  it("refuses a Pulumi program, pointing to --program", () => {
    assert.equal(
      refusal(ROOT),
      `${ROOT} is not a policy pack: it has no PulumiPolicy.yaml: it is a Pulumi project (run it with --program)`,
    );
  });

  it("refuses a pack of another runtime, and one without @pulumi/pulumi installed", () => {
    const python = tempFiles({ "PulumiPolicy.yaml": "runtime:\n  name: python\n" });
    assert.equal(
      refusal(python),
      `${path.join(python, "PulumiPolicy.yaml")} names the runtime "python": only Node.js packs (nodejs) run offline; check the others with \`pulumi preview --policy-pack\``,
    );
    // The system's temporary folder has no node_modules above it.
    const uninstalled = tempFiles({ "PulumiPolicy.yaml": "runtime: nodejs\n", "index.js": "" });
    assert.equal(
      refusal(uninstalled),
      `@pulumi/pulumi is not installed for the policy pack in ${uninstalled}: run \`npm install\` there first`,
    );
  });

  it("says how a pack that stops before it serves ended, and the end of what it printed", async function () {
    this.timeout(30_000);
    const dir = installedPack({
      "package.json": '{"name":"broken-pack","main":"index.js"}',
      "index.js": 'console.error("loading the rules");\nthrow new Error("no rules here");\n',
    });
    await assert.rejects(PolicyPackServer.start(dir), (e: Error) => {
      assert.ok(e instanceof PolicyPackError, String(e));
      assert.match(
        e.message,
        new RegExp(`^the policy pack ${dir} stopped \\(exit code \\d+\\) before it served: `),
      );
      assert.match(e.message, /loading the rules[^]*Error: no rules here/);
      assert.ok(e.message.split("\n").length <= 10, e.message);
      return true;
    });
  });

  describe("npm start, with a program that would fail if it ran", () => {
    // program-throws fails as soon as it runs: a message about the pack or its config shows it never ran.
    const program = () => ["--program", fixture("program-throws")];
    let badPack: ReturnType<typeof startCommand>;
    let missingConfig: ReturnType<typeof startCommand>;
    before(() => {
      badPack = startCommand("start", [...program(), "--policy-pack", path.join(ROOT, "infra")]);
      missingConfig = startCommand("start", [...program(), "--policy-pack-config", "no-such-config.json"]);
    });

    it("exits 2 on a --policy-pack that is a program, before the program runs", async () => {
      failedWith(await badPack, /^error: .*infra is not a policy pack: it has no PulumiPolicy\.yaml\n$/);
    });

    it("exits 2 on a missing --policy-pack-config file, before the program runs", async () => {
      failedWith(
        await missingConfig,
        /^error: cannot read policy pack config no-such-config\.json: ENOENT: no such file or directory.*\n$/,
      );
    });
  });
});
