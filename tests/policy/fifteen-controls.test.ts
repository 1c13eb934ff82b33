import { strict as assert } from "assert";
import { CIS_CONTROLS } from "../../policy/catalog";
import { checkControl, DEFAULT_CHAIN_OPTIONS } from "../../policy/rules/chain";
import { judgePattern } from "../../policy/rules/metric-filter";
import { RawResource, StackIndex } from "../../policy/stack";
import { referenceOf } from "../helpers/reference";
import { aws } from "./builders";

/** A stack monitoring every control the way terraform-aws-modules' cis-alarms does: its names and patterns. */
function terraformStyleStack(): RawResource[] {
  const logGroup = aws.logGroup("cloudtrail");
  const topic = aws.topic("CISAlarm");
  return [
    logGroup,
    topic,
    aws.trail("org-trail", logGroup),
    aws.subscription("secops", topic),
    ...CIS_CONTROLS.flatMap((control) => {
      const { tfCisAlarmsName: name, tfCisAlarmsPattern: pattern } = referenceOf(control);
      return [
        aws.filter(name, logGroup, {
          pattern,
          metricTransformation: { namespace: "CISBenchmark", name, value: "1", defaultValue: "0" },
        }),
        aws.alarm(name, topic, { namespace: "CISBenchmark", metricName: name }),
      ];
    }),
  ];
}

function violations(stack: RawResource[]): Record<string, string[]> {
  const index = new StackIndex(stack);
  return Object.fromEntries(
    CIS_CONTROLS.map((c) => [
      c.id,
      checkControl(index, c, DEFAULT_CHAIN_OPTIONS).violations.map((v) => v.message),
    ]),
  );
}

const none = Object.fromEntries(CIS_CONTROLS.map((c) => [c.id, []]));

describe("stacks monitoring all fifteen CIS controls", () => {
  it("passes every control for a stack in the Terraform module's naming and patterns", () => {
    assert.deepEqual(violations(terraformStyleStack()), none);
  });

  for (const control of CIS_CONTROLS) {
    it(`fails only ${control.id} when its alarm is removed, naming the control`, () => {
      const name = referenceOf(control).tfCisAlarmsName;
      const stack = terraformStyleStack().filter(
        (r) => !(r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name === name),
      );
      const found = violations(stack);
      assert.deepEqual({ ...found, [control.id]: [] }, none);
      assert.equal(found[control.id].length, 1);
      assert.match(
        found[control.id][0],
        new RegExp(
          `^Trail 'org-trail' is not monitored for ${control.catches} \\(CIS .*: metric filter '${name}' publishes metric CISBenchmark/${name}, but no alarm watches it`,
        ),
      );
    });
  }
});

describe("judging the catalog's controls by meaning", () => {
  const byId = (id: string) => CIS_CONTROLS.find((c) => c.id === id)!;

  it("fails an IAM policy filter that drops one of its sixteen event names, naming that event", () => {
    const control = byId("iam-policy-changes");
    const dropped = control.patterns["security-hub"].replace(" || ($.eventName=DetachGroupPolicy)", "");
    assert.notEqual(dropped, control.patterns["security-hub"]);
    assert.match(
      judgePattern(dropped, control, false).problem!,
      /^misses .*\$\.eventName = "DetachGroupPolicy"/,
    );
  });

  it("passes the two-clause MFA filter, with an advisory that it also catches SSO and failed sign-ins", () => {
    const control = byId("console-signin-without-mfa");
    const { problem, noise } = judgePattern(
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
      control,
      false,
    );
    assert.equal(problem, undefined);
    assert.deepEqual(noise, [
      "a console sign-in through IAM Identity Center (AssumedRole, MFAUsed No): IAM Identity Center and other " +
        "identity providers enforce MFA themselves",
      '$.userIdentity.type != "IAMUser" (otherwise $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed != ' +
        '"Yes" && $.responseElements.ConsoleLogin = "Success")',
      '$.responseElements.ConsoleLogin != "Success" (otherwise $.eventName = "ConsoleLogin" && ' +
        '$.additionalEventData.MFAUsed != "Yes" && $.userIdentity.type = "IAMUser")',
    ]);
  });

  it("passes a root filter without the invokedBy exclusion, with an advisory", () => {
    const control = byId("root-account-usage");
    const { problem, noise } = judgePattern(
      '{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }',
      control,
      false,
    );
    assert.equal(problem, undefined);
    assert.deepEqual(
      noise.map((n) => n.split(" (")[0]),
      ["a call an AWS service made with the root identity", "$.userIdentity.invokedBy exists"],
    );
  });

  it("with requireSecurityHubPattern, demands each control's exact Security Hub string", () => {
    const withSecurityHub = CIS_CONTROLS.filter((c) => c.securityHub);
    assert.equal(withSecurityHub.length, 14, "Security Hub's CloudWatch.1-14");
    for (const control of withSecurityHub) {
      assert.equal(judgePattern(control.securityHub!.pattern, control, true).problem, undefined);
      assert.match(
        judgePattern(control.patterns["cis-latest"] + " ", control, true).problem!,
        new RegExp(
          `is not the exact pattern Security Hub ${control.securityHub!.id.replace(".", "\\.")} requires`,
        ),
      );
    }
  });
});
