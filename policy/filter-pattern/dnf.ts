/**
 * A JSON pattern's expression in disjunctive normal form: an OR of ANDs of single conditions.
 * Filter patterns have no negation of a group (only `!=` and `NOT EXISTS` on one field), so the
 * form follows from distributing && over ||.
 */
import { Check, Comparison, Expression } from "./syntax";

export type Condition = Comparison | Check;

/** Each disjunct is the conditions that must all hold. */
export type Disjunct = readonly Condition[];

/** Refused beyond this many disjuncts: a pattern that large is not a reference pattern. */
export const MAX_DISJUNCTS = 10_000;

export function disjunctiveNormalForm(expr: Expression): Disjunct[] {
  switch (expr.kind) {
    case "compare":
    case "check":
      return [[expr]];
    case "or":
      return expr.operands.flatMap(disjunctiveNormalForm);
    case "and":
      return expr.operands.map(disjunctiveNormalForm).reduce((left, right) => {
        if (left.length * right.length > MAX_DISJUNCTS) {
          throw new RangeError(`the pattern has more than ${MAX_DISJUNCTS} alternatives`);
        }
        return left.flatMap((a) => right.map((b) => [...a, ...b]));
      });
  }
}
