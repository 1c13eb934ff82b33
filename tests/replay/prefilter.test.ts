import { strict as assert } from "assert";
import fc from "fast-check";
import { Prefilter } from "../../replay/count/prefilter";
import { CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import {
  compileFilterPattern,
  Expression,
  FilterPattern,
  parseFilterPattern,
  Selector,
  Value,
} from "../../policy/filter-pattern";
import { cloudTrailCases } from "../helpers/corpus";

/** Asserts the prefilter's promise: a pattern left out of an event's candidates does not match it. */
function assertSound(
  patterns: readonly FilterPattern[],
  texts: readonly string[],
  calibration: number,
): void {
  const prefilter = new Prefilter(patterns, calibration);
  const engines = patterns.map((p) => compileFilterPattern(p));
  for (const text of texts) {
    const candidates = new Set(prefilter.candidates(text));
    engines.forEach((engine, i) => {
      if (!candidates.has(i) && engine.matchesText(text)) {
        assert.fail(`the prefilter left out ${JSON.stringify(patterns[i])}, which matches ${text}`);
      }
    });
  }
}

/** The same JSON written other ways: spaced out, `\/` for slashes, `\u` for some letters, `12.0` for 12. */
function spellings(text: string): string[] {
  return [
    text,
    JSON.stringify(JSON.parse(text), null, 1),
    text.replace(/\//g, "\\/"),
    text.replace(/A/g, "\\u0041").replace(/é/g, "\\u00e9"),
    text.replace(/(?<=[:[,])(-?\d+)(?=[,}\]])/g, "$1.0"),
  ];
}

describe("replay: the prefilter", () => {
  const corpus = cloudTrailCases().map((c) => c.text);

  it("never leaves out a catalog pattern that matches a corpus record, however the record is spelt", () => {
    const patterns = CONTROLS.flatMap((c) => PATTERN_SETS.map((set) => parseFilterPattern(c.patterns[set])));
    assertSound(patterns, corpus.flatMap(spellings), 50);
  });

  it("spares most records a parse: the unauthorized-API-calls pattern is a candidate for few beyond its matches", () => {
    const pattern = parseFilterPattern(CONTROLS[0].patterns["security-hub"]);
    const prefilter = new Prefilter([pattern], 20);
    const engine = compileFilterPattern(pattern);
    const candidates = corpus.filter((text) => prefilter.candidates(text).length > 0);
    const matches = corpus.filter((text) => engine.matchesText(text));
    assert.equal(matches.length, 46);
    assert.ok(candidates.length < 60, `${candidates.length} candidates of ${corpus.length}`);
  });

  it("chooses the rarest text of each disjunct once it has counted them, keeping the same candidates", () => {
    // Every record names the service; only some the operation, so the operation is the better gate.
    const pattern = parseFilterPattern(
      '{ $.eventSource = "s3.amazonaws.com" && ($.eventName = "PutBucketPolicy" || $.eventName = "DeleteBucketPolicy") }',
    );
    const record = (eventName: string) => JSON.stringify({ eventSource: "s3.amazonaws.com", eventName });
    const texts = [
      "GetObject",
      "PutObject",
      "PutBucketPolicy",
      "HeadBucket",
      "DeleteBucketPolicy",
      "GetObject",
    ].map(record);
    const calibrated = new Prefilter([pattern], 2);
    const counting = new Prefilter([pattern], 1_000);
    assert.deepEqual(
      texts.map((t) => calibrated.candidates(t).length),
      texts.map((t) => counting.candidates(t).length),
    );
    assert.deepEqual(
      texts.map((t) => calibrated.candidates(t).length),
      [0, 0, 1, 0, 1, 0],
    );
  });

  it("keeps the events a pattern matches through numbers, booleans, escapes and overlapping texts", () => {
    const examples: [string, string][] = [
      ['{ $.n = "12" }', '{"n":12}'],
      ['{ $.n = "1*" }', '{"n":12}'],
      ['{ $.n = "*2.0" }', '{"n":12.0}'],
      ['{ $.b = "tr*" }', '{"b":true}'],
      ['{ $.b = "*se" }', '{"b":false}'],
      ['{ $.s = "a/b" }', '{"s":"a\\/b"}'],
      ['{ $.s = "say \\"hi\\"" }', '{"s":"say \\"hi\\""}'],
      ['{ $.s = "*Denied" }', '{"s":"Access\\u0044enied"}'],
      ["{ $.s IS NULL }", '{"s":null}'],
      ['{ $.a = "AccessDenied*" || $.a = "*Denied" }', '{"a":"AccessDenied"}'],
    ];
    for (const [source, text] of examples) {
      const engine = compileFilterPattern(source);
      assert.ok(engine.matchesText(text), `${source} matches ${text}`);
    }
    // Each alone, and all together, where one's text may start inside another's.
    for (const [source, text] of examples)
      assert.deepEqual(new Prefilter([parseFilterPattern(source)], 1).candidates(text), [0], source);
    const together = new Prefilter(
      [parseFilterPattern('{ $.a = "AccessDenied*" }'), parseFilterPattern('{ $.a = "*Denied" }')],
      0,
    );
    assert.deepEqual([...together.candidates('{"a":"AccessDenied"}')], [0, 1]);
  });

  it("never leaves out a generated pattern that matches a generated event (property)", () => {
    fc.assert(
      fc.property(
        // Patterns and events draw their values from one small pool, so that they often meet.
        fc
          .uniqueArray(VALUE, { minLength: 1, maxLength: 3 })
          .chain((pool) =>
            fc.tuple(
              fc.array(pattern(pool), { minLength: 1, maxLength: 4 }),
              fc.array(event(pool), { minLength: 1, maxLength: 8 }),
            ),
          ),
        ([patterns, events]) => assertSound(patterns, events.flatMap(spellings), 3),
      ),
      { numRuns: 1000 },
    );
  });
});

const NAMES = ["a", "b", "errorCode", "x.y"];

/** Texts with what JSON escapes or may escape, what looks like a number or a boolean, and wildcards. */
const VALUE = fc.oneof(
  fc.constantFrom("12", "-3", "1e2", "true", "false"),
  fc.constantFrom(
    "true",
    "false",
    "null",
    "12",
    "-3",
    "1e2",
    "",
    "A",
    "AccessDenied",
    "a/b",
    'say "hi"',
    "C:\\x",
  ),
  fc.string({
    unit: fc.constantFrom("a", "A", "1", "2", ".", "-", '"', "\\", "/", "*", " ", "é", "\n", "t", "e"),
    maxLength: 5,
  }),
);

/** A value of the pool as an event holds it: the text, or the number, boolean or null it spells. */
function eventValue(pool: string[]): fc.Arbitrary<unknown> {
  return fc.constantFrom(...pool).chain((text) => {
    let scalar: unknown = text;
    try {
      scalar = JSON.parse(text);
    } catch {
      // Not a JSON scalar: the text itself.
    }
    return fc.constantFrom(text, scalar);
  });
}

function event(pool: string[]): fc.Arbitrary<string> {
  const { json } = fc.letrec<{ json: unknown }>((tie) => ({
    json: fc.oneof(
      { depthSize: "small" },
      eventValue(pool),
      fc.constantFrom(12.5, 0, true, null),
      fc.array(tie("json"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...NAMES), tie("json"), { maxKeys: 3 }),
    ),
  }));
  return fc
    .dictionary(fc.constantFrom(...NAMES), json, { minKeys: 1, maxKeys: 4 })
    .map((v) => JSON.stringify(v));
}

/** A pool value, whole or cut, with a wildcard at either end or both. */
function textValue(pool: string[]): fc.Arbitrary<Value> {
  return fc
    .tuple(fc.constantFrom(...pool), fc.constantFrom("", "prefix", "suffix", "both"), fc.nat(2))
    .map(([text, wildcard, cut]) => {
      const kept =
        wildcard === ""
          ? text
          : wildcard === "prefix"
            ? text.slice(0, text.length - cut)
            : wildcard === "suffix"
              ? text.slice(cut)
              : text.slice(cut, text.length - cut);
      const withWildcards = `${wildcard === "suffix" || wildcard === "both" ? "*" : ""}${kept}${wildcard === "prefix" || wildcard === "both" ? "*" : ""}`;
      return { kind: "text" as const, text: withWildcards };
    });
}

function pattern(pool: string[]): fc.Arbitrary<FilterPattern> {
  const step = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NAMES).map((name) => ({ kind: "field" as const, name })) },
    fc.constant({ kind: "anyIndex" as const }),
    fc.constant({ kind: "anyField" as const }),
    fc.nat(1).map((index) => ({ kind: "index" as const, index })),
  );
  const selector: fc.Arbitrary<Selector> = fc.array(step, { minLength: 1, maxLength: 2 });
  const value: fc.Arbitrary<Value> = fc.oneof(
    { weight: 6, arbitrary: textValue(pool) },
    fc.constantFrom(12, -3, 0).map((n) => ({ kind: "number" as const, text: String(n), number: n })),
    fc.constant({ kind: "regex" as const, source: "a+" }),
  );
  // A condition on one field, then && and || of conditions.
  const condition: fc.Arbitrary<Expression> = fc.oneof(
    fc
      .tuple(selector, fc.constantFrom("=" as const, "!=" as const), value)
      .map(([on, operator, v]): Expression => ({ kind: "compare", selector: on, operator, value: v })),
    fc
      .tuple(selector, fc.constantFrom("null" as const, "true" as const, "false" as const, "absent" as const))
      .map(([on, check]): Expression => ({ kind: "check", selector: on, check })),
  );
  const { expression } = fc.letrec<{ expression: Expression }>((tie) => ({
    expression: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      condition,
      fc
        .tuple(
          fc.constantFrom("and" as const, "or" as const),
          fc.array(tie("expression"), { minLength: 2, maxLength: 3 }),
        )
        .map(([kind, operands]): Expression => ({ kind, operands })),
    ),
  }));
  const words = pool.filter((t) => t !== "");
  const json = expression.map((e): FilterPattern => ({ kind: "json", expression: e }));
  if (words.length === 0) return json;
  const term = fc.record({
    mode: fc.constantFrom("required" as const, "excluded" as const, "optional" as const),
    text: fc.constantFrom(...words),
  });
  const terms = fc
    .array(term, { minLength: 1, maxLength: 3 })
    .map((t): FilterPattern => ({ kind: "terms", terms: t }));
  return fc.oneof({ weight: 4, arbitrary: json }, terms);
}
