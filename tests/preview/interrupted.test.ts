import { strict as assert } from "assert";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import { nodeArguments } from "../helpers/cli";
import { misbehaving } from "../helpers/preview";
import { ROOT } from "../helpers/program";

describe("npm start when interrupted or killed", () => {
  /** The process ids of every descendant of `pid`. */
  const descendantsOf = (pid: number): number[] => {
    const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/).map(Number));
    const found: number[] = [];
    for (let parents = [pid]; parents.length > 0;) {
      parents = table.filter(([, ppid]) => parents.includes(ppid)).map(([child]) => child);
      found.push(...parents);
    }
    return found;
  };
  const commandOf = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      return "";
    }
  };
  // A process that ended but was not yet reaped by its new parent counts as ended.
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return false;
    }
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  // A program that has started a process of its own and spins printing at full CPU.
  const project = misbehaving("run-away");
  const cases = [
    { signal: "SIGTERM", code: 143 },
    { signal: "SIGINT", code: 130 },
    { signal: "SIGHUP", code: 129 },
    { signal: "SIGKILL", code: null },
  ] as const;
  for (const { signal, code } of cases) {
    it(`leaves no program, process of the program or policy pack running after ${signal}`, async () => {
      const run: ChildProcess = spawn(process.execPath, nodeArguments("start", ["--program", project]), {
        cwd: ROOT,
        stdio: "ignore",
      });
      const exit = new Promise<number | null>((resolve) => run.on("exit", (c) => resolve(c)));
      let started: number[] = [];
      // Wait until the program has started its own process, and the policy pack runs.
      const running = (pattern: RegExp) =>
        started.some((pid) => pattern.test(commandOf(pid).replace(/\0/g, " ")));
      for (let i = 0; i < 600 && !(running(/^sleep 300/) && running(/run-policy-pack/)); i++) {
        await sleep(100);
        started = descendantsOf(run.pid!);
      }
      assert.ok(running(/^sleep 300/) && running(/run-policy-pack/), "program, its process and pack started");
      run.kill(signal);
      assert.equal(await exit, code);
      await sleep(1000);
      assert.deepEqual(
        started.filter(alive).map((pid) => commandOf(pid).replace(/\0/g, " ")),
        [],
        "still running",
      );
    });
  }
});
