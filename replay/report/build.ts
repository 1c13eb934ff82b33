/** What a replay found, per control: the shape of `--json`, which the text and HTML outputs show. */
import { terminalText } from "../../lib/cli";
import { AlarmSettings, MonitoringSettings } from "../../infra/config/settings";
import {
  Contributor,
  CONTRIBUTOR_FIELDS,
  ContributorField,
  Group,
  groupRows,
  topContributors,
} from "./contributors";
import { Proposal, proposeExclusions } from "./proposals";
import { ReplayControl, Tally } from "../count/tally";
import { alarmPeriodStarts, Timeline, timeline } from "../alarm/timeline";
import { Notification, notificationsOf } from "./notifications";
import { isoTime } from "../time";
import { Reading } from "../tally-files";

export interface ReplayReport {
  readonly stack: string;
  readonly patternSet: string;
  readonly files: number;
  readonly events: number;
  /** What --keep-going passed over. */
  readonly leftOut: Reading["leftOut"];
  /** The first and last minute with events (ISO-8601), when there were any. */
  readonly from?: string;
  readonly to?: string;
  readonly controls: readonly ControlReport[];
  /** What the stack deploys that a replay cannot show, and why. */
  readonly notReplayed?: string;
}

export interface ControlReport {
  readonly id: string;
  readonly title: string;
  readonly pattern: string;
  readonly metricName: string;
  readonly alarm: AlarmSettings;
  readonly matched: number;
  readonly periodsWithMatches: number;
  /** Periods the alarm was in ALARM. */
  readonly alarmPeriods: number;
  /** Entries into ALARM: the notifications people would have received. */
  readonly alarmTransitions: number;
  /** Each entry into ALARM: when, and who set it off. */
  readonly notifications: readonly Notification[];
  readonly contributors: Readonly<Record<ContributorField, readonly Contributor[]>>;
  readonly proposals: readonly Proposal[];
  /** Period by period, for the HTML page; not part of `--json`. */
  readonly timeline: Timeline;
}

/** Contributors listed per field. */
const TOP = 5;

export function buildReplayReport(
  run: {
    stack: string;
    patternSet: string;
    files: number;
    leftOut: Reading["leftOut"];
    deliveryAlarm?: MonitoringSettings["deliveryAlarm"];
  },
  chosen: readonly ReplayControl[],
  tally: Tally,
): ReplayReport {
  const span = tally.span();
  const withEvents = new Map<number, Set<number>>();
  const controls = chosen.map((choice, i): ControlReport => {
    const counts = tally.controls[i];
    const { periodSeconds } = choice.alarm;
    if (!withEvents.has(periodSeconds)) withEvents.set(periodSeconds, tally.periodsWithEvents(periodSeconds));
    const line = timeline(span, counts.periods, withEvents.get(periodSeconds)!, periodSeconds, choice.alarm);
    const rows = [...counts.rows.values()];
    const inAlarm = alarmPeriodStarts(line);
    const groups = Object.fromEntries(
      CONTRIBUTOR_FIELDS.map((field) => [field, groupRows(rows, field, inAlarm)]),
    ) as Record<ContributorField, Group[]>;
    return {
      id: choice.control.id,
      title: choice.control.title,
      pattern: choice.pattern,
      metricName: choice.metricName,
      alarm: choice.alarm,
      matched: counts.matched,
      periodsWithMatches: counts.periods.size,
      alarmPeriods: line.alarmPeriods,
      alarmTransitions: line.entries.length,
      notifications: notificationsOf(line, choice.alarm, rows),
      contributors: Object.fromEntries(
        CONTRIBUTOR_FIELDS.map((field) => [field, topContributors(groups[field], TOP)]),
      ) as Record<ContributorField, Contributor[]>,
      proposals: proposeExclusions(
        choice.control,
        tally.patterns[i].pattern,
        { rows, groups, matched: counts.matched },
        line,
        choice.alarm,
      ),
      timeline: line,
    };
  });
  return {
    stack: run.stack,
    patternSet: run.patternSet,
    files: run.files,
    events: tally.events,
    leftOut: run.leftOut,
    ...(span === undefined ? {} : { from: isoTime(span.first), to: isoTime(span.last) }),
    controls,
    ...(run.deliveryAlarm === undefined ? {} : { notReplayed: notReplayed(run.deliveryAlarm.minutes) }),
  };
}

/** The delivery alarm fires on events that never reached the log group, which no archive holds. */
function notReplayed(minutes: number): string {
  return (
    `Not replayed: the delivery alarm (no events reaching the trail's log group for ${minutes} minutes), ` +
    "since an archive holds what the trail recorded, not whether it reached CloudWatch Logs."
  );
}

/**
 * The report as `--json` prints it: everything but the period-by-period timelines, with the
 * control characters JSON leaves as they are (C1, bidirectional marks) escaped too.
 */
export function reportJson(report: ReplayReport): string {
  return JSON.stringify(
    { ...report, controls: report.controls.map(({ timeline: _timeline, ...control }) => control) },
    null,
    2,
  )
    .split("\n")
    .map(terminalText)
    .join("\n");
}
