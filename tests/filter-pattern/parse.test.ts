import { strict as assert } from "assert";
import {
  FilterPatternError,
  parseFilterPattern,
  printFilterPattern,
  UnsupportedPatternError,
} from "../../policy/filter-pattern";

const canonical = (text: string) => printFilterPattern(parseFilterPattern(text));

function rejects(pattern: string, message: string): void {
  assert.throws(
    () => parseFilterPattern(pattern),
    (e: unknown) => e instanceof FilterPatternError && e.message === message,
    `${pattern} should fail with: ${message}`,
  );
}

describe("parsing filter patterns", () => {
  it("reads selectors with fields, indexes, quoted names and wildcards", () => {
    assert.equal(
      canonical(`{ $.a.b[0][1] = 1 && $.['dotted.name'] = x && $.list[*].id = 2 && $.* = y }`),
      `{ $.a.b[0][1] = 1 && $.['dotted.name'] = "x" && $.list[*].id = 2 && $.* = "y" }`,
    );
  });

  it("reads numbers with sign and exponent as numbers, everything else unquoted as text", () => {
    const expr = (parseFilterPattern("{ $.n = -1.5e3 }") as { expression: { value: unknown } }).expression;
    assert.deepEqual(expr.value, { kind: "number", text: "-1.5e3", number: -1500 });
    assert.equal(canonical("{ $.ip != 123.123.* }"), '{ $.ip != "123.123.*" }');
  });

  it("binds && tighter than ||, printing only the parentheses that matter", () => {
    assert.equal(canonical("{ $.a = 1 || $.b = 2 && $.c = 3 }"), "{ $.a = 1 || $.b = 2 && $.c = 3 }");
    assert.equal(canonical("{ ($.a = 1 || $.b = 2) && $.c = 3 }"), "{ ($.a = 1 || $.b = 2) && $.c = 3 }");
    assert.equal(canonical("{ ((($.a = 1))) }"), "{ $.a = 1 }");
  });

  it("normalises spacing, line breaks and quoting of the Security Hub pattern and its variants", () => {
    const expected = '{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" }';
    for (const variant of [
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
      "{ $.errorCode = *UnauthorizedOperation ||\n  $.errorCode = AccessDenied* }",
    ]) {
      assert.equal(canonical(variant), expected);
    }
  });

  it("reads IS NULL, IS TRUE, IS FALSE and NOT EXISTS", () => {
    assert.equal(
      canonical("{$.a IS NULL && $.b IS TRUE && $.c IS FALSE && $.d NOT EXISTS}"),
      "{ $.a IS NULL && $.b IS TRUE && $.c IS FALSE && $.d NOT EXISTS }",
    );
  });

  it("reads %regex% values and escaped quotes", () => {
    assert.equal(
      canonical('{ $.a = %^ab[0-9]+$% && $.b = "say \\"hi\\"" }'),
      '{ $.a = %^ab[0-9]+$% && $.b = "say \\"hi\\"" }',
    );
  });

  it("reads term patterns with required, excluded and optional terms", () => {
    assert.deepEqual(parseFilterPattern('ERROR -DEBUG ?"access denied" ?Throttled'), {
      kind: "terms",
      terms: [
        { mode: "required", text: "ERROR" },
        { mode: "excluded", text: "DEBUG" },
        { mode: "optional", text: "access denied" },
        { mode: "optional", text: "Throttled" },
      ],
    });
  });

  it("reports errors with the column and what was expected", () => {
    rejects("{ $.errorCode = }", "expected a value after '=' at column 17");
    rejects('{ $.errorCode = "AccessDenied*" ', "expected '&&', '||' or '}' at column 33");
    rejects("{ errorCode = 1 }", "expected a selector such as $.field, or '(' at column 3");
    rejects("{ $.a == 1 }", "expected a value after '=' at column 8");
    rejects(
      '{ $.a > "1" }',
      "expected an unquoted number after '>' (ordering operators compare numbers only) at column 9",
    );
    rejects("{ ($.a = 1 }", "expected ')' to close the '(' from column 3 at column 12");
    rejects('{ $.a = "x }', 'expected a closing " for the string at column 9');
    rejects("{ $. = 1 }", "expected a field name after '.' at column 5");
    rejects("{ $.a IS MAYBE }", "expected NULL, TRUE or FALSE after IS at column 10");
    rejects("{ $.a = 1 } x", "expected the end of the pattern after '}' at column 13");
    rejects(
      "{ $.a = %ab(c)% }",
      "CloudWatch Logs does not support '(' in a regex: it has no groups at column 12",
    );
    rejects(
      " {$.a IS TRUE} ",
      "expected a letter, digit or '_': a term with other characters must be in double quotes at column 2",
    );
  });

  it("refuses in a %regex% what CloudWatch Logs refuses, saying why", () => {
    const allowed =
      "only letters, digits, the symbols : _ # = @ / ; , - and the operators ^ $ ? [ ] { } | \\ * + .";
    rejects(
      "{ $.a = %something!% }",
      `CloudWatch Logs does not allow "!" in a regex: ${allowed} at column 19`,
    );
    rejects(
      "{ $.a = %access denied% }",
      `CloudWatch Logs does not allow " " in a regex: ${allowed} at column 16`,
    );
    rejects(
      "{ $.a = %^(ab)+$% }",
      "CloudWatch Logs does not support '(' in a regex: it has no groups at column 11",
    );
    rejects(
      "{ $.a = %caf\u00e9% }",
      "CloudWatch Logs does not support multi-byte characters in a regex at column 13",
    );
    rejects(
      "{ $.a = %a% || $.b = %b% || $.c = %c% }",
      "CloudWatch Logs takes at most 2 regular expressions in one filter pattern at column 35",
    );
    rejects(
      "{ $.a = %a^b% }",
      "'^' anchors at the start of the text: it can only begin the regex or follow '|' at column 11",
    );
    rejects(
      "{ $.a = %a$b% }",
      "'$' anchors at the end of the text: nothing can follow it but '|' at column 12",
    );
    rejects("{ $.a = %a+*% }", "a repeat cannot follow another in the regex at column 12");
    rejects("{ $.a = %a{1001}% }", "a repeat count above 1000 at column 11");
    assert.doesNotThrow(() =>
      parseFilterPattern("{ $.a = %^[hc]at$|colou?r|\\d{1,3}\\.\\d{1,3}% && $.b = %a{3,5}% }"),
    );
  });

  it("reports space-delimited patterns as unsupported", () => {
    assert.throws(() => parseFilterPattern("[ip, user, status=4*]"), UnsupportedPatternError);
  });

  it("refuses nesting that could exhaust the stack, with its typed error", () => {
    rejects(
      `{ ${"(".repeat(5000)}$.a = 1${")".repeat(5000)} }`,
      "parentheses nest deeper than 100 at column 103",
    );
  });
});
