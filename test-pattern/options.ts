/** The command line of `npm run test-pattern`: its options, its usage, and the check of both. */
import { optionLines, parseOptions, UsageError } from "../lib/cli";

const OPTIONS = {
  pattern: {
    type: "string",
    value: "P",
    help: `the filter pattern, e.g. '{ $.errorCode = "AccessDenied*" }'`,
  },
  json: {
    type: "boolean",
    default: false,
    help: 'print one JSON object: {"total": N, "matched": K, "matches": [true, false, ...]}',
  },
  help: { type: "boolean", default: false, help: "show this help" },
} as const;

export interface TestPatternOptions {
  readonly pattern: string;
  readonly json: boolean;
  readonly help: boolean;
  /** Files to read; `-` is standard input. */
  readonly files: readonly string[];
}

export const TEST_PATTERN_USAGE = `usage: npm run -s test-pattern -- --pattern '<filter pattern>' [--json] [FILE ...]

Tests a CloudWatch Logs filter pattern on log events, offline. Reads each FILE (or standard input
when none is given, or for '-'): JSON lines, one JSON object, or a CloudTrail log file
({"Records": [...]}), gzipped or not.

${optionLines(OPTIONS, 13)}`;

export function parseTestPatternArgs(argv: readonly string[]): TestPatternOptions {
  const { values, positionals } = parseOptions(OPTIONS, argv, true);
  if (!values.help && values.pattern === undefined) throw new UsageError("--pattern is required");
  return {
    pattern: values.pattern ?? "",
    json: values.json,
    help: values.help,
    files: positionals.length > 0 ? positionals : ["-"],
  };
}
