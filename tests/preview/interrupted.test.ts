import { strict as assert } from "assert";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import { nodeArguments } from "../helpers/cli";
import { fixture } from "../helpers/preview";
import { ROOT } from "../helpers/program";

describe("npm start when interrupted", () => {
  /** The process ids of `pid`'s children. */
  const childrenOf = (pid: number) =>
    execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter(([, ppid]) => ppid === pid)
      .map(([child]) => child);
  // A process that ended but was not yet reaped by its new parent counts as ended.
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return false;
    }
  };

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`leaves no program or policy pack running after ${signal}`, async () => {
      const run: ChildProcess = spawn(
        process.execPath,
        nodeArguments("start", ["--program", fixture("trail-without-alarm")]),
        { cwd: ROOT, stdio: "ignore" },
      );
      let children: number[] = [];
      // Wait until both the program and the policy pack run.
      for (let i = 0; i < 600 && children.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        children = childrenOf(run.pid!);
      }
      assert.equal(children.length, 2, "program and policy pack started");
      const exit = new Promise<number | null>((resolve) => run.on("exit", (code) => resolve(code)));
      run.kill(signal);
      assert.equal(await exit, signal === "SIGTERM" ? 143 : 130);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(children.filter(alive), []);
    });
  }
});
