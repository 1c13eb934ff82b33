/**
 * Parser for CloudWatch Logs filter patterns: JSON patterns (`{ $.a = "x" && $.b > 1 }`) and term
 * patterns (`ERROR -DEBUG ?"access denied"`). Rejects what CloudWatch Logs rejects, saying where.
 */
import { FilterPatternError, UnsupportedPatternError } from "./errors";
import { compileRegex } from "./regex";
import {
  ComparisonOperator,
  Expression,
  FilterPattern,
  JsonPattern,
  Selector,
  Step,
  Term,
  TermPattern,
  Value,
} from "./syntax";

/** Deeper parentheses than this are refused rather than risking the stack. */
export const MAX_NESTING = 100;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
const TERM_CHAR = /[A-Za-z0-9_]/;
const OPERATORS: ComparisonOperator[] = ["!=", "<=", ">=", "=", "<", ">"];
const ORDERING = new Set<ComparisonOperator>(["<", "<=", ">", ">="]);

export function parseFilterPattern(text: string): FilterPattern {
  // A pattern is JSON only when '{' is its very first character: with anything before it, it is
  // a term pattern, and an unquoted term cannot hold '{' (CloudWatch rejects " {$.a IS TRUE} ").
  if (text.startsWith("{")) return new JsonPatternParser(text).parse();
  const start = text.search(/\S/);
  if (start >= 0 && text[start] === "[") {
    throw new UnsupportedPatternError("space-delimited patterns ([a, b, ...]) are not supported", start + 1);
  }
  return parseTerms(text);
}

/** Regular expressions CloudWatch Logs takes in one filter pattern. */
const MAX_REGEXES = 2;

class JsonPatternParser {
  private pos = 0;
  private depth = 0;
  private regexes = 0;

  constructor(private readonly text: string) {}

  parse(): JsonPattern {
    this.pos = 1;
    const expression = this.or();
    this.skipSpace();
    if (this.text[this.pos] !== "}") this.fail("expected '&&', '||' or '}'");
    this.pos++;
    this.skipSpace();
    if (this.pos < this.text.length) this.fail("expected the end of the pattern after '}'");
    return { kind: "json", expression };
  }

  private or(): Expression {
    const operands = [this.and()];
    while ((this.skipSpace(), this.text.startsWith("||", this.pos))) {
      this.pos += 2;
      operands.push(this.and());
    }
    return operands.length === 1 ? operands[0] : { kind: "or", operands };
  }

  private and(): Expression {
    const operands = [this.unary()];
    while ((this.skipSpace(), this.text.startsWith("&&", this.pos))) {
      this.pos += 2;
      operands.push(this.unary());
    }
    return operands.length === 1 ? operands[0] : { kind: "and", operands };
  }

  private unary(): Expression {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "(") {
      if (++this.depth > MAX_NESTING) this.fail(`parentheses nest deeper than ${MAX_NESTING}`);
      const open = this.pos++;
      const inner = this.or();
      this.skipSpace();
      if (this.text[this.pos] !== ")") this.fail(`expected ')' to close the '(' from column ${open + 1}`);
      this.pos++;
      this.depth--;
      return inner;
    }
    if (c !== "$") this.fail("expected a selector such as $.field, or '('");
    return this.condition();
  }

  private condition(): Expression {
    const selector = this.selector();
    this.skipSpace();
    if (this.word("IS")) {
      this.skipSpace();
      if (this.word("NULL")) return { kind: "check", selector, check: "null" };
      if (this.word("TRUE")) return { kind: "check", selector, check: "true" };
      if (this.word("FALSE")) return { kind: "check", selector, check: "false" };
      this.fail("expected NULL, TRUE or FALSE after IS");
    }
    if (this.word("NOT")) {
      this.skipSpace();
      if (this.word("EXISTS")) return { kind: "check", selector, check: "absent" };
      this.fail("expected EXISTS after NOT");
    }
    const operator = OPERATORS.find((op) => this.text.startsWith(op, this.pos));
    if (!operator)
      this.fail("expected an operator (=, !=, <, <=, >, >=), IS or NOT EXISTS after the selector");
    this.pos += operator.length;
    const value = this.value(operator);
    return { kind: "compare", selector, operator, value };
  }

  private selector(): Selector {
    const steps: Step[] = [];
    this.pos++; // '$'
    for (;;) {
      const c = this.text[this.pos];
      if (c === ".") {
        this.pos++;
        const next = this.text[this.pos];
        if (next === "*") {
          this.pos++;
          steps.push({ kind: "anyField" });
        } else if (next === "[") {
          steps.push(this.bracket());
        } else {
          const start = this.pos;
          while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos])) this.pos++;
          if (this.pos === start) this.fail("expected a field name after '.'");
          steps.push({ kind: "field", name: this.text.slice(start, this.pos) });
        }
      } else if (c === "[") {
        steps.push(this.bracket());
      } else {
        break;
      }
    }
    if (steps.length === 0) this.fail("expected '.' or '[' after '$'");
    return steps;
  }

  /** `[0]`, `[*]` or `['name']`. */
  private bracket(): Step {
    this.pos++;
    const c = this.text[this.pos];
    let step: Step;
    if (c === "*") {
      this.pos++;
      step = { kind: "anyIndex" };
    } else if (c === "'" || c === '"') {
      step = { kind: "field", name: this.quoted(c) };
    } else {
      const start = this.pos;
      while (this.pos < this.text.length && /[0-9]/.test(this.text[this.pos])) this.pos++;
      if (this.pos === start) this.fail("expected an index, '*' or a quoted name after '['");
      step = { kind: "index", index: Number(this.text.slice(start, this.pos)) };
    }
    if (this.text[this.pos] !== "]") this.fail("expected ']'");
    this.pos++;
    return step;
  }

  private value(operator: ComparisonOperator): Value {
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    let value: Value;
    if (c === '"') {
      value = { kind: "text", text: this.quoted('"') };
    } else if (c === "%") {
      value = this.regex();
    } else {
      while (this.pos < this.text.length && !this.atValueEnd()) this.pos++;
      if (this.pos === start || /^[=<>!]/.test(this.text.slice(start, this.pos))) {
        this.failAt(start, `expected a value after '${operator}'`);
      }
      const raw = this.text.slice(start, this.pos);
      value = NUMBER.test(raw)
        ? { kind: "number", text: raw, number: Number(raw) }
        : { kind: "text", text: raw };
    }
    if (ORDERING.has(operator) && value.kind !== "number") {
      this.pos = start;
      this.fail(`expected an unquoted number after '${operator}' (ordering operators compare numbers only)`);
    }
    return value;
  }

  private atValueEnd(): boolean {
    const c = this.text[this.pos];
    return (
      /\s/.test(c) ||
      c === ")" ||
      c === "}" ||
      this.text.startsWith("&&", this.pos) ||
      this.text.startsWith("||", this.pos)
    );
  }

  private regex(): Value {
    const open = this.pos++;
    if (++this.regexes > MAX_REGEXES) {
      this.failAt(
        open,
        `CloudWatch Logs takes at most ${MAX_REGEXES} regular expressions in one filter pattern`,
      );
    }
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== "%") {
      this.pos += this.text[this.pos] === "\\" ? 2 : 1;
    }
    if (this.pos >= this.text.length) this.failAt(open, "expected a closing '%' for the regex");
    const source = this.text.slice(start, this.pos);
    this.pos++;
    try {
      compileRegex(source);
    } catch (e) {
      if (e instanceof FilterPatternError) this.failAt(start + e.column - 1, e.reason);
      throw e;
    }
    return { kind: "regex", source };
  }

  /** A string in `quote`s; `\` escapes the quote and itself. */
  private quoted(quote: string): string {
    const open = this.pos++;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.failAt(open, `expected a closing ${quote} for the string`);
      const c = this.text[this.pos++];
      if (c === quote) return out;
      if (c === "\\" && (this.text[this.pos] === quote || this.text[this.pos] === "\\")) {
        out += this.text[this.pos++];
      } else {
        out += c;
      }
    }
  }

  private word(w: string): boolean {
    if (!this.text.startsWith(w, this.pos)) return false;
    const after = this.text[this.pos + w.length];
    if (after !== undefined && /[A-Za-z0-9_]/.test(after)) return false;
    this.pos += w.length;
    return true;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private fail(reason: string): never {
    this.failAt(this.pos, reason);
  }

  private failAt(pos: number, reason: string): never {
    throw new FilterPatternError(reason, pos + 1);
  }
}

function parseTerms(text: string): TermPattern {
  const terms: Term[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/\s/.test(text[pos])) {
      pos++;
      continue;
    }
    const mode = text[pos] === "-" ? "excluded" : text[pos] === "?" ? "optional" : "required";
    if (mode !== "required") pos++;
    const start = pos;
    let term = "";
    if (text[pos] === '"') {
      pos++;
      for (;;) {
        if (pos >= text.length) throw new FilterPatternError('expected a closing " for the term', start + 1);
        const c = text[pos++];
        if (c === '"') break;
        term += c === "\\" && (text[pos] === '"' || text[pos] === "\\") ? text[pos++] : c;
      }
    } else {
      while (pos < text.length && TERM_CHAR.test(text[pos])) term += text[pos++];
      if (pos < text.length && !/\s/.test(text[pos])) {
        throw new FilterPatternError(
          "expected a letter, digit or '_': a term with other characters must be in double quotes",
          pos + 1,
        );
      }
      if (term === "") throw new FilterPatternError("expected a term", pos + 1);
    }
    terms.push({ mode, text: term });
  }
  return { kind: "terms", terms };
}
