import { strict as assert } from "assert";
import { RawResource } from "../../../policy/stack";
import {
  aws,
  fullChain,
  inEveryForm,
  messages,
  native,
  NOT_MONITORED,
  Provider,
  UNKNOWN,
  UNVERIFIABLE,
  verdict,
} from "../builders";

const SECURITY_HUB_NOTE =
  "Alarm 'unauthorized' notifies people only through composite alarm 'security': Security Hub CloudWatch.1-14 " +
  "look for an SNS topic in the metric alarm's own alarmActions, and fail it (add the topic there too to pass them).";

/** The chain with an alarm without actions of its own, and a composite alarm whose rule `rule` makes of it. */
function throughComposite(
  provider: Provider,
  rule: (alarm: string) => string,
  notifies = true,
): RawResource[] {
  const stack = fullChain(provider, { silentAlarm: true });
  const alarm = stack.find((r) => /[aA]larm$/.test(r.type))!;
  const topic = stack.find((r) => /[tT]opic$/.test(r.type))!;
  const composite = (provider === "aws" ? aws : native).composite;
  return [
    ...stack,
    composite(
      "security",
      rule(String(alarm.props.name ?? alarm.props.alarmName)),
      notifies ? topic : undefined,
      [alarm],
    ),
  ];
}

describe("step 6, people, through a composite alarm", () => {
  inEveryForm((form, provider, named) => {
    it(`passes a metric alarm a composite alarm names and notifies of, with the Security Hub advisory (${named})`, () => {
      for (const rule of [(a: string) => `ALARM("${a}")`, (a: string) => `ALARM(${a}) OR ALARM("other")`]) {
        const v = verdict(form(throughComposite(provider, rule)));
        assert.deepEqual([messages(v.violations), messages(v.notes)], [[], [SECURITY_HUB_NOTE]]);
      }
    });

    it(`passes one the rule may hold back, saying when (${named})`, () => {
      const rule = (a: string) => `(ALARM("${a}") AND NOT ALARM("maintenance")) OR ALARM("other")`;
      const v = verdict(form(throughComposite(provider, rule)));
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        SECURITY_HUB_NOTE,
        "Composite alarm 'security' goes into ALARM with alarm 'unauthorized' only while the other alarms of its rule " +
          `are in their usual state (${rule("unauthorized")}).`,
      ]);
    });

    it(`advises, never passing, on a rule that needs other alarms in ALARM too (${named})`, () => {
      const rule = (a: string) => `ALARM("${a}") AND ALARM("other")`;
      const v = verdict(form(throughComposite(provider, rule)));
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        "Trail 'audit': monitoring for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2) cannot be " +
          "verified from this stack: composite alarm 'security' goes into ALARM with alarm 'unauthorized' only when " +
          `other alarms of its rule leave their usual OK state (${rule("unauthorized")}): check that it notifies of a single event.`,
      ]);
    });

    it(`still fails a metric alarm whose composite does not notify, or is not in ALARM with it (${named})`, () => {
      const silent = verdict(form(throughComposite(provider, (a) => `ALARM("${a}")`, false)));
      assert.deepEqual(messages(silent.violations), [
        `Trail 'audit' ${NOT_MONITORED}:` +
          "\n- alarm 'unauthorized' notifies nobody: it has no alarm actions (add an SNS topic ARN to alarmActions)" +
          "\n- composite alarm 'security' notifies nobody: it has no alarm actions (add an SNS topic ARN to alarmActions)",
      ]);
      for (const rule of [(a: string) => `NOT ALARM("${a}")`, () => `ALARM("other")`]) {
        const v = verdict(form(throughComposite(provider, rule)));
        assert.deepEqual(messages(v.violations), [
          `Trail 'audit' ${NOT_MONITORED}: alarm 'unauthorized' notifies nobody: it has no alarm actions (add an SNS topic ARN to alarmActions).`,
        ]);
      }
    });
  });

  it("follows composites nested in composites", () => {
    const stack = throughComposite("aws", (a) => `ALARM("${a}")`, false);
    const inner = stack.at(-1)!;
    const topic = stack.find((r) => r.type === "aws:sns/topic:Topic")!;
    const v = verdict([
      ...stack,
      aws.composite("outer", 'ALARM("security") OR ALARM("other")', topic, [inner]),
    ]);
    assert.deepEqual(messages(v.violations), []);
    assert.deepEqual(messages(v.notes), [SECURITY_HUB_NOTE.replace("'security'", "'outer'")]);
  });

  it("advises while the rule is known only after deployment, and says so of a rule it cannot read", () => {
    const [alarmName, arn] = ["unauthorized", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:unauthorized"];
    const pending = throughComposite("aws", () => "(computed)").map((r) =>
      r.type.includes("compositeAlarm") ? { ...r, props: { ...r.props, alarmRule: UNKNOWN } } : r,
    );
    assert.deepEqual(messages(verdict(pending).notes), [
      `Trail 'audit': ${UNVERIFIABLE}: whether composite alarm 'security' goes into ALARM with alarm '${alarmName}' ` +
        "is known only after deployment: its rule is computed then.",
    ]);
    const rule = `AT_LEAST(1, ALARM, (${arn}))`;
    assert.match(
      messages(verdict(throughComposite("aws", () => rule)).notes)[0],
      /cannot be verified from this stack: the rule of composite alarm 'security' \(AT_LEAST.*\) cannot be read here: check that it goes into ALARM with alarm 'unauthorized'\.$/,
    );
  });
});
