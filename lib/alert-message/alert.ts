/** What a message about one alarm going into ALARM is made from, and what every form of it says alike. */
import { insightsLink } from "./console-link";
import { AlertTally } from "./tally";

/** What the message says about the control, from the catalog and the stack's settings. */
export interface AlertControl {
  readonly id: string;
  readonly title: string;
  /** `CIS alarm` for the CIS Benchmark's controls, `Alarm` for one beyond it: how subjects begin. */
  readonly alarmKind: string;
  /** Where auditors find it: the CIS numbers per version and the Security Hub id, in words. */
  readonly references: string;
  readonly securityHubId?: string;
  /** The filter pattern of the stack's pattern set: what the metric counts, and the events are looked up with. */
  readonly pattern: string;
  /** The control's saved Logs Insights query (`CIS/<id>`). */
  readonly query: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

export interface Alert {
  readonly control: AlertControl;
  readonly alarmName: string;
  readonly alarmArn?: string;
  /** The account and region of the alarm; the account is unknown offline. */
  readonly account?: string;
  readonly region: string;
  readonly partition: string;
  /** The trail's log group; unknown offline for a log group the stack creates. */
  readonly logGroupName?: string;
  /** When the alarm went into ALARM. */
  readonly time: Date;
  /** The time the events were looked up in: the periods the alarm evaluated. */
  readonly window: { readonly start: Date; readonly end: Date };
  /** The events the metric counted in the window, when the alarm said. */
  readonly counted?: number;
  /** The events found in the window with the control's pattern. */
  readonly found: AlertTally;
  /** Why the lookup stopped before it had read the whole window, if it did. */
  readonly stoppedEarly?: string;
  /** Why the events could not be looked up at all: the message then says so, and where to look. */
  readonly unavailable?: string;
}

/** `Unauthorized API calls: 3 events in account 123456789012 (us-east-1)`. */
export function headline(alert: Alert): string {
  const alarmWhere =
    alert.account === undefined ? `in ${alert.region}` : `in account ${alert.account} (${alert.region})`;
  if (alert.unavailable !== undefined)
    return `${alert.control.title}: alarm ${alarmWhere}, events not looked up`;
  // An organization trail's alarm counts every member account's events: name theirs, not the alarm's.
  const accounts = alert.found.top("account", 2);
  const where =
    accounts.length === 0 || (accounts.length === 1 && accounts[0].value === alert.account)
      ? alarmWhere
      : accounts.length === 1
        ? `in account ${accounts[0].value} (${alert.region})`
        : `in ${alert.found.distinct("account")} accounts (${alert.region})`;
  return `${alert.control.title}: ${events(alert.found.events)} ${where}`;
}

/** `3 events`, `1 event`, `12,345 events`. */
export function events(count: number): string {
  return `${count.toLocaleString("en-US")} event${count === 1 ? "" : "s"}`;
}

/** What the reader should know about how complete the list is, each as a sentence. */
export function caveats(alert: Alert): string[] {
  const { found, counted, stoppedEarly } = alert;
  const notes: string[] = [];
  if (stoppedEarly !== undefined) {
    notes.push(`Only part of the window was read: ${stoppedEarly}. The link below lists them all.`);
  } else if (counted !== undefined && found.events < counted) {
    notes.push(
      found.events === 0
        ? `The metric counted ${events(counted)}, but none of them is in the log group any more: the log group's retention or a deletion removed them, or they arrived with an older time.`
        : `The metric counted ${events(counted)}; only these ${events(found.events)} are in the log group now.`,
    );
  }
  if (found.unreadable > 0) {
    notes.push(`${events(found.unreadable)} in the window were not CloudTrail records and are left out.`);
  }
  return notes;
}

/** The Logs Insights link: the control's saved query over the window. */
export function lookFurther(alert: Alert): string {
  return insightsLink({
    partition: alert.partition,
    region: alert.region,
    logGroupName: alert.logGroupName,
    query: alert.control.query,
    start: alert.window.start,
    end: alert.window.end,
  });
}

/** `2026-03-01 08:31:02 UTC`, from a Date or an eventTime. */
export function utc(time: Date | string): string {
  const iso = typeof time === "string" ? time : time.toISOString().replace(/\.\d{3}Z$/, "Z");
  return iso.replace("T", " ").replace(/Z$/, " UTC");
}

/** `2026-03-01 08:30:00 to 08:35:00 UTC`: the second time without its day when it is the same day. */
export function timeRange(first: Date | string, last: Date | string): string {
  const [from, to] = [utc(first), utc(last)];
  if (from === to) return from;
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return `${from.replace(/ UTC$/, "")} to ${sameDay ? to.slice(11) : to}`;
}

/** `1 period of 300 s`, `3 periods of 60 s`. */
export function periods(control: AlertControl): string {
  const n = control.evaluationPeriods;
  return `${n} period${n === 1 ? "" : "s"} of ${control.periodSeconds} s`;
}
