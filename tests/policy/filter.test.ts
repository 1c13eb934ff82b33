import { strict as assert } from "assert";
import { judgePattern } from "../../policy/rules/filter";
import { control } from "./builders";

const judge = (pattern: string, exact = false) => judgePattern(pattern, control, exact);

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
    "the grouped v1.4 form":
      '{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}',
    "the published v4+ text":
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
  };
  for (const [name, pattern] of Object.entries(passing)) {
    it(`accepts ${name}`, () => assert.equal(judge(pattern), undefined));
  }

  it("rejects a pattern without wildcards, naming what it misses", () => {
    assert.equal(
      judge('{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied") }'),
      "misses EC2 RunInstances refused with Client.UnauthorizedOperation; misses KMS Decrypt refused with AccessDeniedException",
    );
  });

  it("rejects a pattern with only one of the two error codes", () => {
    assert.equal(
      judge('{ $.errorCode = "AccessDenied*" }'),
      "misses EC2 RunInstances refused with Client.UnauthorizedOperation; misses EC2 call refused with a bare UnauthorizedOperation",
    );
  });

  it("rejects || between all four v1.4 terms, which matches ordinary successful calls", () => {
    const problem = judge(
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress != "delivery.logs.amazonaws.com") || ($.eventName != "HeadBucket") }',
    );
    assert.match(
      problem!,
      /^also matches a successful DescribeInstances call \(no errorCode\), so the alarm would fire on ordinary activity; /,
    );
  });

  it("rejects a pattern that does not parse, quoting the parse error", () => {
    assert.equal(
      judge('{ $.errorCode = "AccessDenied*" || }'),
      "does not parse: expected a selector such as $.field, or '(' at column 36",
    );
  });

  it("with requireSecurityHubPattern, accepts only the exact Security Hub string", () => {
    assert.equal(judge(control.patterns["security-hub"], true), undefined);
    assert.equal(
      judge(passing["the CIS seed's spaced form"], true),
      `is not the exact pattern Security Hub requires (${control.patterns["security-hub"]})`,
    );
  });
});
