/** Why a program did not run to its end offline, in one message for the user. */
import * as path from "path";
import { ProgramExit } from "./child";
import { OfflineEngine } from "./engine";
import { OfflineInvokes, UnansweredInvokeError } from "./invokes";

/** How many of the program's last output lines a message shows. */
const SHOWN_LINES = 20;

export function failureMessage(
  engine: OfflineEngine,
  invokes: OfflineInvokes,
  exit: ProgramExit,
  pwd: string,
  timeoutSeconds: number,
): string {
  if (exit.timedOut) {
    return (
      `the program was still running after ${timeoutSeconds} s, and was stopped: ` +
      "let it run longer with --timeout SECONDS"
    );
  }
  if (invokes.unanswered.length > 0) return new UnansweredInvokeError(invokes.unanswered).message;
  const first = engine.cloudReads[0];
  if (first) {
    return (
      `the program ${first.kind === "read" ? `reads ${first.token} ${first.detail} from the cloud` : `calls ${first.token}, which runs in a provider`}, ` +
      "which an offline run cannot do: run `pulumi preview --policy-pack policy` with the CLI, or check the deployed stack with --state"
    );
  }
  if (engine.errors.length > 0) return programError(engine.errors[0], pwd);
  return howItEnded(exit);
}

/** A program that ended without saying why, as far as its exit tells. */
function howItEnded({ code, signal, output }: ProgramExit): string {
  if (/JavaScript heap out of memory/.test(output)) {
    return (
      "the program ran out of memory (Node.js's heap limit): give it more with " +
      "`nodeargs: --max-old-space-size=<MiB>` in the runtime options of its Pulumi.yaml"
    );
  }
  if (signal === "SIGKILL") {
    return `the program was killed (SIGKILL: by the system when out of memory, or by someone) before it finished${lastLines(output)}`;
  }
  if (signal !== null) return `the program was ended by ${signal} before it finished${lastLines(output)}`;
  return `the program exited with code ${code} before it finished${lastLines(output)}`;
}

/** The end of what the program printed, or that it printed nothing. */
function lastLines(output: string): string {
  const lines = output.trimEnd().split("\n");
  if (lines.length === 1 && lines[0] === "") return ", printing nothing";
  const shown = lines.slice(-SHOWN_LINES);
  const left = lines.length - shown.length;
  return `; it printed${left > 0 ? `, after ${left} more lines` : ""}:\n${shown.join("\n")}`;
}

/**
 * The program's own error, where it was thrown: `Running program '…' failed with an unhandled
 * exception: Error: boom / at … (/project/index.ts:3:7)` reads `the program failed at index.ts:3: Error: boom`.
 */
function programError(message: string, pwd: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = message.replace(/\u001b\[[0-9;]*m/g, "");
  const unhandled = /^Running program '[^']*' failed with an unhandled exception:\n/.exec(plain);
  if (!unhandled) return plain;
  const lines = plain.slice(unhandled[0].length).split("\n");
  const frames = lines.filter((l) => /^\s+at /.test(l));
  const text = lines.filter((l) => !/^\s+at /.test(l) && l.trim() !== "");
  const own = frames
    .map((f) => /\(?(?:file:\/\/)?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):\d+\)?$/.exec(f))
    .find((m) => m && !m[1].includes(`${path.sep}node_modules${path.sep}`));
  const where = own ? ` at ${path.relative(pwd, own[1])}:${own[2]}` : "";
  return `the program failed${where}: ${text.join("\n")}`;
}
