/** Runs one of the project's commands in a child process, as a user would. */
import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "./program";

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `offline/<script>.ts` with `args`, feeding `input` to its standard input. */
export function runCommand(script: string, args: string[], input = ""): CommandResult {
  const result = spawnSync(
    process.execPath,
    ["-r", "ts-node/register", path.join(ROOT, "offline", `${script}.ts`), ...args],
    {
      cwd: ROOT,
      input,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
