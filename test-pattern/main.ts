/**
 * `npm run test-pattern`: `aws logs test-metric-filter`, offline. Tests a CloudWatch Logs filter
 * pattern on log events from files or standard input, and prints the matches and a count (options
 * in ./options.ts). Exit codes: 0 tested (whatever matched), 1 unreadable input, 2 bad arguments or
 * an invalid pattern.
 */
import { EXIT_USAGE, readCommandLine, runMain, terminalText } from "../lib/cli";
import { EventInputError, readEventFile } from "../lib/events";
import { compileFilterPattern, CompiledPattern, FilterPatternError } from "../policy/filter-pattern";
import { parseTestPatternArgs, TEST_PATTERN_USAGE } from "./options";
import { testEvent } from "./test-events";
import { Results } from "./results";

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

  // Matches are printed as each block of input is read, so memory stays flat however many match;
  // --json keeps one byte per event for its list.
  const results = new Results((text) => process.stdout.write(text), options.json);
  try {
    for (const file of options.files) {
      await readEventFile(file, (event) => results.add(testEvent(pattern, event)), {
        onProgress: () => results.flush(),
      });
    }
  } catch (e) {
    if (!(e instanceof EventInputError)) throw e;
    results.flush();
    console.error(terminalText(e.message));
    return 1;
  }
  results.end();
  return 0;
}

if (require.main === module) runMain(main);
