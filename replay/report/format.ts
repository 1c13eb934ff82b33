/** How the replay's text and HTML outputs write numbers, times and alarm settings. */
import { AlarmSettings } from "../../infra/config/settings";
import { Reading } from "../tally-files";

export function number(n: number): string {
  return n.toLocaleString("en-US");
}

/** `3 files`, `1 file`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${number(n)} ${n === 1 ? noun : plural}`;
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

/** What --keep-going passed over, as a sentence; undefined when nothing was. */
export function leftOutText({
  records,
  filesReadInPart,
  unreadable,
}: Reading["leftOut"]): string | undefined {
  const parts = [
    records > 0 ? count(records, "record") : "",
    filesReadInPart > 0
      ? `the rest of ${count(filesReadInPart, "file")} after ${filesReadInPart === 1 ? "its" : "their"} break`
      : "",
    unreadable > 0 ? `${count(unreadable, "unreadable file or folder", "unreadable files or folders")}` : "",
  ].filter((p) => p !== "");
  if (parts.length === 0) return undefined;
  return `Not replayed (--keep-going; each is named on standard error): ${parts.join(", ")}.`;
}

/**
 * A principal with the account its events are about, unless its ARN already names that account:
 * `Root in account 111122223333`.
 */
export function principalText(principal: string, account: string | undefined): string {
  return account === undefined || principal.split(":")[4] === account
    ? principal
    : `${principal} in account ${account}`;
}
