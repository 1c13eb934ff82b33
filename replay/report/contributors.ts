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
  /** For a principal: the account its events are about (an organization trail holds many). */
  readonly account?: string;
  /** Matching events with this value. */
  readonly events: number;
  /** Periods in ALARM in which it had a matching event. */
  readonly alarmPeriods: number;
}

/** Matching events that share a value of one field. */
export interface Group {
  readonly value: string;
  /** For a principal: the account its events are about. */
  readonly account?: string;
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
    // A principal is told apart by its account too: Root is one per account.
    const account = field === "principal" ? row.account : undefined;
    const key = `${value}\u0000${account ?? ""}`;
    let group = groups.get(key);
    if (group === undefined) {
      groups.set(
        key,
        (group = {
          value,
          ...(account === undefined ? {} : { account }),
          rows: [],
          events: 0,
          inAlarm: new Set(),
        }),
      );
    }
    group.rows.push(row);
    group.events += row.periods.total();
    row.periods.forEachRun((period) => alarmPeriods.has(period) && group.inAlarm.add(period));
  }
  return [...groups.values()];
}

/** The values (of groups from groupRows) behind most ALARM periods, then most events. */
export function topContributors(groups: readonly Group[], limit: number): Contributor[] {
  return groups
    .map((g) => ({
      value: g.value,
      ...(g.account === undefined ? {} : { account: g.account }),
      events: g.events,
      alarmPeriods: g.inAlarm.size,
    }))
    .sort(
      (a, b) =>
        b.alarmPeriods - a.alarmPeriods ||
        b.events - a.events ||
        byText(a.value, b.value) ||
        byText(a.account ?? "", b.account ?? ""),
    )
    .slice(0, limit);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
