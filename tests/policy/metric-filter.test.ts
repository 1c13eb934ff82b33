import { strict as assert } from "assert";
import { CIS_ALARM, Control } from "../../policy/catalog";
import { judgePattern } from "../../policy/rules/metric-filter";
import { control } from "./builders";

const judge = (pattern: string, exact = false) => judgePattern(pattern, control, exact);

/** A control defined by its reference pattern alone, to judge filters against its meaning. */
function controlOf(id: string, reference: string, context = {}): Control {
  return {
    id,
    title: id,
    catches: id,
    cis: { "1.4": "4.99" },
    patterns: { "security-hub": reference, "cis-latest": reference },
    metricName: "Count",
    alarm: CIS_ALARM,
    context,
    samples: { mustMatch: [], mustNotMatch: [] },
  };
}

describe("judging a metric filter's pattern by what it matches", () => {
  const passing: Record<string, string> = {
    "the Security Hub string": '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    "the CIS seed's spaced form":
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    "no quotes": "{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode = AccessDenied*) }",
    "reordered clauses": '{ ($.errorCode = "AccessDenied*") || ($.errorCode = "*UnauthorizedOperation") }',
    "line breaks": '{\n  ($.errorCode = "*UnauthorizedOperation") ||\n  ($.errorCode = "AccessDenied*")\n}',
    "extra parentheses":
      '{ ((($.errorCode = "*UnauthorizedOperation")) || (($.errorCode = "AccessDenied*"))) }',
    "the grouped v2.0+ form":
      '{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}',
    "the published v2.0+ text":
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
  };
  for (const [name, pattern] of Object.entries(passing)) {
    it(`accepts ${name}`, () => {
      const { problem, noise } = judge(pattern);
      assert.equal(problem, undefined);
      assert.deepEqual(noise, []);
    });
  }

  it("rejects a pattern without wildcards, naming what it misses", () => {
    assert.equal(
      judge('{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied") }').problem,
      "misses EC2 RunInstances refused with Client.UnauthorizedOperation; KMS Decrypt refused with AccessDeniedException",
    );
  });

  it("rejects a pattern with only one of the two error codes, naming the events it misses", () => {
    assert.equal(
      judge('{ $.errorCode = "AccessDenied*" }').problem,
      "misses EC2 RunInstances refused with Client.UnauthorizedOperation; EC2 call refused with a bare " +
        'UnauthorizedOperation; $.errorCode = "*UnauthorizedOperation"',
    );
  });

  it("rejects || between all four v1.3 terms, which matches ordinary successful calls", () => {
    const { problem } = judge(
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress != "delivery.logs.amazonaws.com") || ($.eventName != "HeadBucket") }',
    );
    assert.match(
      problem!,
      /^also matches a successful DescribeInstances call \(no errorCode\); .* so the alarm would fire on ordinary activity$/,
    );
  });

  it("rejects a pattern that does not parse, quoting the parse error", () => {
    assert.equal(
      judge('{ $.errorCode = "AccessDenied*" || }').problem,
      "does not parse: expected a selector such as $.field, or '(' at column 36",
    );
  });

  it("with requireSecurityHubPattern, accepts only the exact Security Hub string", () => {
    assert.equal(judge(control.patterns["security-hub"], true).problem, undefined);
    assert.equal(
      judge(passing["the CIS seed's spaced form"], true).problem,
      `is not the exact pattern Security Hub CloudWatch.2 requires (${control.patterns["security-hub"]})`,
    );
  });

  it("ranks patterns by how much of the control they catch", () => {
    const half = judge('{ $.errorCode = "AccessDenied*" }').closeness;
    const none = judge('{ $.eventName = "Nothing" }').closeness;
    assert.ok(judge(passing["no quotes"]).closeness > half && half > none, `${half} ${none}`);
  });
});

describe("judging by the meaning of the control's reference pattern", () => {
  const names = ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"];
  const trailChanges = controlOf(
    "trail-changes",
    `{${names.map((n) => `($.eventName=${n})`).join(" || ")}}`,
    { eventSource: "cloudtrail.amazonaws.com" },
  );

  it("fails a filter that drops one event name of the list, naming the event it misses", () => {
    const dropped = `{ ${names
      .filter((n) => n !== "StopLogging")
      .map((n) => `$.eventName = "${n}"`)
      .join(" || ")} }`;
    assert.equal(judgePattern(dropped, trailChanges, false).problem, 'misses $.eventName = "StopLogging"');
  });

  it("passes a filter that adds the service the events come from, which every such event has", () => {
    const guarded = `{ ($.eventSource = "cloudtrail.amazonaws.com") && (${names.map((n) => `($.eventName = ${n})`).join(" || ")}) }`;
    assert.deepEqual(judgePattern(guarded, trailChanges, false), {
      problem: undefined,
      noise: [],
      closeness: 1,
    });
  });

  const root = controlOf(
    "root-usage",
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  );

  it("passes a filter that catches strictly more, and says what more it catches", () => {
    const { problem, noise } = judgePattern(
      '{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }',
      root,
      false,
    );
    assert.equal(problem, undefined);
    assert.deepEqual(noise, [
      '$.userIdentity.invokedBy exists (otherwise $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent")',
    ]);
  });

  it("fails a filter that leaves out events the control exists to catch", () => {
    const { problem } = judgePattern(
      '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }',
      root,
      false,
    );
    assert.equal(
      problem,
      'misses $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent"',
    );
  });
});
