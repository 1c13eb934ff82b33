/**
 * The command line of `npm run replay`: each option once, with its help and, for those that only go
 * with --emit, `emitOnly`; the usage and the check for stray --emit options are made from that list.
 */
import { optionLines, OptionValues, parseOptions, UsageError } from "../lib/cli";
import { parseDay } from "./time";

const OPTIONS = {
  stack: {
    type: "string",
    default: "dev",
    value: "NAME",
    help: "stack whose Pulumi.<NAME>.yaml config to replay (default: dev)",
  },
  controls: {
    type: "string",
    value: "ID,...",
    help: "replay these controls instead of the ones the stack chooses",
  },
  "pattern-set": {
    type: "string",
    value: "NAME",
    help: "use this pattern set instead of the stack's (security-hub, cis-latest)",
  },
  json: { type: "boolean", default: false, help: "print one JSON object instead of text" },
  html: {
    type: "string",
    value: "FILE",
    help: "also write a self-contained HTML page with a timeline per control",
  },
  "alert-messages": {
    type: "boolean",
    default: false,
    help: "print the message each notification would have carried, instead of the report",
  },
  "keep-going": {
    type: "boolean",
    default: false,
    help: "pass over bad records and unreadable files, naming each, and report the rest (exit 1)",
  },
  emit: {
    type: "string",
    value: "TARGET",
    help: "read no files: print SQL that counts the same for athena or cloudtrail-lake",
  },
  table: {
    type: "string",
    emitOnly: true,
    value: "NAME",
    help: "with --emit athena: the CloudTrail table (cloudtrail_logs)",
  },
  "event-data-store": {
    type: "string",
    emitOnly: true,
    value: "ID",
    help: "with --emit cloudtrail-lake: the event data store's ID or ARN",
  },
  from: {
    type: "string",
    emitOnly: true,
    value: "YYYY-MM-DD",
    help: "with --emit: the first day to count (UTC)",
  },
  to: {
    type: "string",
    emitOnly: true,
    value: "YYYY-MM-DD",
    help: "with --emit: the last day to count (UTC)",
  },
  combined: {
    type: "boolean",
    emitOnly: true,
    default: false,
    help: "with --emit: one query for all controls, with a control column",
  },
  contributors: {
    type: "boolean",
    emitOnly: true,
    default: false,
    help: "with --emit: who and what set each control off, instead of matches per period",
  },
  help: { type: "boolean", default: false, help: "show this help" },
} as const;

export interface ReplayOptions {
  readonly stack: string;
  readonly controls?: readonly string[];
  readonly patternSet?: string;
  readonly json: boolean;
  readonly html?: string;
  /** Print the alarm details message of each notification instead of the report. */
  readonly alertMessages: boolean;
  readonly keepGoing: boolean;
  readonly help: boolean;
  /** Print SQL for this engine instead of reading events. */
  readonly emit?: {
    readonly target: "athena" | "cloudtrail-lake";
    readonly table?: string;
    readonly eventDataStore?: string;
    readonly from?: string;
    readonly to?: string;
    readonly combined: boolean;
    readonly query: "periods" | "contributors";
  };
  /** Files and folders to read; `-` is standard input. */
  readonly paths: readonly string[];
}

export const REPLAY_USAGE = `usage: npm run -s replay -- [options] PATH...
       npm run -s replay -- --emit athena|cloudtrail-lake [options]

What would the alarms have done? Replays CloudTrail events through every control the stack would
deploy, simulates each alarm as CloudWatch evaluates it, and reports how often it would have gone
into ALARM and who set it off. PATH: CloudTrail log files or folders of them (the S3 layout
AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz, or an organization trail's
AWSLogs/<organization id>/<account>/CloudTrail/...), CloudWatch Logs exports, or JSON lines, gzipped
or not; - for standard input.

${optionLines(OPTIONS)}

With --emit, it reads no events and prints the SQL that counts the same in Amazon Athena or
CloudTrail Lake (one query per control, or one for all with --combined), and --json prints
{"queries": [{"control", "sql"}]}.

Exit codes: 0 read and reported, 1 unreadable input, 2 bad arguments or stack config.`;

type Values = OptionValues<typeof OPTIONS>;

export function parseReplayArgs(argv: readonly string[]): ReplayOptions {
  const { values, positionals } = parseOptions(OPTIONS, argv, true);
  const list = (value: string | undefined) =>
    value
      ?.split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  const result: ReplayOptions = {
    stack: values.stack,
    controls: list(values.controls),
    patternSet: values["pattern-set"],
    json: values.json,
    html: values.html,
    alertMessages: values["alert-messages"],
    keepGoing: values["keep-going"],
    help: values.help,
    emit: emitOptions(values),
    paths: positionals,
  };
  if (result.emit && result.paths.length > 0) {
    throw new UsageError(
      "--emit prints queries to run where the events are, and reads no PATH: leave them out",
    );
  }
  if (result.emit && result.html !== undefined) throw new UsageError("--html is for a replay, not --emit");
  if (result.alertMessages && (result.emit || result.html !== undefined)) {
    throw new UsageError(
      `--alert-messages prints messages instead of the report: leave out --${result.emit ? "emit" : "html"}`,
    );
  }
  if (!result.help && !result.emit && result.paths.length === 0) {
    throw new UsageError(
      "no PATH given: name the CloudTrail files or folders to read, or - for standard input",
    );
  }
  if (result.controls?.length === 0) throw new UsageError("--controls names no control");
  return result;
}

const EMIT_ONLY = (Object.keys(OPTIONS) as (keyof Values)[]).filter((name) => "emitOnly" in OPTIONS[name]);

function emitOptions(values: Values): ReplayOptions["emit"] {
  const target = values.emit;
  if (target === undefined) {
    const stray = EMIT_ONLY.find((name) => values[name] !== undefined && values[name] !== false);
    if (stray) throw new UsageError(`--${stray} goes with --emit athena or --emit cloudtrail-lake`);
    return undefined;
  }
  if (target !== "athena" && target !== "cloudtrail-lake") {
    throw new UsageError(`--emit ${target} is not a query engine: use athena or cloudtrail-lake`);
  }
  for (const name of ["from", "to"] as const) {
    const day = values[name];
    if (day !== undefined && parseDay(day) === undefined) {
      throw new UsageError(`--${name} ${day} is not a day: use YYYY-MM-DD, such as 2026-01-31`);
    }
  }
  if (values.from !== undefined && values.to !== undefined && values.from > values.to) {
    throw new UsageError(`--from ${values.from} is after --to ${values.to}`);
  }
  return {
    target,
    table: values.table,
    eventDataStore: values["event-data-store"],
    from: values.from,
    to: values.to,
    combined: values.combined,
    query: values.contributors ? "contributors" : "periods",
  };
}
