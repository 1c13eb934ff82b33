import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { CommandResult, exited, startCommand } from "../helpers/cli";
import { failedWith, fixture, JsonResource, misbehaving } from "../helpers/preview";
import { ROOT } from "../helpers/program";
import { tempFile, tempFiles } from "../helpers/temp-files";

describe("npm start --program within bounds, and saying how a program ended", () => {
  const EMAILS = 5000;
  let runs: Record<string, Promise<CommandResult>>;
  before(() => {
    const program = (project: string, ...args: string[]) =>
      startCommand("start", ["--program", project, ...args]);
    const largeConfig = tempFiles({
      "Pulumi.yaml": `name: large-config\nruntime: nodejs\nmain: ${fixture("large-config")}\n`,
      "Pulumi.dev.yaml": [
        "config:",
        "  large-config:big: 9007199254740993",
        "  large-config:blank:",
        "  large-config:alertEmails:",
        ...Array.from({ length: EMAILS }, (_, i) => `    - on-call-${i}@teams.example.org`),
        "",
      ].join("\n"),
    });
    runs = {
      runAway: program(misbehaving("run-away"), "--timeout", "3"),
      exit: program(misbehaving("exit")),
      outOfMemory: program(misbehaving("run-out-of-memory", {}, "--max-old-space-size=128")),
      requireUnset: program(misbehaving("require-unset")),
      largeConfig: program(largeConfig, "--json"),
    };
  });

  it("stops a program that runs too long (busy, printing without end), in one line", async () => {
    const result = await runs.runAway;
    failedWith(
      result,
      /^error: the program was still running after 3 s, and was stopped: let it run longer with --timeout SECONDS\n$/,
    );
  });

  it("says what happened when a program exits early or runs out of memory", async () => {
    failedWith(
      await runs.exit,
      /^error: the program exited with code 3 before it finished, printing nothing\n$/,
    );
    failedWith(
      await runs.outOfMemory,
      /^error: the program ran out of memory \(Node\.js's heap limit\): give it more with `nodeargs: --max-old-space-size=<MiB>` in the runtime options of its Pulumi\.yaml\n$/,
    );
  });

  it("says which config key a program requires", async () => {
    failedWith(
      await runs.requireUnset,
      /^error: Missing required configuration variable 'misbehaving:unset'\n\tplease set a value using the command `pulumi config set misbehaving:unset <value>`\n$/,
    );
  });

  it(`hands a program config of any size (${EMAILS} addresses), each value as written`, async () => {
    const result = await runs.largeConfig;
    exited(result, 0);
    const topic = (JSON.parse(result.stdout).resources as JsonResource[]).find((r) =>
      r.name.startsWith("alerts-for-"),
    );
    assert.equal(topic?.name, `alerts-for-${EMAILS}`);
    assert.deepEqual(topic?.properties?.tags, { big: "9007199254740993", blank: "" });
  });

  it("shows a program's uncaught error at once, where Node.js 20's coloured inspection of it would loop", () => {
    // A stack frame as source maps make of the SDK's own: a path that ends in node_modules/<scope>/<file>.
    const script = [
      'const error = new Error("Missing required configuration variable");',
      'error.stack += "\\n    at Config.require (/p/node_modules/@pulumi/config.ts:313:21)";',
      'process.stdout.write(require("util").inspect(error, { colors: true }).split("\\n")[0]);',
    ].join("\n");
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, "preview/program/language-host.js"), tempFile("inspect.js", script)],
      { input: "{}", encoding: "utf8", timeout: 20_000 },
    );
    assert.equal(result.stdout, "Error: Missing required configuration variable", result.stderr);
  });
});
