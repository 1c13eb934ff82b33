/** Step 4, alarm, as auditors read it: does the alarm fire on a single event, soon? CIS and Security Hub expect Sum >= 1 over at most 5 minutes. */
import { UNKNOWN } from "../stack";
import { WatchingAlarm } from "./chain";

export interface AlarmSettingsOptions {
  readonly maxPeriodSeconds: number;
}

export const DEFAULT_ALARM_SETTINGS_OPTIONS: AlarmSettingsOptions = { maxPeriodSeconds: 300 };

/** What is off about an alarm's settings, each with its fix; settings unknown before deployment are skipped. */
export function alarmSettingProblems(
  { alarm, metric }: WatchingAlarm,
  options: AlarmSettingsOptions,
): string[] {
  const problems: string[] = [];
  const known = <T>(v: T | typeof UNKNOWN | undefined): v is T => v !== UNKNOWN && v !== undefined;
  if (known(metric.statistic) && metric.statistic !== "Sum") {
    problems.push(`uses statistic ${metric.statistic}, which can hide single events (use Sum)`);
  }
  const { comparisonOperator: op, threshold } = alarm;
  if (known(op) && known(threshold)) {
    const single =
      (op === "GreaterThanOrEqualToThreshold" && threshold <= 1) ||
      (op === "GreaterThanThreshold" && threshold < 1);
    if (!single)
      problems.push(
        `fires only above ${op} ${threshold}, not on a single event (use GreaterThanOrEqualToThreshold 1)`,
      );
  }
  if (known(metric.period) && metric.period > options.maxPeriodSeconds) {
    problems.push(
      `has a period of ${metric.period} s, longer than ${options.maxPeriodSeconds} s (use period ${options.maxPeriodSeconds} or less)`,
    );
  }
  if (known(alarm.evaluationPeriods) && alarm.evaluationPeriods !== 1) {
    problems.push(
      `evaluates ${alarm.evaluationPeriods} periods, which delays the alarm (use evaluationPeriods 1)`,
    );
  }
  if (known(alarm.datapointsToAlarm) && alarm.datapointsToAlarm !== 1) {
    problems.push(`needs ${alarm.datapointsToAlarm} breaching datapoints (use datapointsToAlarm 1)`);
  }
  return problems;
}
