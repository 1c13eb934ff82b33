/**
 * Evaluates filter patterns on log events as CloudWatch Logs does. Compile a pattern once, then
 * test many events. Semantics, each confirmed by AWS's own results:
 * - a text value compares with the field's text: a string, or a number as written in the event;
 *   an unquoted number compares numerically, and only with number fields;
 * - `*` at the start or end of a text value is a wildcard; a lone `*` matches any present value,
 *   the empty string included; a `*` in the middle is an ordinary character;
 * - matching is case sensitive;
 * - a missing field matches neither `=` nor `!=`, and neither does an array, an object or null;
 * - `IS NULL` needs the field present and null; `NOT EXISTS` needs it absent;
 * - through `[*]` or `.*`, a condition holds when it holds for any of the selected values.
 */
import { compileRegex } from "./regex";
import { parseFilterPattern } from "./parse";
import { EventValue, JsonNumber, parseJsonText } from "./json-text";
import {
  Check,
  Comparison,
  Expression,
  FilterPattern,
  Selector,
  TermPattern,
  TextValue,
  wildcards,
} from "./syntax";

export interface CompiledPattern {
  readonly pattern: FilterPattern;
  /** Tests an event given as a parsed value; numbers without their text compare as JavaScript prints them. */
  matches(event: EventValue): boolean;
  /** Tests an event given as its raw text (one log event), exactly. */
  matchesText(text: string): boolean;
  /** As matchesText, for text the caller has already parsed with JSON.parse. */
  matchesParsed(parsed: unknown, text: string): boolean;
}

type Matcher = (event: EventValue) => boolean;

// Thrown when a number's text is needed but only its value is at hand.
const NEEDS_NUMBER_TEXT = Symbol("needs number text");

export function compileFilterPattern(source: string | FilterPattern): CompiledPattern {
  const pattern = typeof source === "string" ? parseFilterPattern(source) : source;
  if (pattern.kind === "terms") {
    const test = termMatcher(pattern);
    return {
      pattern,
      matches: (event) => test(JSON.stringify(event, numberText)),
      matchesText: test,
      matchesParsed: (_parsed, text) => test(text),
    };
  }
  const strict = expression(pattern.expression, true);
  const lenient = expression(pattern.expression, false);
  const matchesParsed = (parsed: unknown, text: string) => {
    try {
      return strict(parsed as EventValue);
    } catch (e) {
      if (e !== NEEDS_NUMBER_TEXT) throw e;
      // Rare: a text comparison met a number field, so parse again keeping each number's text.
      return lenient(parseJsonText(text));
    }
  };
  return {
    pattern,
    matches: lenient,
    matchesParsed,
    matchesText(text) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return false; // CloudWatch Logs applies JSON patterns to JSON events only.
      }
      return matchesParsed(parsed, text);
    },
  };
}

function numberText(_key: string, value: unknown): unknown {
  return value instanceof JsonNumber ? Number(value.text) : value;
}

function termMatcher(pattern: TermPattern): (text: string) => boolean {
  const required = pattern.terms.filter((t) => t.mode === "required").map((t) => t.text);
  const excluded = pattern.terms.filter((t) => t.mode === "excluded").map((t) => t.text);
  const optional = pattern.terms.filter((t) => t.mode === "optional").map((t) => t.text);
  return (text) =>
    required.every((t) => text.includes(t)) &&
    !excluded.some((t) => text.includes(t)) &&
    (optional.length === 0 || optional.some((t) => text.includes(t)));
}

/** `strict`: refuse to guess a number's text from its value (see NEEDS_NUMBER_TEXT). */
function expression(expr: Expression, strict: boolean): Matcher {
  switch (expr.kind) {
    case "or": {
      const operands = expr.operands.map((e) => expression(e, strict));
      return (event) => operands.some((m) => m(event));
    }
    case "and": {
      const operands = expr.operands.map((e) => expression(e, strict));
      return (event) => operands.every((m) => m(event));
    }
    case "check":
      return check(expr);
    case "compare":
      return comparison(expr, strict);
  }
}

function check(expr: Check): Matcher {
  const select = selector(expr.selector);
  switch (expr.check) {
    case "absent":
      return (event) => select(event).length === 0;
    case "null":
      return (event) => select(event).some((v) => v === null);
    case "true":
      return (event) => select(event).some((v) => v === true);
    case "false":
      return (event) => select(event).some((v) => v === false);
  }
}

function comparison(expr: Comparison, strict: boolean): Matcher {
  const select = selector(expr.selector);
  const test = valueTest(expr, strict);
  return (event) => select(event).some(test);
}

/** Whether one selected value satisfies the comparison. */
function valueTest(expr: Comparison, strict: boolean): (v: EventValue) => boolean {
  const { operator, value } = expr;
  if (value.kind === "number") {
    const n = value.number;
    const compare: Record<typeof operator, (x: number) => boolean> = {
      "=": (x) => x === n,
      "!=": (x) => x !== n,
      "<": (x) => x < n,
      "<=": (x) => x <= n,
      ">": (x) => x > n,
      ">=": (x) => x >= n,
    };
    const holds = compare[operator];
    return (v) => {
      if (typeof v === "number") return holds(v);
      if (v instanceof JsonNumber) return holds(v.value);
      // A number never equals text, so a present scalar is always unequal to it.
      return operator === "!=" && (typeof v === "string" || typeof v === "boolean");
    };
  }
  const matchText = value.kind === "regex" ? compileRegex(value.source).test : wildcard(value);
  const wanted = operator === "=";
  return (v) => {
    const text = scalarText(v, strict);
    return text !== undefined && matchText(text) === wanted;
  };
}

function scalarText(v: EventValue, strict: boolean): string | undefined {
  if (typeof v === "string") return v;
  if (v instanceof JsonNumber) return v.text;
  if (typeof v === "number") {
    if (strict) throw NEEDS_NUMBER_TEXT;
    return String(v);
  }
  if (typeof v === "boolean") return String(v);
  return undefined; // null, arrays and objects match neither = nor !=
}

function wildcard({ text }: TextValue): (s: string) => boolean {
  if (text === "*") return () => true;
  const { leading, trailing, core } = wildcards(text);
  if (leading && trailing) return (s) => s.includes(core);
  if (leading) return (s) => s.endsWith(core);
  if (trailing) return (s) => s.startsWith(core);
  return (s) => s === core;
}

type Select = (event: EventValue) => EventValue[];

/** The values a selector picks from an event: none when a step does not apply. */
function selector(steps: Selector): Select {
  return (event) => {
    let values: EventValue[] = [event];
    for (const step of steps) {
      const next: EventValue[] = [];
      for (const v of values) {
        if (v === null || typeof v !== "object" || v instanceof JsonNumber) continue;
        switch (step.kind) {
          case "field":
            if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, step.name))
              next.push(v[step.name]);
            break;
          case "index":
            if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
            break;
          case "anyIndex":
            if (Array.isArray(v)) next.push(...v);
            break;
          case "anyField":
            next.push(...(Array.isArray(v) ? v : Object.values(v)));
            break;
        }
      }
      values = next;
      if (values.length === 0) break;
    }
    return values;
  };
}
