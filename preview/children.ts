/**
 * Child processes of a run (the program and every process it starts, the policy pack) never
 * outlive it. Each child leads a process group of its own, which is ended as a whole: when the child
 * exits (what it started goes with it), when the run exits, and when the run is interrupted
 * (SIGINT), terminated (SIGTERM) or hung up on (SIGHUP), which then exits with the signal's
 * conventional code. When the run dies with no chance to end them (SIGKILL), a reaper process
 * (./reaper.js), told of each group, ends them once its pipe from the run closes.
 */
import { ChildProcess, spawn, SpawnOptions } from "child_process";
import * as path from "path";
import type { Writable } from "stream";

const running = new Set<number>();
const SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
let reaper: Writable | undefined;

function endGroup(group: number): void {
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // The group has ended already.
  }
}

function endAll(): void {
  for (const group of running) endGroup(group);
  running.clear();
}

/** Starts the reaper and the handlers, once. */
function install(): Writable {
  if (reaper) return reaper;
  const child = spawn(process.execPath, [path.join(__dirname, "reaper.js")], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  // Neither the reaper nor its pipe keeps this process running.
  child.unref();
  (child.stdin as Writable & { unref?: () => void }).unref?.();
  child.stdin!.on("error", () => undefined);
  reaper = child.stdin!;
  process.on("exit", endAll);
  for (const [signal, code] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      endAll();
      process.exit(code);
    });
  }
  return reaper;
}

/**
 * Starts `command` as a child that ends with this process, in a process group of its own that is
 * ended once the child exits, before 'exit' is emitted.
 */
export function ownChild(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const pipe = install();
  const child = spawn(command, args, { ...options, detached: true });
  const group = child.pid;
  if (group === undefined) return child; // it did not start: 'error' follows
  running.add(group);
  pipe.write(`+${group}\n`);
  child.prependOnceListener("exit", () => {
    endGroup(group);
    running.delete(group);
    pipe.write(`-${group}\n`);
  });
  return child;
}

/** How much of what a plugin printed before it stopped is shown: its last lines, without stack frames. */
const SHOWN_OUTPUT_LINES = 10;
const STACK_FRAME = /^\s+at /;
const KEPT_OUTPUT = 64 * 1024;

/**
 * The port a Pulumi plugin (a policy pack, a component provider) prints once it serves gRPC; if it
 * exits first, an error with how it ended and the end of what it printed.
 */
export function servingPort(child: ChildProcess, what: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-KEPT_OUTPUT);
      const line = /^(\d+)\s*$/m.exec(out);
      if (line) resolve(Number(line[1]));
    });
    child.stderr!.on("data", (chunk: Buffer) => (err = (err + chunk.toString()).slice(-KEPT_OUTPUT)));
    child.on("exit", (code, signal) => {
      const output = `${err}${out}`
        .trimEnd()
        .split("\n")
        .filter((line) => !STACK_FRAME.test(line))
        .slice(-SHOWN_OUTPUT_LINES)
        .join("\n");
      reject(
        new Error(
          `${what} stopped (${signal ?? `exit code ${code}`}) before it served: ${output || "it printed nothing"}`,
        ),
      );
    });
    child.on("error", reject);
  });
}
