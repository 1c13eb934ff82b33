/**
 * `npm run replay`: what would these alarms have done? Replays CloudTrail archives through the
 * controls a stack would deploy, simulates each alarm as CloudWatch evaluates it, and reports how
 * often each would have notified, who set it off, and exclusions that would quiet the noisy ones
 * (options and exit codes in ./options.ts).
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EXIT_USAGE, Output, PROCESS_OUTPUT, readCommandLine, runMain, terminalText } from "../lib/cli";
import { ProjectFileError } from "../lib/pulumi/project";
import { Tally } from "./count/tally";
import { parseReplayArgs, ReplayOptions, REPLAY_USAGE } from "./options";
import { PlanError, ReplayPlan, replayPlan } from "./plan";
import { passedOver, tallyFiles } from "./tally-files";
import { printAlertMessages } from "./alert-messages";
import { buildReplayReport, reportJson } from "./report/build";
import { renderReplayHtml } from "./report/html";
import { renderReplayText } from "./report/text";
import { emitQueries, SqlOptionError, SqlUnsupportedError } from "./sql";

const ROOT = path.resolve(__dirname, "..");

export async function main(
  argv: readonly string[],
  output = PROCESS_OUTPUT,
  projectDir = ROOT,
): Promise<number> {
  const options = readCommandLine(() => parseReplayArgs(argv), REPLAY_USAGE, output);
  if (typeof options === "number") return options;
  let plan: ReplayPlan;
  try {
    plan = replayPlan(projectDir, options);
  } catch (e) {
    if (!(e instanceof PlanError || e instanceof ProjectFileError || pulumi.RunError.isInstance(e))) throw e;
    output.err(`error: ${(e as Error).message}`);
    return EXIT_USAGE;
  }

  if (options.emit) return emit(options.emit, plan, options.controls !== undefined, options.json, output);
  if (options.alertMessages) return printAlertMessages(options, plan, output, projectDir);

  const tally = new Tally(plan.controls);
  const reading = await tallyFiles(options, tally, output);
  if (reading === "stopped") return 1;
  const report = buildReplayReport(
    {
      stack: plan.stack,
      patternSet: plan.patternSet,
      files: reading.files,
      leftOut: reading.leftOut,
      deliveryAlarm: plan.deliveryAlarm,
    },
    plan.controls,
    tally,
  );
  // Each output is written whatever becomes of the other.
  const written = [
    write(output, "the report", () =>
      output.out(options.json ? reportJson(report) : renderReplayText(report)),
    ),
    options.html === undefined ||
      write(output, options.html, () => fs.writeFileSync(options.html!, renderReplayHtml(report))),
  ];
  if (written.includes(false)) return EXIT_USAGE;
  return passedOver(reading) ? 1 : 0;
}

/** Runs `writeIt`; on failure, says what could not be written and why. */
function write(output: Output, what: string, writeIt: () => void): boolean {
  try {
    writeIt();
    return true;
  } catch (e) {
    output.err(terminalText(`error: cannot write ${what}: ${(e as Error).message}`));
    return false;
  }
}

/**
 * Prints SQL to run where the events are. Its matches per period are the replay's; its contributors
 * are not quite: each session of a role is its own ARN there, and they are ranked by matches alone.
 */
function emit(
  options: NonNullable<ReplayOptions["emit"]>,
  plan: ReplayPlan,
  chosen: boolean,
  json: boolean,
  output: Output,
): number {
  const leftOut: { control: string; reason: string }[] = [];
  let queries;
  try {
    queries = emitQueries({
      ...options,
      controls: plan.controls.map((c) => ({
        id: c.control.id,
        pattern: c.pattern,
        periodSeconds: c.alarm.periodSeconds,
      })),
      // The stack's controls that have no SQL are left out, and said; controls asked for are not.
      onLeftOut: chosen
        ? undefined
        : (control, e) => {
            output.err(`left out: ${e.message}`);
            leftOut.push({ control, reason: e.message });
          },
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
      ? JSON.stringify({ queries, ...(leftOut.length > 0 ? { leftOut } : {}) }, null, 2)
      : queries.map(({ control, sql }) => `-- ${control}\n${sql};\n`).join("\n"),
  );
  return 0;
}

if (require.main === module) runMain((argv) => main(argv));
