/**
 * `npm run test-pattern`: `aws logs test-metric-filter`, offline. Tests a CloudWatch Logs filter
 * pattern on log events from files or standard input, and prints the matches and a count (options
 * in ./options.ts). Exit codes: 0 tested (whatever matched), 1 unreadable input, 2 bad arguments or
 * an invalid pattern.
 */
import { EXIT_USAGE, readCommandLine, runMain } from "../lib/cli";
import { EventInputError, readEventFile } from "../lib/events";
import { compileFilterPattern, CompiledPattern, FilterPatternError } from "../policy/filter-pattern";
import { parseTestPatternArgs, TEST_PATTERN_USAGE } from "./options";
import { EventResult, testEvent } from "./test-events";

async function main(argv: string[]): Promise<number> {
  const options = readCommandLine(() => parseTestPatternArgs(argv), TEST_PATTERN_USAGE);
  if (typeof options === "number") return options;

  let pattern: CompiledPattern;
  try {
    pattern = compileFilterPattern(options.pattern);
  } catch (e) {
    if (!(e instanceof FilterPatternError)) throw e;
    console.error(`invalid filter pattern: ${e.message}`);
    if (!options.pattern.includes("\n"))
      console.error(`  ${options.pattern}\n  ${" ".repeat(e.column - 1)}^`);
    return EXIT_USAGE;
  }

  // Only what is printed is kept, as events stream in: a flag per event for --json, else the matches.
  const { json } = options;
  const flags: boolean[] = [];
  const matches: EventResult[] = [];
  let total = 0;
  const record = (result: EventResult) => {
    total++;
    if (json) flags.push(result.matched);
    else if (result.matched) matches.push(result);
  };
  try {
    for (const file of options.files) await readEventFile(file, (event) => record(testEvent(pattern, event)));
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

if (require.main === module) runMain(main);
