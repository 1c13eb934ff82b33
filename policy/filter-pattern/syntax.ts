/** The syntax tree of a CloudWatch Logs filter pattern. */

export type FilterPattern = JsonPattern | TermPattern;

/** `{ EXPR }`: a condition on the fields of a JSON log event. */
export interface JsonPattern {
  readonly kind: "json";
  readonly expression: Expression;
}

/** Words and phrases looked for in the event's raw text: `ERROR -DEBUG ?"user denied"`. */
export interface TermPattern {
  readonly kind: "terms";
  readonly terms: readonly Term[];
}

export interface Term {
  /** required: must occur; excluded (`-`): must not; optional (`?`): at least one optional term must. */
  readonly mode: "required" | "excluded" | "optional";
  readonly text: string;
}

export type Expression = Or | And | Comparison | Check;

export interface Or {
  readonly kind: "or";
  readonly operands: readonly Expression[];
}

export interface And {
  readonly kind: "and";
  readonly operands: readonly Expression[];
}

export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";

export interface Comparison {
  readonly kind: "compare";
  readonly selector: Selector;
  readonly operator: ComparisonOperator;
  readonly value: Value;
}

/** `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`. */
export interface Check {
  readonly kind: "check";
  readonly selector: Selector;
  readonly check: "null" | "true" | "false" | "absent";
}

/** `$.a.b[0]`, `$.['dotted.name']`, `$.*`, `$.list[*]`. */
export type Selector = readonly Step[];

export type Step =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "anyField" }
  | { readonly kind: "anyIndex" };

export type Value = TextValue | NumberValue | RegexValue;

/**
 * A text value, quoted or not. `*` at the start or the end is a wildcard; a lone `*` matches
 * any present value.
 */
export interface TextValue {
  readonly kind: "text";
  readonly text: string;
}

/** A text value split at its wildcards: `*` first is leading, `*` last trailing, unless it is the only one. */
export interface Wildcards {
  readonly leading: boolean;
  readonly trailing: boolean;
  /** The text between the wildcards; empty for a lone `*`, which is leading only. */
  readonly core: string;
}

export function wildcards(text: string): Wildcards {
  const leading = text.startsWith("*");
  const trailing = text.length > 1 && text.endsWith("*");
  return { leading, trailing, core: text.slice(leading ? 1 : 0, trailing ? -1 : undefined) };
}

/** An unquoted number, compared numerically. */
export interface NumberValue {
  readonly kind: "number";
  readonly text: string;
  readonly number: number;
}

/** `%regex%`: matches when the regex matches anywhere in the field's text. */
export interface RegexValue {
  readonly kind: "regex";
  readonly source: string;
}
