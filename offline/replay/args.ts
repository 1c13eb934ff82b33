/** The command line of `npm run replay`: each option once, with its help, so adding one is one entry. */
import { parseArgs, ParseArgsConfig } from "util";

/** Arguments the user can fix: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

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
  "keep-going": {
    type: "boolean",
    default: false,
    help: "report an unreadable file and go on with the others (exit 1)",
  },
  help: { type: "boolean", default: false, help: "show this help" },
} as const;

export interface ReplayOptions {
  readonly stack: string;
  readonly controls?: readonly string[];
  readonly patternSet?: string;
  readonly json: boolean;
  readonly html?: string;
  readonly keepGoing: boolean;
  readonly help: boolean;
  /** Files and folders to read; `-` is standard input. */
  readonly paths: readonly string[];
}

export const USAGE = `usage: npm run -s replay -- [options] PATH...

What would the alarms have done? Replays CloudTrail events through every control the stack would
deploy, simulates each alarm as CloudWatch evaluates it, and reports how often it would have gone
into ALARM and who set it off. PATH: CloudTrail log files or folders of them (the S3 layout
AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz), CloudWatch Logs exports, or JSON lines,
gzipped or not; - for standard input.

${Object.entries(OPTIONS)
  .map(([name, o]) => `  ${`--${name}${"value" in o ? ` ${o.value}` : ""}`.padEnd(22)} ${o.help}`)
  .join("\n")}

Exit codes: 0 read and reported, 1 unreadable input, 2 bad arguments or stack config.`;

export function parseReplayArgs(argv: readonly string[]): ReplayOptions {
  const options = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]) => [
      name,
      { type: o.type, ...("default" in o ? { default: o.default } : {}) },
    ]),
  ) as ParseArgsConfig["options"];
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const list = (value: string | boolean | undefined) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "")
      : undefined;
  const result: ReplayOptions = {
    stack: values.stack as string,
    controls: list(values.controls),
    patternSet: values["pattern-set"] as string | undefined,
    json: values.json as boolean,
    html: values.html as string | undefined,
    keepGoing: values["keep-going"] as boolean,
    help: values.help as boolean,
    paths: parsed.positionals,
  };
  if (!result.help && result.paths.length === 0) {
    throw new UsageError(
      "no PATH given: name the CloudTrail files or folders to read, or - for standard input",
    );
  }
  if (result.controls?.length === 0) throw new UsageError("--controls names no control");
  return result;
}
