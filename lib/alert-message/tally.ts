/**
 * The events that set an alarm off, grouped: events alike in everything the message shows but their
 * time are one row with a count and their first and last time. Thousands of events from one CI role
 * are then one row, and the message stays small however many there were.
 */
import { AlertEvent, alertEvent, principalText } from "./event";

export interface AlertRow {
  readonly event: AlertEvent;
  readonly count: number;
  /** The first and last `eventTime` of the row's events. */
  readonly first?: string;
  readonly last?: string;
}

/** The fields besides the principal and time that tell events apart. */
const FIELDS = [
  "eventSource",
  "eventName",
  "errorCode",
  "sourceIPAddress",
  "userAgent",
  "account",
  "region",
] as const;

/** What the top lists count by. */
const DIMENSIONS = {
  principal: (e: AlertEvent) => principalText(e.principal, "group"),
  event: (e: AlertEvent) =>
    [e.eventSource, e.eventName].filter((p) => p !== undefined).join(" ") || undefined,
  sourceIPAddress: (e: AlertEvent) => e.sourceIPAddress,
  account: (e: AlertEvent) => e.account,
} as const;

export type Dimension = keyof typeof DIMENSIONS;

export interface Count {
  readonly value: string;
  readonly count: number;
}

export class AlertTally {
  /** Events added. */
  events = 0;
  /** Log events that were not CloudTrail records (not a JSON object), left out. */
  unreadable = 0;
  private readonly rowsByKey = new Map<
    string,
    { event: AlertEvent; count: number; first?: string; last?: string }
  >();

  /** Adds a CloudTrail record as CloudWatch Logs holds it: its JSON text. */
  addText(text: string): void {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      this.unreadable++;
      return;
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) this.unreadable++;
    else this.add(alertEvent(record as Record<string, unknown>));
  }

  add(event: AlertEvent): void {
    this.addRow({ event, count: 1, first: event.time, last: event.time });
  }

  /** Adds another tally's events: a window's tally from its periods' tallies. */
  merge(other: AlertTally): void {
    for (const row of other.rowsByKey.values()) this.addRow(row);
    this.unreadable += other.unreadable;
  }

  private addRow(row: AlertRow): void {
    this.events += row.count;
    const { time: _time, ...alike } = row.event;
    const { principal: who, ...what } = alike;
    const key = JSON.stringify([
      who.name,
      who.group,
      who.account,
      who.via,
      ...FIELDS.map((field) => what[field]),
    ]);
    const known = this.rowsByKey.get(key);
    if (known === undefined) {
      this.rowsByKey.set(key, { ...row, event: alike });
      return;
    }
    known.count += row.count;
    known.first = earlier(known.first, row.first);
    known.last = later(known.last, row.last);
  }

  /** The rows, most events first, then the earliest first. */
  rows(): AlertRow[] {
    return [...this.rowsByKey.values()].sort(
      (a, b) => b.count - a.count || (a.first ?? "").localeCompare(b.first ?? ""),
    );
  }

  /** The `most` values of a dimension with the most events, most first. */
  top(dimension: Dimension, most: number): Count[] {
    const counts = new Map<string, number>();
    for (const row of this.rowsByKey.values()) {
      const value = DIMENSIONS[dimension](row.event);
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + row.count);
    }
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, most);
  }

  /** How many different values a dimension has. */
  distinct(dimension: Dimension): number {
    return new Set([...this.rowsByKey.values()].map((row) => DIMENSIONS[dimension](row.event))).size;
  }

  /** The first and last eventTime of all events. */
  span(): { first?: string; last?: string } {
    let first: string | undefined;
    let last: string | undefined;
    for (const row of this.rowsByKey.values()) {
      first = earlier(first, row.first);
      last = later(last, row.last);
    }
    return { first, last };
  }
}

// CloudTrail writes every eventTime alike (2026-03-01T08:31:02Z), so text order is time order.
function earlier(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined || (b !== undefined && b < a) ? b : a;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined || (b !== undefined && b > a) ? b : a;
}
