/**
 * Child processes of a run (the program, the policy pack) never outlive it: they are ended when the
 * run exits, and when it is interrupted (SIGINT) or terminated (SIGTERM), which then exits with the
 * signal's conventional code.
 */
import { ChildProcess } from "child_process";

const running = new Set<ChildProcess>();
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

function endAll(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", endAll);
  for (const [signal, code] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      endAll();
      process.exit(code);
    });
  }
}

/** Ends `child` with this process; forgets it once it has exited. */
export function ownChild<T extends ChildProcess>(child: T): T {
  install();
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/**
 * The port a Pulumi plugin (a policy pack, a component provider) prints once it serves gRPC; if it
 * exits first, an error with what it printed.
 */
export function servingPort(child: ChildProcess, what: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\s*$/m.exec(out);
      if (line) resolve(Number(line[1]));
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) =>
      reject(new Error(`${what} exited with ${code} before serving:\n${err}${out}`)),
    );
    child.on("error", reject);
  });
}
