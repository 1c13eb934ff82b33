/** CloudWatch Logs filter patterns: parse, print and evaluate them as CloudWatch Logs does. */
export * from "./syntax";
export { FilterPatternError, UnsupportedPatternError } from "./errors";
export { parseFilterPattern } from "./parse";
export { printExpression, printFilterPattern, printSelector, printStep } from "./print";
export { compileFilterPattern, CompiledPattern } from "./evaluate";
export { parseJsonText, JsonNumber, JsonTextError, EventValue } from "./json-text";
export { disjunctiveNormalForm, Condition, Disjunct } from "./dnf";
