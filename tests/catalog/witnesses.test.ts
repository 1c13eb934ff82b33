import { strict as assert } from "assert";
import { CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import { compileFilterPattern, EventValue } from "../../policy/filter-pattern";
import { witnesses } from "../../policy/rules/witnesses";

describe("the events built from each control's reference pattern", () => {
  for (const control of CONTROLS) {
    const { mustMatch, nearMisses } = witnesses(control);

    it(`${control.id}: every pattern set catches each of its ${mustMatch.length} witnesses`, () => {
      assert.ok(mustMatch.length > 0);
      for (const set of PATTERN_SETS) {
        const pattern = compileFilterPattern(control.patterns[set]);
        assert.deepEqual(
          mustMatch
            .filter((w) => !pattern.matches(w.record as EventValue))
            .map((w) => `${set}: ${w.description}`),
          [],
        );
      }
    });

    it(`${control.id}: the reference pattern catches none of its ${nearMisses.length} near misses`, () => {
      assert.ok(nearMisses.length > 0);
      const reference = compileFilterPattern(control.patterns["security-hub"]);
      assert.deepEqual(
        nearMisses.filter((n) => reference.matches(n.record as EventValue)).map((n) => n.description),
        [],
      );
    });
  }

  it("builds the console sign-in witness with the MFAUsed value real records have", () => {
    const control = CONTROLS.find((c) => c.id === "console-signin-without-mfa")!;
    const [witness] = witnesses(control).mustMatch;
    assert.deepEqual(witness.record.additionalEventData, { MFAUsed: "No" });
    assert.deepEqual(
      witnesses(control).nearMisses.map((n) => n.description.split(" (")[0]),
      [
        '$.eventName != "ConsoleLogin"',
        '$.additionalEventData.MFAUsed = "Yes"',
        '$.userIdentity.type != "IAMUser"',
        '$.responseElements.ConsoleLogin != "Success"',
      ],
    );
  });
});
