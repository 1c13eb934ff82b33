import { strict as assert } from "assert";
import { alarmSettingProblems, DEFAULT_ALARM_SETTINGS_OPTIONS } from "../../policy/rules/alarm-settings";
import { checkControl, DEFAULT_CHAIN_OPTIONS } from "../../policy/rules/chain";
import { StackIndex } from "../../policy/stack";
import { aws, chain, control, resources, UNKNOWN } from "./builders";

function problems(alarmProps: Record<string, unknown>, maxPeriodSeconds = 300): string[] {
  const c = chain();
  const alarm = aws.alarm("unauthorized", c.topic, alarmProps);
  const [watching] = checkControl(
    new StackIndex(resources({ ...c, alarm })),
    control,
    DEFAULT_CHAIN_OPTIONS,
  ).alarms;
  return alarmSettingProblems(watching, { ...DEFAULT_ALARM_SETTINGS_OPTIONS, maxPeriodSeconds });
}

describe("the alarm's settings", () => {
  it("accept Sum >= 1 over 300 s, one period", () => assert.deepEqual(problems({}), []));

  it("accept > 0 as firing on a single event", () => {
    assert.deepEqual(problems({ comparisonOperator: "GreaterThanThreshold", threshold: 0 }), []);
  });

  it("name each setting that delays or hides single events, with its fix", () => {
    assert.deepEqual(
      problems({
        statistic: "Average",
        threshold: 5,
        period: 3600,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      }),
      [
        "uses statistic Average, which can hide single events (use Sum)",
        "fires only above GreaterThanOrEqualToThreshold 5, not on a single event (use GreaterThanOrEqualToThreshold 1)",
        "has a period of 3600 s, longer than 300 s (use period 300 or less)",
        "evaluates 3 periods, which delays the alarm (use evaluationPeriods 1)",
        "needs 2 breaching datapoints (use datapointsToAlarm 1)",
      ],
    );
  });

  it("use the configured longest period", () => {
    assert.deepEqual(problems({ period: 900 }, 900), []);
  });

  it("skip settings that are unknown before deployment", () => {
    assert.deepEqual(problems({ threshold: UNKNOWN, period: UNKNOWN }), []);
  });
});
