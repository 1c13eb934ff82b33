import { strict as assert } from "assert";
import { CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import { insightsFilter } from "../../infra/flow/insights-filter";

/**
 * The Logs Insights filter of every control's pattern, as generated. Each was read against its
 * pattern once: a change here must be read again.
 */
const EXPECTED: Record<string, Record<string, string>> = {
  "unauthorized-api-calls": {
    "security-hub": "errorCode like /UnauthorizedOperation$/ or errorCode like /^AccessDenied/",
    "cis-latest":
      "(errorCode like /UnauthorizedOperation$/ or errorCode like /^AccessDenied/) and " +
      '(ispresent(sourceIPAddress) and not sourceIPAddress = "delivery.logs.amazonaws.com") and ' +
      '(ispresent(eventName) and not eventName = "HeadBucket")',
  },
};

describe("the Logs Insights filter derived from a filter pattern", () => {
  for (const control of CONTROLS) {
    for (const set of PATTERN_SETS) {
      it(`selects what ${control.id} ${set} selects`, () => {
        assert.equal(insightsFilter(control.patterns[set]), EXPECTED[control.id]?.[set]);
      });
    }
  }

  it("turns wildcards into anchored regular expressions, escaping the rest", () => {
    assert.equal(insightsFilter('{ $.a = "x.y*" }'), "a like /^x\\.y/");
    assert.equal(insightsFilter('{ $.a = "*x/y" }'), "a like /x\\/y$/");
    assert.equal(insightsFilter('{ $.a = "*mid*" }'), "a like /mid/");
    assert.equal(insightsFilter('{ $.a = "*" }'), "ispresent(a)");
  });

  it("keeps the pattern's meaning of NOT EXISTS, numbers and nesting", () => {
    assert.equal(insightsFilter("{ $.a.b NOT EXISTS }"), "not ispresent(a.b)");
    assert.equal(insightsFilter("{ $.n >= 5 }"), "n >= 5");
    assert.equal(
      insightsFilter("{ ($.a = x) && (($.b = y) || ($.c = z)) }"),
      'a = "x" and (b = "y" or c = "z")',
    );
    assert.equal(insightsFilter("{ $.['a-b'].c = x }"), '`a-b.c` = "x"');
  });

  it("refuses what Logs Insights cannot express, naming the construct", () => {
    assert.throws(() => insightsFilter("ERROR"), /a term pattern has no Logs Insights equivalent/);
    assert.throws(() => insightsFilter("{ $.a IS NULL }"), /IS NULL has no Logs Insights equivalent/);
    assert.throws(() => insightsFilter("{ $.a[*] = x }"), /the selector \[\*\] has no Logs Insights/);
    assert.throws(() => insightsFilter("{ $.a = %x+% }"), /the regular expression %x\+% has no/);
  });
});
