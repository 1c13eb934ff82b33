import { strict as assert } from "assert";
import { CloudTrailRecord, Control, CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import { apiCall, consoleLogin, IDENTITIES } from "../../policy/catalog/record";
import { compileFilterPattern, EventValue } from "../../policy/filter-pattern";

const byId = (id: string) => CONTROLS.find((c) => c.id === id)!;

/** Whether each pattern set of a control counts an event. */
function verdicts(control: Control, record: CloudTrailRecord): Record<string, boolean> {
  return Object.fromEntries(
    PATTERN_SETS.map((set) => [
      set,
      compileFilterPattern(control.patterns[set]).matches(record as EventValue),
    ]),
  );
}

describe("every pattern of every control's pattern sets", () => {
  for (const control of CONTROLS) {
    for (const set of PATTERN_SETS) {
      it(`${control.id} ${set} matches every must-match sample and no must-not-match sample`, () => {
        assert.ok(control.samples.mustMatch.length > 0, "no must-match sample");
        assert.ok(control.samples.mustNotMatch.length > 0, "no must-not-match sample");
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
    const control = byId("unauthorized-api-calls");
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

  it("monitoring-changes: each call counts only from its own service, in both sets", () => {
    const control = byId("monitoring-changes");
    for (const { record, description } of control.samples.mustMatch) {
      assert.deepEqual(verdicts(control, record), { "security-hub": true, "cis-latest": true }, description);
      const elsewhere = { ...record, eventSource: "lightsail.amazonaws.com" };
      assert.deepEqual(
        verdicts(control, elsewhere),
        { "security-hub": false, "cis-latest": false },
        description,
      );
    }
  });

  it("route-table-changes: security-hub also counts other services' routes, cis-latest only EC2's", () => {
    const control = byId("route-table-changes");
    assert.ok(control.samples.mustMatch.length > 0);
    for (const { record } of control.samples.mustMatch) {
      const apiGateway = { ...record, eventSource: "apigateway.amazonaws.com" };
      assert.deepEqual(verdicts(control, apiGateway), { "security-hub": true, "cis-latest": false });
    }
  });

  it("security-group-changes: only cis-latest counts ModifySecurityGroupRules, as CIS v5.0+ asks", () => {
    const modify = apiCall("ec2.amazonaws.com", "ModifySecurityGroupRules", {
      requestParameters: { GroupId: "sg-0123456789abcdef0" },
    });
    assert.deepEqual(verdicts(byId("security-group-changes"), modify), {
      "security-hub": false,
      "cis-latest": true,
    });
  });

  it("console-signin-without-mfa leaves root and failed sign-ins to the controls that count them", () => {
    const rootWithoutMfa = consoleLogin(IDENTITIES.root, { mfaUsed: "No" });
    const failed = consoleLogin(IDENTITIES.iamUser, { mfaUsed: "No", failure: "Failed authentication" });
    const both = (matches: boolean) => ({ "security-hub": matches, "cis-latest": matches });
    assert.deepEqual(verdicts(byId("console-signin-without-mfa"), rootWithoutMfa), both(false));
    assert.deepEqual(verdicts(byId("root-account-usage"), rootWithoutMfa), both(true));
    assert.deepEqual(verdicts(byId("console-signin-without-mfa"), failed), both(false));
    assert.deepEqual(verdicts(byId("console-authentication-failures"), failed), both(true));
  });
});
