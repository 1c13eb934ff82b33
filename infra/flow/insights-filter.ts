/**
 * A CloudWatch Logs Insights query, and its `filter` expression, that selects the events a metric
 * filter pattern matches, so the person who gets the alarm can list who did what. Derived from the
 * pattern's syntax tree, so every control's query follows its pattern without being written by hand.
 */
import {
  Comparison,
  Expression,
  FilterPattern,
  parseFilterPattern,
  Selector,
  TextValue,
  wildcards,
} from "../../policy/filter-pattern";

/** A pattern construct with no Logs Insights equivalent that selects the same events. */
export class InsightsFilterError extends Error {
  constructor(construct: string) {
    super(`${construct} has no Logs Insights equivalent`);
    this.name = "InsightsFilterError";
  }
}

const FIELDS = "@timestamp, userIdentity.arn, eventSource, eventName, errorCode, sourceIPAddress, awsRegion";

/** The Logs Insights query of the events a control's pattern matches, newest first. */
export function insightsQuery(pattern: string): string {
  return `fields ${FIELDS}\n| filter ${insightsFilter(pattern)}\n| sort @timestamp desc\n| limit 100`;
}

export function insightsFilter(pattern: string | FilterPattern): string {
  const tree = typeof pattern === "string" ? parseFilterPattern(pattern) : pattern;
  if (tree.kind === "terms") throw new InsightsFilterError("a term pattern");
  return expression(tree.expression, false);
}

// `nested`: parenthesise a compound expression, since it is an operand of another.
function expression(expr: Expression, nested: boolean): string {
  switch (expr.kind) {
    case "or":
    case "and": {
      const text = expr.operands.map((e) => expression(e, true)).join(` ${expr.kind} `);
      return nested ? `(${text})` : text;
    }
    case "check": {
      if (expr.check !== "absent") throw new InsightsFilterError(`IS ${expr.check.toUpperCase()}`);
      return `not ispresent(${field(expr.selector)})`;
    }
    case "compare":
      return comparison(expr, nested);
  }
}

function comparison({ selector, operator, value }: Comparison, nested: boolean): string {
  const name = field(selector);
  if (value.kind === "number") return `${name} ${operator} ${value.text}`;
  if (value.kind === "regex") throw new InsightsFilterError(`the regular expression %${value.source}%`);
  if (operator === "=") return match(name, value);
  // A pattern's != needs the field present; Insights would count a missing field as different.
  const text = `ispresent(${name}) and not ${match(name, value)}`;
  return nested ? `(${text})` : text;
}

/** `*` at either end of a pattern value is a wildcard; a lone `*` matches any present value. */
function match(name: string, { text }: TextValue): string {
  if (text === "*") return `ispresent(${name})`;
  const { leading, trailing, core } = wildcards(text);
  if (!leading && !trailing) return `${name} = ${JSON.stringify(text)}`;
  return `${name} like /${leading ? "" : "^"}${escapeRegex(core)}${trailing ? "" : "$"}/`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** `$.userIdentity.type` is the field `userIdentity.type`; names that are not plain words need backquotes. */
function field(selector: Selector): string {
  const path = selector.map((step) => {
    if (step.kind === "field") return step.name;
    if (step.kind === "index") return String(step.index);
    throw new InsightsFilterError(step.kind === "anyField" ? "the selector .*" : "the selector [*]");
  });
  const name = path.join(".");
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `\`${name}\``;
}
