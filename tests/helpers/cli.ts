/** Runs one of the project's commands in a child process, as a user would. */
import { strict as assert } from "assert";
import { spawn, spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "./program";

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  /** Fed to the command's standard input. */
  readonly input?: string;
  /** Added to the environment. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Each command's entry file, by the npm script that runs it. */
const ENTRY_FILES = {
  start: "preview/main.ts",
  replay: "replay/main.ts",
  "test-pattern": "test-pattern/main.ts",
};

export type Script = keyof typeof ENTRY_FILES;

/** The arguments for Node that run `script` with `args`, as `npm run` does. */
export function nodeArguments(script: Script, args: string[]): string[] {
  return ["-r", "ts-node/register", path.join(ROOT, ENTRY_FILES[script]), ...args];
}

function environment(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: "1", ...env };
}

/** Runs the npm script `script` with `args`, feeding `input` to its standard input. */
export function runCommand(script: Script, args: string[], input = ""): CommandResult {
  const result = spawnSync(process.execPath, nodeArguments(script, args), {
    cwd: ROOT,
    input,
    encoding: "utf8",
    env: environment(),
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Commands started with startCommand run two at a time: each takes seconds, mostly waiting on its children.
const PARALLEL = 2;
let active = 0;
const waiting: (() => void)[] = [];

/** Like {@link runCommand}, without blocking: start several in a `before` hook and await them in the tests. */
export async function startCommand(
  script: Script,
  args: string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  if (active >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await new Promise<CommandResult>((resolve, reject) => {
      const child = spawn(process.execPath, nodeArguments(script, args), {
        cwd: ROOT,
        env: environment(options.env),
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(options.input ?? "");
    });
  } finally {
    active--;
    waiting.shift()?.();
  }
}

const shared = new Map<string, Promise<CommandResult>>();

/**
 * Like {@link startCommand} without input or environment, run once for every test that asks for
 * the same command line: tests that check different things of one output share the run.
 */
export function sharedCommand(script: Script, args: string[]): Promise<CommandResult> {
  const key = JSON.stringify([script, args]);
  if (!shared.has(key)) shared.set(key, startCommand(script, args));
  return shared.get(key)!;
}

/** Asserts a command ended with `status`, showing its output when not. */
export function exited(result: CommandResult, status: number): void {
  assert.equal(result.status, status, `exit ${result.status}\n${result.stdout}\n${result.stderr}`);
}

/** A user error is one clear message, never a stack trace. */
export function assertNoStackTrace(result: CommandResult): void {
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
}

/** Asserts none of `texts` (secrets, say) appears on the command's stdout or stderr. */
export function neverShown(result: CommandResult, ...texts: string[]): void {
  for (const text of texts) {
    assert.ok(!result.stdout.includes(text), `stdout shows ${text}`);
    assert.ok(!result.stderr.includes(text), `stderr shows ${text}`);
  }
}
