/** Prints a filter pattern in one canonical form: normalised spacing and quoting, minimal parentheses. */
import { Expression, FilterPattern, Selector, Step, Value } from "./syntax";

export function printFilterPattern(pattern: FilterPattern): string {
  if (pattern.kind === "terms") {
    const prefix = { required: "", excluded: "-", optional: "?" } as const;
    return pattern.terms.map((t) => prefix[t.mode] + quote(t.text, '"')).join(" ");
  }
  return `{ ${printExpression(pattern.expression)} }`;
}

/** An expression as it prints between the braces of a JSON pattern. */
export function printExpression(expr: Expression): string {
  switch (expr.kind) {
    case "or":
      return expr.operands.map(printExpression).join(" || ");
    case "and":
      // && binds tighter than ||, so only an || inside an && needs parentheses.
      return expr.operands
        .map((e) => (e.kind === "or" ? `(${printExpression(e)})` : printExpression(e)))
        .join(" && ");
    case "check": {
      const words = { null: "IS NULL", true: "IS TRUE", false: "IS FALSE", absent: "NOT EXISTS" } as const;
      return `${printSelector(expr.selector)} ${words[expr.check]}`;
    }
    case "compare":
      return `${printSelector(expr.selector)} ${expr.operator} ${value(expr.value)}`;
  }
}

export function printSelector(steps: Selector): string {
  return "$" + steps.map(printStep).join("");
}

/** One step of a selector, as it follows the `$` or the previous step. */
export function printStep(step: Step): string {
  switch (step.kind) {
    case "field":
      return /^[A-Za-z0-9_-]+$/.test(step.name) ? `.${step.name}` : `.[${quote(step.name, "'")}]`;
    case "index":
      return `[${step.index}]`;
    case "anyIndex":
      return "[*]";
    case "anyField":
      return ".*";
  }
}

function value(v: Value): string {
  switch (v.kind) {
    case "number":
      return v.text;
    case "regex":
      return `%${v.source}%`;
    case "text":
      return quote(v.text, '"');
  }
}

function quote(text: string, mark: string): string {
  return mark + text.replace(/\\/g, "\\\\").split(mark).join(`\\${mark}`) + mark;
}
