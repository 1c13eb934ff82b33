/**
 * One control's metric over the replayed time, period by period, and what its alarm would have done.
 * The metric filter publishes its matches per period, and 0 in a period with events but no match;
 * a period without any event has no datapoint.
 */
import { alarmEntries, AlarmRule, AlarmState, simulateAlarm } from "./simulate";
import { PeriodCounts, periodStart, Span } from "../count/tally";

export interface Timeline {
  /** Start of the first period, in seconds since the epoch. */
  readonly start: number;
  readonly periodSeconds: number;
  /** Each period's Sum, or undefined where the metric has no datapoint. */
  readonly datapoints: readonly (number | undefined)[];
  /** The alarm's state after each period's evaluation. */
  readonly states: readonly AlarmState[];
  /** Periods (by index) in which the alarm went into ALARM: the notifications it would have sent. */
  readonly entries: readonly number[];
  readonly alarmPeriods: number;
}

export function timeline(
  span: Span | undefined,
  matches: PeriodCounts,
  withEvents: ReadonlySet<number>,
  periodSeconds: number,
  rule: AlarmRule,
): Timeline {
  const start = span === undefined ? 0 : periodStart(span.first, periodSeconds);
  const count = span === undefined ? 0 : Math.floor((span.last - start) / periodSeconds) + 1;
  const datapoints = Array.from({ length: count }, (_, i) => {
    const period = start + i * periodSeconds;
    return matches.get(period) ?? (withEvents.has(period) ? 0 : undefined);
  });
  return evaluated(start, periodSeconds, datapoints, rule);
}

/** The same timeline with fewer matches: `removed` per period, as after excluding some events. */
export function withoutMatches(base: Timeline, removed: PeriodCounts, rule: AlarmRule): Timeline {
  const datapoints = base.datapoints.map((sum, i) =>
    sum === undefined ? undefined : sum - (removed.get(periodAt(base, i)) ?? 0),
  );
  return evaluated(base.start, base.periodSeconds, datapoints, rule);
}

function evaluated(
  start: number,
  periodSeconds: number,
  datapoints: (number | undefined)[],
  rule: AlarmRule,
): Timeline {
  const states = simulateAlarm(datapoints, rule);
  return {
    start,
    periodSeconds,
    datapoints,
    states,
    entries: alarmEntries(states),
    alarmPeriods: states.filter((s) => s === "ALARM").length,
  };
}

/** Start of the line's `i`th period, in seconds since the epoch. */
export function periodAt(line: Timeline, i: number): number {
  return line.start + i * line.periodSeconds;
}

/** The periods (by start) in which the alarm was in ALARM. */
export function alarmPeriodStarts(line: Timeline): Set<number> {
  const starts = new Set<number>();
  line.states.forEach((state, i) => state === "ALARM" && starts.add(periodAt(line, i)));
  return starts;
}
