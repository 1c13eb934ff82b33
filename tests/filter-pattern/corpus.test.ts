import { strict as assert } from "assert";
import { compileFilterPattern, FilterPatternError } from "../../policy/filter-pattern";
import { CONTROLS } from "../../policy/catalog";
import { cloudTrailCases, patternCases } from "../helpers/corpus";

describe("filter patterns against AWS's own results (filter-pattern-cases.jsonl)", () => {
  const cases = patternCases();

  it("reads all 170 cases", () => assert.equal(cases.length, 170));

  for (const c of cases) {
    it(`line ${c.line}: ${c.pattern.trim()} → ${c.expected}`, () => {
      if (c.expected === "InvalidParameterException") {
        assert.throws(() => compileFilterPattern(c.pattern), FilterPatternError);
      } else {
        assert.equal(compileFilterPattern(c.pattern).matches(c.event), c.expected);
      }
    });
  }
});

describe("the Security Hub pattern on 190 real CloudTrail records (cloudtrail-events.jsonl)", () => {
  const pattern = compileFilterPattern(CONTROLS[0].patterns["security-hub"]);
  const records = cloudTrailCases();

  it("matches exactly the 46 records labelled unauthorized", () => {
    const wrong = records.filter((r) => pattern.matchesText(r.text) !== r.expectedUnauthorized);
    assert.deepEqual(
      wrong.map((r) => `line ${r.line}: errorCode ${r.errorCode}`),
      [],
    );
    assert.equal(records.filter((r) => pattern.matchesText(r.text)).length, 46);
  });
});
