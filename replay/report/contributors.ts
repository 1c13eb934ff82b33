/** Who and what set off a control: its matching events grouped by principal, event name, error, source and region. */
import { principalName } from "../count/principal";
import { Row } from "../count/tally";

export const CONTRIBUTOR_FIELDS = [
  "principal",
  "eventName",
  "errorCode",
  "sourceIPAddress",
  "region",
] as const;
export type ContributorField = (typeof CONTRIBUTOR_FIELDS)[number];

export interface Contributor {
  readonly value: string;
  /** Matching events with this value. */
  readonly events: number;
  /** Periods in ALARM in which it had a matching event. */
  readonly alarmPeriods: number;
}

/** Matching events that share a value of one field. */
export interface Group {
  readonly value: string;
  readonly rows: Row[];
  /** Matching events with this value. */
  events: number;
  /** Periods in ALARM in which it had a matching event. */
  readonly inAlarm: Set<number>;
}

const NONE = "(none)";

function fieldValue(row: Row, field: ContributorField): string {
  switch (field) {
    case "principal":
      return principalName(row.principal);
    case "eventName":
      return row.eventName ?? NONE;
    case "errorCode":
      return row.errorCode ?? NONE;
    case "sourceIPAddress":
      return row.sourceIPAddress ?? NONE;
    case "region":
      return row.awsRegion ?? NONE;
  }
}

/** Rows grouped by their value of `field`, with the ALARM periods (of `alarmPeriods`) each group had events in. */
export function groupRows(
  rows: Iterable<Row>,
  field: ContributorField,
  alarmPeriods: ReadonlySet<number>,
): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const value = fieldValue(row, field);
    let group = groups.get(value);
    if (group === undefined) groups.set(value, (group = { value, rows: [], events: 0, inAlarm: new Set() }));
    group.rows.push(row);
    group.events += row.periods.total();
    row.periods.forEachRun((period) => alarmPeriods.has(period) && group.inAlarm.add(period));
  }
  return [...groups.values()];
}

/** The values (of groups from groupRows) behind most ALARM periods, then most events. */
export function topContributors(groups: readonly Group[], limit: number): Contributor[] {
  return groups
    .map((g) => ({ value: g.value, events: g.events, alarmPeriods: g.inAlarm.size }))
    .sort((a, b) => b.alarmPeriods - a.alarmPeriods || b.events - a.events || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
}
