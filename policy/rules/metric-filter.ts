/** Step 3, metric filter: does a metric filter's pattern catch what the control is about, and nothing ordinary? */
import { Control } from "../catalog";
import {
  compileFilterPattern,
  EventValue,
  FilterPatternError,
  UnsupportedPatternError,
} from "../filter-pattern";
import { memo } from "../stack/maps";
import { witnesses } from "./witnesses";

export interface PatternJudgement {
  /** Why the pattern does not do the control's job, or undefined when it does. */
  readonly problem?: string;
  /** What it catches that the control leaves out: the alarm will be noisier. */
  readonly noise: readonly string[];
  /** How much of the control it catches, from 0 (none of its events) to 1: ranks wrong filters in messages. */
  readonly closeness: number;
  /** A pattern CloudWatch Logs rejects. */
  readonly unparsable?: true;
}

/** How many examples a message lists before it says how many more there are. */
export const LISTED = 3;

// By control and exact flag, then by the pattern string itself (whose hash the string keeps).
const judged = new Map<string, Map<string, PatternJudgement>>();

/**
 * Judges a pattern by meaning: it must catch every event the control exists to catch (the
 * catalog's samples, and the witnesses built from its reference pattern) and no ordinary event.
 * Any spelling of a correct pattern passes, and one that catches more passes with a note.
 * With `exact`, a control that Security Hub checks needs the very string Security Hub compares.
 */
export function judgePattern(pattern: string, control: Control, exact: boolean): PatternJudgement {
  const key = exact ? `${control.id} exactly` : control.id;
  const byPattern = memo(judged, key, () => new Map<string, PatternJudgement>());
  return memo(byPattern, pattern, () => judge(pattern, control, exact));
}

function judge(pattern: string, control: Control, exact: boolean): PatternJudgement {
  if (exact && control.securityHub && pattern !== control.securityHub.pattern) {
    // Ranked by meaning, so that a filter that does the job in other words leads the message.
    const meaning = judgePattern(pattern, control, false);
    return {
      problem: `is not the exact pattern Security Hub ${control.securityHub.id} requires (${control.securityHub.pattern})`,
      noise: [],
      closeness: meaning.problem ? meaning.closeness * 0.9 : 0.95,
    };
  }
  let compiled;
  try {
    compiled = compileFilterPattern(pattern);
  } catch (e) {
    if (e instanceof FilterPatternError) {
      // Space-delimited patterns are valid; this engine only does not evaluate them.
      const unparsable = e instanceof UnsupportedPatternError ? {} : { unparsable: true as const };
      return { problem: `does not parse: ${e.message}`, noise: [], closeness: 0, ...unparsable };
    }
    throw e;
  }
  const catches = (record: object) => compiled.matches(record as EventValue);
  const { mustMatch, nearMisses } = witnesses(control);
  const wanted = [...control.samples.mustMatch, ...mustMatch];
  const missed = wanted.filter((event) => !catches(event.record));
  const caught = control.samples.mustNotMatch.filter((event) => catches(event.record));
  const ordinary = caught.filter((event) => event.excluded === undefined);
  const excluded = caught.flatMap((event) =>
    event.excluded ? [`${event.description}: ${event.excluded}`] : [],
  );
  const problems = [
    ...(missed.length > 0 ? [`misses ${list(missed.map((e) => e.description))}`] : []),
    ...(ordinary.length > 0
      ? [
          `also matches ${list(ordinary.map((e) => e.description))}, so the alarm would fire on ordinary activity`,
        ]
      : []),
  ];
  return {
    problem: problems.length > 0 ? problems.join("; ") : undefined,
    noise: [
      ...excluded,
      ...nearMisses.filter((event) => catches(event.record)).map((event) => event.description),
    ],
    // Catching some of the control counts more than catching ordinary events counts against.
    closeness: Math.max(
      0,
      (wanted.length - missed.length) / wanted.length - ordinary.length / (2 * wanted.length + 2),
    ),
  };
}

/** "a; b; c and 4 more": the first few items of a list of `total` (all of `items` by default). */
export function list(items: readonly string[], total = items.length): string {
  const shown = items.slice(0, LISTED);
  const more = total - shown.length;
  return more > 0 ? `${shown.join("; ")} and ${more} more` : shown.join("; ");
}
