import { strict as assert } from "assert";
import { compileFilterPattern, EventValue, parseJsonText } from "../../policy/filter-pattern";

const matches = (pattern: string, event: EventValue) => compileFilterPattern(pattern).matches(event);
const matchesText = (pattern: string, text: string) => compileFilterPattern(pattern).matchesText(text);

describe("evaluating filter patterns", () => {
  it("applies [*] and .* to any of the selected values", () => {
    const event = { users: [{ id: 1 }, { id: 2 }], tags: { a: "x", b: "y" } };
    assert.equal(matches("{ $.users[*].id = 2 }", event), true);
    assert.equal(matches("{ $.users[*].id = 3 }", event), false);
    assert.equal(matches('{ $.tags.* = "y" }', event), true);
    assert.equal(matches("{ $.users[*].name NOT EXISTS }", event), true);
  });

  it("matches %regex% anywhere in the field's text, in linear time", () => {
    assert.equal(matches("{ $.code = %Denied$% }", { code: "AccessDenied" }), true);
    assert.equal(matches("{ $.code = %^Denied% }", { code: "AccessDenied" }), false);
    assert.equal(
      matches("{ $.code != %^AccessDenied$|^AccessForbidden$% }", { code: "AccessForbidden" }),
      false,
    );
    assert.equal(matches("{ $.n = %^1[0-9]{2}$% }", { n: 123 }), true);
    // Regexes that make a backtracking engine take exponential time, or a simulation of their
    // automaton take the text's length times a repeat count, on a field of 1 MB.
    const field = "a".repeat(1_000_000);
    const evil = compileFilterPattern("{ $.s = %^a*a*a*a*a*a*a*a*a*a*b$% }");
    assert.equal(evil.matches({ s: field }), false);
    const counted = compileFilterPattern(`{ $.s = %${"[a-z]{999}".repeat(10)}X% }`);
    assert.equal(counted.matches({ s: field }), false);
    assert.equal(counted.matches({ s: `${"b".repeat(9990)}X` }), true);
  });

  it("compares a number field with a quoted value using the number's text in the event", () => {
    assert.equal(matchesText('{ $.n != "12" }', '{"n": 12.0}'), true);
    assert.equal(matchesText('{ $.n = "12.0" }', '{"n": 12.0}'), true);
    assert.equal(matchesText("{ $.n = 12 }", '{"n": 12.0}'), true);
  });

  it("does not apply JSON patterns to events that are not JSON", () => {
    assert.equal(matchesText("{ $.a NOT EXISTS }", "plain text ERROR"), false);
  });

  it("finds required, excluded and optional terms in the raw text, case sensitive", () => {
    assert.equal(matchesText("ERROR -DEBUG", "ERROR disk full"), true);
    assert.equal(matchesText("ERROR -DEBUG", "DEBUG ERROR disk full"), false);
    assert.equal(matchesText("error", "ERROR disk full"), false);
    assert.equal(matchesText('?WARN ?"disk full"', "ERROR disk full"), true);
    assert.equal(matchesText("?WARN ?FATAL", "ERROR disk full"), false);
    assert.equal(matchesText("", "anything"), true);
  });
});

describe("reading event text as JSON", () => {
  it('keeps a "__proto__" key as a key of the object, as JSON.parse does, never as its prototype', () => {
    const text = '{"__proto__": {"isAdmin": "yes"}, "eventName": "x"}';
    const parsed = parseJsonText(text) as Record<string, EventValue>;
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
    assert.deepEqual(Object.keys(parsed), Object.keys(JSON.parse(text)));
    assert.deepEqual(parsed["__proto__"], { isAdmin: "yes" });
    assert.equal((parsed as Record<string, unknown>).isAdmin, undefined);
    assert.equal(matchesText('{ $.__proto__.isAdmin = "yes" }', text), true);
    assert.equal(matchesText('{ $.isAdmin = "yes" }', text), false);
  });
});
