/** What the three commands share: an option table per command, and one way to begin and end. */
export { optionLines, OptionTable, OptionValues, parseOptions, UsageError } from "./options";
export { EXIT_USAGE, Output, PROCESS_OUTPUT, readCommandLine, runMain } from "./command";
