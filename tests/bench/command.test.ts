import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "../helpers/program";

describe("npm run bench", () => {
  it("names the benchmarks in one line, and exits 2, for a name that is not one", () => {
    const run = spawnSync(
      process.execPath,
      ["-r", "ts-node/register", path.join(ROOT, "bench/index.ts"), "replya"],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr,
      "no benchmark named replya: choose from test-pattern, policy-pack, startup, replay, state, or name none to run them all\n",
    );
  });
});
