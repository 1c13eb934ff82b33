/** Who and what set off a control: its matching events grouped by principal, event name, error, source and region. */
import { principalName } from "./principal";
import { PeriodCounts, Row } from "./tally";

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
  readonly periods: PeriodCounts;
  events: number;
}

const NONE = "(none)";

export function fieldValue(row: Row, field: ContributorField): string {
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

export function groupRows(rows: Iterable<Row>, field: ContributorField): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const value = fieldValue(row, field);
    let group = groups.get(value);
    if (group === undefined) groups.set(value, (group = { value, rows: [], periods: new Map(), events: 0 }));
    group.rows.push(row);
    for (const [period, count] of row.periods) {
      group.periods.set(period, (group.periods.get(period) ?? 0) + count);
      group.events += count;
    }
  }
  return [...groups.values()];
}

/** How many of the group's periods the alarm was in ALARM for. */
export function alarmPeriodsOf(group: Group, alarmPeriods: ReadonlySet<number>): number {
  let count = 0;
  for (const period of group.periods.keys()) if (alarmPeriods.has(period)) count++;
  return count;
}

/** The values behind most ALARM periods, then most events. */
export function topContributors(
  rows: Iterable<Row>,
  field: ContributorField,
  alarmPeriods: ReadonlySet<number>,
  limit: number,
): Contributor[] {
  return groupRows(rows, field)
    .map((g) => ({ value: g.value, events: g.events, alarmPeriods: alarmPeriodsOf(g, alarmPeriods) }))
    .sort((a, b) => b.alarmPeriods - a.alarmPeriods || b.events - a.events || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
}
