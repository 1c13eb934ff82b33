/** What the three commands share: an option table per command, one way to begin and end, and safe text. */
export { optionLines, OptionTable, OptionValues, parseOptions, UsageError } from "./options";
export { EXIT_USAGE, Output, PROCESS_OUTPUT, readCommandLine, runMain } from "./command";
export { terminalText } from "./terminal-text";
