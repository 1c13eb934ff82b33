/** Prints a filter pattern in one canonical form: normalised spacing and quoting, minimal parentheses. */
import { Expression, FilterPattern, Selector, Value } from "./syntax";

export function printFilterPattern(pattern: FilterPattern): string {
  if (pattern.kind === "terms") {
    const prefix = { required: "", excluded: "-", optional: "?" } as const;
    return pattern.terms.map((t) => prefix[t.mode] + quote(t.text, '"')).join(" ");
  }
  return `{ ${expression(pattern.expression)} }`;
}

function expression(expr: Expression): string {
  switch (expr.kind) {
    case "or":
      return expr.operands.map(expression).join(" || ");
    case "and":
      // && binds tighter than ||, so only an || inside an && needs parentheses.
      return expr.operands.map((e) => (e.kind === "or" ? `(${expression(e)})` : expression(e))).join(" && ");
    case "check": {
      const words = { null: "IS NULL", true: "IS TRUE", false: "IS FALSE", absent: "NOT EXISTS" } as const;
      return `${selector(expr.selector)} ${words[expr.check]}`;
    }
    case "compare":
      return `${selector(expr.selector)} ${expr.operator} ${value(expr.value)}`;
  }
}

function selector(steps: Selector): string {
  return (
    "$" +
    steps
      .map((step) => {
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
      })
      .join("")
  );
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
