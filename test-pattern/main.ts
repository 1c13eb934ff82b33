/**
 * test-pattern: `aws logs test-metric-filter`, offline. Tests a CloudWatch Logs filter pattern on
 * log events from files or standard input, and prints the matches and a count.
 *
 *   npm run -s test-pattern -- --pattern '<pattern>' [--json] [FILE ...]
 *
 * Exit codes: 0 tested (whatever matched), 1 unreadable input, 2 bad arguments or invalid pattern.
 */
import { parseArgs } from "util";
import { EventInputError, readEventFile } from "../lib/events";
import { compileFilterPattern, CompiledPattern, FilterPatternError } from "../policy/filter-pattern";
import { EventResult, testEvent } from "./test-events";

const USAGE = `usage: npm run -s test-pattern -- --pattern '<filter pattern>' [--json] [FILE ...]

Tests a CloudWatch Logs filter pattern on log events, offline. Reads each FILE (or standard input
when none is given, or for '-'): JSON lines, one JSON object, or a CloudTrail log file
({"Records": [...]}), gzipped or not.

  --pattern P   the filter pattern, e.g. '{ $.errorCode = "AccessDenied*" }'
  --json        print one JSON object: {"total": N, "matched": K, "matches": [true, false, ...]}
  --help        show this help`;

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { pattern: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } },
      allowPositionals: true,
    });
  } catch (e) {
    return usageError((e as Error).message);
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.values.pattern === undefined) return usageError("--pattern is required");

  let pattern: CompiledPattern;
  try {
    pattern = compileFilterPattern(args.values.pattern);
  } catch (e) {
    if (!(e instanceof FilterPatternError)) throw e;
    console.error(`invalid filter pattern: ${e.message}`);
    if (!args.values.pattern.includes("\n"))
      console.error(`  ${args.values.pattern}\n  ${" ".repeat(e.column - 1)}^`);
    return 2;
  }

  // Only what is printed is kept, as events stream in: a flag per event for --json, else the matches.
  const json = args.values.json === true;
  const flags: boolean[] = [];
  const matches: EventResult[] = [];
  let total = 0;
  const record = (result: EventResult) => {
    total++;
    if (json) flags.push(result.matched);
    else if (result.matched) matches.push(result);
  };
  try {
    const files = args.positionals.length > 0 ? args.positionals : ["-"];
    for (const file of files) await readEventFile(file, (event) => record(testEvent(pattern, event)));
  } catch (e) {
    if (!(e instanceof EventInputError)) throw e;
    console.error(e.message);
    return 1;
  }

  if (json) {
    console.log(JSON.stringify({ total, matched: flags.filter(Boolean).length, matches: flags }));
  } else {
    for (const r of matches) console.log(`${r.source}${r.position}\t${r.text}`);
    console.log(`${matches.length} of ${total} event${total === 1 ? "" : "s"} match`);
  }
  return 0;
}

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
