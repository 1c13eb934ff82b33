/** Link 2: does a metric filter's pattern catch what the control is about, and nothing else? */
import { Control } from "../catalog";
import { compileFilterPattern, EventValue, FilterPatternError } from "../filter-pattern";

/** Why a pattern does not do the control's job, or undefined when it does. */
export type PatternVerdict = string | undefined;

const verdicts = new Map<string, PatternVerdict>();

/**
 * Decides by evaluating the pattern on the control's sample events, so any spelling of a correct
 * pattern passes. With `exact`, only the Security Hub string itself does.
 */
export function judgePattern(pattern: string, control: Control, exact: boolean): PatternVerdict {
  if (exact) {
    const required = control.patterns["security-hub"];
    return pattern === required ? undefined : `is not the exact pattern Security Hub requires (${required})`;
  }
  const key = `${control.id}\u0000${pattern}`;
  if (!verdicts.has(key)) verdicts.set(key, evaluate(pattern, control));
  return verdicts.get(key);
}

function evaluate(pattern: string, control: Control): PatternVerdict {
  let compiled;
  try {
    compiled = compileFilterPattern(pattern);
  } catch (e) {
    if (e instanceof FilterPatternError) return `does not parse: ${e.message}`;
    throw e;
  }
  const problems = [
    ...control.samples.mustMatch
      .filter((s) => !compiled.matches(s.record as EventValue))
      .map((s) => `misses ${s.description}`),
    ...control.samples.mustNotMatch
      .filter((s) => compiled.matches(s.record as EventValue))
      .map((s) => `also matches ${s.description}, so the alarm would fire on ordinary activity`),
  ];
  return problems.length === 0 ? undefined : problems.join("; ");
}
