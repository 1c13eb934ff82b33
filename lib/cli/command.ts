/** How the commands begin and end: where they write, how they read their command line, their exit codes. */
import { UsageError } from "./options";

/** The exit code of a command line that cannot be read, in every command; also of one that crashed. */
export const EXIT_USAGE = 2;

/** Where a command writes: standard output and error, and the terminal for a progress bar. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly terminal?: NodeJS.WriteStream;
}

export const PROCESS_OUTPUT: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  terminal: process.stderr.isTTY ? process.stderr : undefined,
};

/**
 * The command's options from `parse`; or, when there is nothing more to do, the exit code: 0 after
 * printing the usage for --help, 2 after printing what is wrong with the command line and the usage.
 */
export function readCommandLine<T extends { help: boolean }>(
  parse: () => T,
  usage: string,
  output: Pick<Output, "out" | "err"> = PROCESS_OUTPUT,
): T | number {
  let options: T;
  try {
    options = parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    output.err(`${e.message}\n\n${usage}`);
    return EXIT_USAGE;
  }
  if (!options.help) return options;
  output.out(usage);
  return 0;
}

/**
 * Runs a command as the process's entry point: what `main` returns is the exit code. A crash is a
 * bug, never the user's input: it is printed with its stack, and exits 2.
 */
export function runMain(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e);
      process.exitCode = EXIT_USAGE;
    },
  );
}
