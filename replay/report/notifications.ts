/**
 * Each notification a control would have sent: when (the period whose evaluation went into
 * ALARM), and who set it off: the principals, each with its account, whose matching events made
 * the breaching datapoints that evaluation counted.
 */
import { AlarmRule } from "../alarm/simulate";
import { entryCauses, periodAt, Timeline } from "../alarm/timeline";
import { principalName } from "../count/principal";
import { Row } from "../count/tally";
import { isoTime } from "../time";

export interface Notification {
  /** The start of the period that raised it (ISO-8601, UTC). */
  readonly time: string;
  /**
   * Most matching events first; empty when only missing data treated as breaching set it off.
   */
  readonly causedBy: readonly Cause[];
}

export interface Cause {
  readonly principal: string;
  readonly account?: string;
  /** Its matching events in the periods the evaluation counted. */
  readonly events: number;
}

export function notificationsOf(line: Timeline, rule: AlarmRule, rows: readonly Row[]): Notification[] {
  const causes = entryCauses(line, rule);
  const wanted = new Set(causes.flat().map((i) => periodAt(line, i)));
  // For each period that set a notification off: its matching events by principal and account.
  const byPeriod = new Map<number, Map<string, Cause>>();
  for (const row of rows) {
    const principal = principalName(row.principal);
    const key = `${principal}\u0000${row.account ?? ""}`;
    row.periods.forEachRun((period, events) => {
      if (!wanted.has(period)) return;
      let causesThen = byPeriod.get(period);
      if (causesThen === undefined) byPeriod.set(period, (causesThen = new Map()));
      const known = causesThen.get(key);
      causesThen.set(key, {
        principal,
        ...(row.account === undefined ? {} : { account: row.account }),
        events: (known?.events ?? 0) + events,
      });
    });
  }
  return line.entries.map((entry, k) => {
    const merged = new Map<string, Cause>();
    for (const i of causes[k]) {
      for (const [key, cause] of byPeriod.get(periodAt(line, i)) ?? []) {
        merged.set(key, { ...cause, events: (merged.get(key)?.events ?? 0) + cause.events });
      }
    }
    return {
      time: isoTime(periodAt(line, entry)),
      causedBy: [...merged.values()].sort(
        (a, b) => b.events - a.events || (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0),
      ),
    };
  });
}
