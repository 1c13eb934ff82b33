/** How the replay's text and HTML outputs write numbers, times and alarm settings. */
import { AlarmSettings } from "../../infra/config/settings";

export function number(n: number): string {
  return n.toLocaleString("en-US");
}

/** `3 files`, `1 file`. */
export function count(n: number, noun: string): string {
  return `${number(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** `2026-01-15T10:05:00Z` as `2026-01-15 10:05`. */
export function minute(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}

/** Said after an alarm's notifications when its actions are disabled. */
export function actionsNote(alarm: AlarmSettings): string {
  return alarm.actionsEnabled ? "" : " (actions disabled: nobody would be told)";
}

export function alarmText(metricName: string, alarm: AlarmSettings): string {
  return (
    `${metricName} Sum >= ${alarm.threshold} per ${alarm.periodSeconds} s, ` +
    `${alarm.datapointsToAlarm} of ${count(alarm.evaluationPeriods, "period")}, ` +
    `missing data ${alarm.treatMissingData}`
  );
}
