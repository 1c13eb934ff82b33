/**
 * `npm run replay`: what would these alarms have done? Replays CloudTrail archives through the
 * controls a stack would deploy, simulates each alarm as CloudWatch evaluates it, and reports how
 * often each would have notified, who set it off, and exclusions that would quiet the noisy ones.
 *
 *   npm run -s replay -- [--stack NAME] [--controls id,...] [--pattern-set NAME] [--json] [--html FILE] PATH...
 *
 * Exit codes: 0 read and reported, 1 unreadable input, 2 bad arguments or stack config.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EventInputError, eventPlace, listEventFiles, readEventFile } from "./events";
import { parseReplayArgs, ReplayOptions, USAGE, UsageError } from "./replay/args";
import { renderHtml } from "./replay/html";
import { PlanError, ReplayPlan, replayPlan } from "./replay/plan";
import { Progress } from "./replay/progress";
import { buildReport, reportJson } from "./replay/report";
import { RecordError, Tally } from "./replay/tally";
import { renderText } from "./replay/text";
import { StackFileError } from "./stack-file";

const ROOT = path.resolve(__dirname, "..");

/** Where the command writes: standard output and error, and the terminal for a progress bar. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly terminal?: NodeJS.WriteStream;
}

const PROCESS_OUTPUT: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  terminal: process.stderr.isTTY ? process.stderr : undefined,
};

export async function main(
  argv: readonly string[],
  output = PROCESS_OUTPUT,
  projectDir = ROOT,
): Promise<number> {
  let options: ReplayOptions;
  let plan: ReplayPlan;
  try {
    options = parseReplayArgs(argv);
    if (options.help) {
      output.out(USAGE);
      return 0;
    }
    plan = replayPlan(projectDir, options);
  } catch (e) {
    if (e instanceof UsageError) output.err(`${e.message}\n\n${USAGE}`);
    else if (e instanceof PlanError || e instanceof StackFileError || pulumi.RunError.isInstance(e)) {
      output.err(`error: ${(e as Error).message}`);
    } else throw e;
    return 2;
  }

  const tally = new Tally(plan.controls);
  const files: string[] = [];
  let unreadable = 0;
  const fail = (e: unknown): boolean => {
    if (!(e instanceof EventInputError)) throw e;
    output.err(e.message);
    unreadable++;
    return options.keepGoing;
  };
  for (const target of options.paths) {
    try {
      files.push(...listEventFiles(target));
    } catch (e) {
      if (!fail(e)) return 1;
    }
  }
  const progress = new Progress(output.terminal, totalSize(files));
  let read = 0;
  for (const file of files) {
    try {
      await readEventFile(
        file,
        (event) => {
          try {
            tally.add(event.text);
          } catch (e) {
            if (e instanceof RecordError) throw new EventInputError(`${eventPlace(event)}: ${e.message}`);
            throw e;
          }
        },
        (bytes) => progress.update(bytes, tally.events),
      );
      read++;
    } catch (e) {
      progress.clear();
      if (!fail(e)) return 1;
    }
    progress.fileDone();
  }
  progress.clear();

  const report = buildReport(
    { stack: plan.stack, patternSet: plan.patternSet, files: read },
    plan.controls,
    tally,
  );
  if (options.html !== undefined) {
    try {
      fs.writeFileSync(options.html, renderHtml(report));
    } catch (e) {
      output.err(`cannot write ${options.html}: ${(e as Error).message}`);
      return 2;
    }
  }
  output.out(options.json ? reportJson(report) : renderText(report));
  return unreadable > 0 ? 1 : 0;
}

function totalSize(files: readonly string[]): number {
  return files.reduce(
    (sum, file) => sum + (file === "-" ? 0 : (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0)),
    0,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
}
