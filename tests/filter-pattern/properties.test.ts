import { strict as assert } from "assert";
import fc from "fast-check";
import {
  compileFilterPattern,
  EventValue,
  Expression,
  FilterPatternError,
  parseFilterPattern,
  printFilterPattern,
  Value,
} from "../../policy/filter-pattern";

// Pieces of pattern syntax, so that random strings often get deep into the parser.
const fragment = fc.constantFrom(
  "{",
  "}",
  "(",
  ")",
  "$",
  ".",
  "$.a",
  "$.b[0]",
  "[*]",
  ".*",
  "['x.y']",
  "=",
  "!=",
  "<",
  ">=",
  "&&",
  "||",
  " ",
  "\n",
  '"',
  "\\",
  "%",
  "*",
  "IS",
  "NULL",
  "TRUE",
  "NOT",
  "EXISTS",
  "1",
  "-2.5e3",
  "abc",
  "?",
  "-",
  "[",
);
const patternText = fc.oneof(
  fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join("")),
  fc.array(fragment, { maxLength: 30 }).map((parts) => "{" + parts.join("")),
  fc.string({ maxLength: 40 }),
);

const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/);
const step = fc.oneof(
  name.map((n) => ({ kind: "field" as const, name: n })),
  fc.string({ minLength: 1, maxLength: 6 }).map((n) => ({ kind: "field" as const, name: n })),
  fc.nat(5).map((index) => ({ kind: "index" as const, index })),
  fc.constant({ kind: "anyIndex" as const }),
  fc.constant({ kind: "anyField" as const }),
);
const value: fc.Arbitrary<Value> = fc.oneof(
  fc.string({ maxLength: 10 }).map((text) => ({ kind: "text" as const, text })),
  fc.integer({ min: -1000, max: 1000 }).map((n) => ({ kind: "number" as const, text: String(n), number: n })),
  fc.constantFrom("^a+$", "b|c", "[0-9]{2}").map((source) => ({ kind: "regex" as const, source })),
);
const { expression } = fc.letrec<{ expression: Expression }>((tie) => ({
  expression: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({
      kind: fc.constant("compare" as const),
      selector: fc.array(step, { minLength: 1, maxLength: 3 }),
      operator: fc.constantFrom("=" as const, "!=" as const),
      value,
    }),
    fc.record({
      kind: fc.constant("check" as const),
      selector: fc.array(step, { minLength: 1, maxLength: 3 }),
      check: fc.constantFrom("null" as const, "true" as const, "false" as const, "absent" as const),
    }),
    fc.record({
      kind: fc.constant("and" as const),
      operands: fc.array(tie("expression"), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant("or" as const),
      operands: fc.array(tie("expression"), { minLength: 2, maxLength: 3 }),
    }),
  ),
}));

/** The %regex% values of an expression. */
function regexes(expr: Expression): number {
  if (expr.kind === "and" || expr.kind === "or") return expr.operands.reduce((n, e) => n + regexes(e), 0);
  return expr.kind === "compare" && expr.value.kind === "regex" ? 1 : 0;
}

const event: fc.Arbitrary<EventValue> = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<EventValue>;

describe("filter pattern properties", () => {
  it("parsing any text either succeeds or throws a FilterPatternError", () => {
    fc.assert(
      fc.property(patternText, (text) => {
        try {
          parseFilterPattern(text);
        } catch (e) {
          assert.ok(e instanceof FilterPatternError, `${JSON.stringify(text)} threw ${e}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("printing then parsing gives back the same pattern, and it matches the same events", () => {
    fc.assert(
      // CloudWatch Logs takes at most two regular expressions in a pattern.
      fc.property(
        expression.filter((e) => regexes(e) <= 2),
        fc.array(event, { maxLength: 5 }),
        (expr, events) => {
          const printed = printFilterPattern({ kind: "json", expression: expr });
          const reparsed = parseFilterPattern(printed);
          assert.equal(printFilterPattern(reparsed), printed);
          const original = compileFilterPattern({ kind: "json", expression: expr });
          const again = compileFilterPattern(reparsed);
          for (const e of events) assert.equal(again.matches(e), original.matches(e));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("evaluating any parsed pattern on any event never throws", () => {
    fc.assert(
      fc.property(patternText, event, (text, e) => {
        let compiled;
        try {
          compiled = compileFilterPattern(text);
        } catch {
          return;
        }
        compiled.matches(e);
        compiled.matchesText(JSON.stringify(e));
      }),
      { numRuns: 2000 },
    );
  });

  it("matches a %regex% where JavaScript's RegExp finds it, for every construct CloudWatch Logs allows", () => {
    const atom = fc.constantFrom(
      "a",
      "b",
      ".",
      "[ab]",
      "[^a]",
      "[a-c]",
      "\\d",
      "\\w",
      "\\s",
      "\\.",
      "-",
      ":",
    );
    const repeat = fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}");
    const sequence = fc
      .tuple(fc.boolean(), fc.array(fc.tuple(atom, repeat), { maxLength: 5 }), fc.boolean())
      .map(
        ([start, items, end]) =>
          `${start ? "^" : ""}${items.map(([a, r]) => a + r).join("")}${end ? "$" : ""}`,
      );
    const source = fc
      .array(sequence, { minLength: 1, maxLength: 3 })
      .map((alternatives) => alternatives.join("|"));
    const text = fc.stringMatching(/^[ab1. :-]{0,12}$/);
    fc.assert(
      fc.property(source, fc.array(text, { maxLength: 6 }), (regex, texts) => {
        const ours = compileFilterPattern(`{ $.f = %${regex}% }`);
        const theirs = new RegExp(regex, "s");
        for (const t of texts)
          assert.equal(ours.matches({ f: t }), theirs.test(t), `%${regex}% on ${JSON.stringify(t)}`);
      }),
      { numRuns: 3000 },
    );
  });
});
