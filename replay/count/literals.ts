/**
 * The texts an event's raw JSON must contain for a filter pattern to possibly match it.
 *
 * From a pattern's syntax tree comes the condition its disjunctive normal form puts on the raw text,
 * kept as a tree rather than expanded: `$.f = "AccessDenied*"` needs `"AccessDenied` in the text, as
 * JSON encodes the field; `&&` needs both sides' texts, `||` either side's; `!=`, `NOT EXISTS`,
 * numbers and regular expressions need nothing. Term patterns need their terms in the raw text.
 *
 * JSON escapes can hide a text: `\u0041` is `A`, so an event with a `\u` escape may hold any text.
 * Other escapes (`\"`, `\\`, `\/`, `\n`...) can only hide texts holding a character they stand for:
 * such texts are marked `escapable`. A term is looked for in the raw text itself: never hidden.
 */
import { Expression, FilterPattern, TextValue, wildcards } from "../../policy/filter-pattern";

export interface Literal {
  readonly text: string;
  /** An escape other than `\u` can hide it. */
  readonly escapable: boolean;
}

/** A condition on the literals (by index in a table) the raw text contains; true: none needed. */
export type TextCondition =
  | true
  | { readonly literal: number }
  | { readonly all: readonly TextCondition[] }
  | { readonly any: readonly TextCondition[] };

/** The condition `pattern` puts on raw text, adding the literals it needs to `table`. */
export function rawTextCondition(pattern: FilterPattern, table: Literal[]): TextCondition {
  const literal = (text: string, escapable: boolean): TextCondition => {
    if (text === "") return true;
    const existing = table.findIndex((l) => l.text === text && l.escapable === escapable);
    return { literal: existing >= 0 ? existing : table.push({ text, escapable }) - 1 };
  };
  const expression = (expr: Expression): TextCondition => {
    switch (expr.kind) {
      case "or":
        return any(expr.operands.map(expression));
      case "and":
        return all(expr.operands.map(expression));
      case "check":
        // IS NULL, IS TRUE and IS FALSE need that JSON word, which no escape can write.
        return expr.check === "absent" ? true : literal(expr.check, false);
      case "compare":
        return expr.operator === "=" && expr.value.kind === "text" ? textValue(expr.value, literal) : true;
    }
  };
  if (pattern.kind === "json") return expression(pattern.expression);
  const required = pattern.terms.filter((t) => t.mode === "required");
  const optional = pattern.terms.filter((t) => t.mode === "optional");
  const needs = required.map((t) => literal(t.text, false));
  if (optional.length > 0) needs.push(any(optional.map((t) => literal(t.text, false))));
  return all(needs);
}

/** What a field equal to this value shows in JSON, with the quotes it is sure to have around it. */
function textValue(
  { text }: TextValue,
  literal: (text: string, escapable: boolean) => TextCondition,
): TextCondition {
  const { leading, trailing, core } = wildcards(text);
  if (core === "" && (leading || trailing)) return true;
  // A number or a boolean compares as the text it is written as, which has no quotes around it.
  const open = !leading && !(trailing ? startsLikeScalar(core) : isScalarText(core));
  const close = !trailing && !(leading ? endsLikeScalar(core) : isScalarText(core));
  return literal(`${open ? '"' : ""}${core}${close ? '"' : ""}`, [...core].some(escapedInJson));
}

/** A character JSON escapes, or may: a quote, a backslash, a slash or a control character. */
function escapedInJson(c: string): boolean {
  return c === '"' || c === "\\" || c === "/" || c < " ";
}

function all(conditions: TextCondition[]): TextCondition {
  const needed = conditions.filter((c) => c !== true);
  return needed.length === 0 ? true : needed.length === 1 ? needed[0] : { all: needed };
}

function any(conditions: TextCondition[]): TextCondition {
  if (conditions.some((c) => c === true)) return true;
  return conditions.length === 1 ? conditions[0] : { any: conditions };
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** Whether a JSON number or boolean can be written as exactly `text`. */
function isScalarText(text: string): boolean {
  return JSON_NUMBER.test(text) || text === "true" || text === "false";
}

/** Whether a JSON number or boolean can be written starting with `text`. */
function startsLikeScalar(text: string): boolean {
  return /^[-0-9]/.test(text) || "true".startsWith(text) || "false".startsWith(text);
}

/** Whether a JSON number or boolean can be written ending with `text`. */
function endsLikeScalar(text: string): boolean {
  return /[0-9]$/.test(text) || "true".endsWith(text) || "false".endsWith(text);
}
