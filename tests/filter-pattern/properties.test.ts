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
      fc.property(expression, fc.array(event, { maxLength: 5 }), (expr, events) => {
        const printed = printFilterPattern({ kind: "json", expression: expr });
        const reparsed = parseFilterPattern(printed);
        assert.equal(printFilterPattern(reparsed), printed);
        const original = compileFilterPattern({ kind: "json", expression: expr });
        const again = compileFilterPattern(reparsed);
        for (const e of events) assert.equal(again.matches(e), original.matches(e));
      }),
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
});
