import { strict as assert } from "assert";
import { CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import { compileFilterPattern, EventValue } from "../../policy/filter-pattern";

describe("every pattern of every control's pattern sets", () => {
  for (const control of CONTROLS) {
    for (const set of PATTERN_SETS) {
      it(`${control.id} ${set} matches every must-match sample and no must-not-match sample`, () => {
        const pattern = compileFilterPattern(control.patterns[set]);
        const missed = control.samples.mustMatch.filter((s) => !pattern.matches(s.record as EventValue));
        const caught = control.samples.mustNotMatch.filter((s) => pattern.matches(s.record as EventValue));
        assert.deepEqual(
          missed.map((s) => s.description),
          [],
        );
        assert.deepEqual(
          caught.map((s) => s.description),
          [],
        );
      });
    }
  }

  it("unauthorized-api-calls cis-latest: the exclusions drop CloudWatch Logs delivery and HeadBucket, for both error codes", () => {
    const control = CONTROLS.find((c) => c.id === "unauthorized-api-calls")!;
    const pattern = compileFilterPattern(control.patterns["cis-latest"]);
    const base = {
      errorCode: "Client.UnauthorizedOperation",
      eventName: "RunInstances",
      sourceIPAddress: "198.51.100.7",
    };
    assert.equal(pattern.matches(base), true);
    assert.equal(pattern.matches({ ...base, sourceIPAddress: "delivery.logs.amazonaws.com" }), false);
    assert.equal(pattern.matches({ ...base, errorCode: "AccessDenied", eventName: "HeadBucket" }), false);
  });
});
