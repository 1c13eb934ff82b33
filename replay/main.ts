/**
 * `npm run replay`: what would these alarms have done? Replays CloudTrail archives through the
 * controls a stack would deploy, simulates each alarm as CloudWatch evaluates it, and reports how
 * often each would have notified, who set it off, and exclusions that would quiet the noisy ones.
 *
 *   npm run -s replay -- [--stack NAME] [--controls id,...] [--pattern-set NAME] [--json] [--html FILE] PATH...
 *   npm run -s replay -- --emit athena|cloudtrail-lake [--table NAME | --event-data-store ID] [--from DAY --to DAY]
 *
 * Exit codes: 0 read and reported, 1 unreadable input, 2 bad arguments or stack config.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EventInputError, eventPlace, listEventFiles, LogEvent, readEventFile } from "../lib/events";
import { parseReplayArgs, ReplayOptions, USAGE, UsageError } from "./args";
import { renderReplayHtml } from "./report/html";
import { PlanError, ReplayPlan, replayPlan } from "./plan";
import { Progress } from "./progress";
import { buildReplayReport, reportJson } from "./report/build";
import { RecordError, Tally } from "./count/tally";
import { emitQueries, SqlOptionError, SqlUnsupportedError } from "./sql";
import { renderReplayText } from "./report/text";
import { ProjectFileError } from "../lib/pulumi/project";

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
    else if (e instanceof PlanError || e instanceof ProjectFileError || pulumi.RunError.isInstance(e)) {
      output.err(`error: ${(e as Error).message}`);
    } else throw e;
    return 2;
  }

  if (options.emit) return emit(options.emit, plan, options.json, output);

  const tally = new Tally(plan.controls);
  const reading = await replayFiles(options, tally, output);
  if (reading === "stopped") return 1;
  const report = buildReplayReport(
    { stack: plan.stack, patternSet: plan.patternSet, files: reading.read },
    plan.controls,
    tally,
  );
  if (options.html !== undefined) {
    try {
      fs.writeFileSync(options.html, renderReplayHtml(report));
    } catch (e) {
      output.err(`cannot write ${options.html}: ${(e as Error).message}`);
      return 2;
    }
  }
  output.out(options.json ? reportJson(report) : renderReplayText(report));
  return reading.unreadable > 0 ? 1 : 0;
}

/**
 * Counts the events of every file of `options.paths`. An unreadable one is reported and stops the
 * replay, or with --keep-going is passed over.
 */
async function replayFiles(
  options: ReplayOptions,
  tally: Tally,
  output: Output,
): Promise<{ read: number; unreadable: number } | "stopped"> {
  const files: string[] = [];
  let unreadable = 0;
  const goOn = (e: unknown): boolean => {
    if (!(e instanceof EventInputError)) throw e;
    output.err(e.message);
    unreadable++;
    return options.keepGoing;
  };
  for (const target of options.paths) {
    try {
      files.push(...listEventFiles(target));
    } catch (e) {
      if (!goOn(e)) return "stopped";
    }
  }
  // Without a terminal nothing is drawn, so the files need not be measured.
  const progress = new Progress(output.terminal, output.terminal ? totalSize(files) : 0);
  let first = false;
  const count = (event: LogEvent) => {
    try {
      tally.add(event.text, first);
      first = false;
    } catch (e) {
      if (e instanceof RecordError) throw new EventInputError(`${eventPlace(event)}: ${e.message}`);
      throw e;
    }
  };
  let read = 0;
  for (const file of files) {
    first = true;
    try {
      await readEventFile(file, count, (bytes) => progress.update(bytes, tally.events));
      read++;
    } catch (e) {
      progress.clear();
      if (!goOn(e)) return "stopped";
    }
    progress.fileDone();
  }
  progress.clear();
  return { read, unreadable };
}

/**
 * Prints SQL to run where the events are. Its matches per period are the replay's; its contributors
 * are not quite: each session of a role is its own ARN there, and they are ranked by matches alone.
 */
function emit(
  options: NonNullable<ReplayOptions["emit"]>,
  plan: ReplayPlan,
  json: boolean,
  output: Output,
): number {
  let queries;
  try {
    queries = emitQueries({
      ...options,
      controls: plan.controls.map((c) => ({
        id: c.control.id,
        pattern: c.pattern,
        periodSeconds: c.alarm.periodSeconds,
      })),
    });
  } catch (e) {
    if (e instanceof SqlUnsupportedError) {
      output.err(`error: ${e.message} (choose the other controls with --controls)`);
    } else if (e instanceof SqlOptionError) output.err(`error: ${e.message}`);
    else throw e;
    return 2;
  }
  output.out(
    json
      ? JSON.stringify({ queries }, null, 2)
      : queries.map(({ control, sql }) => `-- ${control}\n${sql};\n`).join("\n"),
  );
  return 0;
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
