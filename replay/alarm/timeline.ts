/**
 * One control's metric over the replayed time, period by period, and what its alarm would have done.
 * The metric filter publishes its matches per period, and 0 in a period with events but no match;
 * a period without any event has no datapoint. Only the datapoints and the runs of one state are
 * kept, so a replay of two events a century apart costs what two events cost.
 */
import { AlarmRule, breachesCounted, Datapoints, simulateRuns, StateRun } from "./simulate";
import { PeriodCounts, periodStart, Span } from "../count/tally";

export interface Timeline {
  /** Start of the first period, in seconds since the epoch. */
  readonly start: number;
  readonly periodSeconds: number;
  /** How many periods the replayed time spans. */
  readonly periods: number;
  /** The periods with a datapoint, in time order, with the metric's Sum. */
  readonly points: Datapoints;
  /** The alarm's state after each period's evaluation, as runs of one state. */
  readonly states: readonly StateRun[];
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
  const periods = span === undefined ? 0 : Math.floor((span.last - start) / periodSeconds) + 1;
  const starts = Float64Array.from(withEvents).sort();
  const points = {
    index: starts.map((period) => (period - start) / periodSeconds),
    sum: starts.map((period) => matches.get(period) ?? 0),
  };
  return evaluated(start, periodSeconds, periods, points, rule);
}

/** The same timeline with fewer matches: `removed` per period, as after excluding some events. */
export function withoutMatches(base: Timeline, removed: PeriodCounts, rule: AlarmRule): Timeline {
  const { index, sum } = base.points;
  const fewer = Float64Array.from(sum, (n, i) => n - (removed.get(periodAt(base, index[i])) ?? 0));
  return evaluated(base.start, base.periodSeconds, base.periods, { index, sum: fewer }, rule);
}

function evaluated(
  start: number,
  periodSeconds: number,
  periods: number,
  points: Datapoints,
  rule: AlarmRule,
): Timeline {
  const states = simulateRuns(points, periods, rule);
  const inAlarm = states.filter((run) => run.state === "ALARM");
  return {
    start,
    periodSeconds,
    periods,
    points,
    states,
    entries: inAlarm.map((run) => run.from),
    alarmPeriods: inAlarm.reduce((sum, run) => sum + run.length, 0),
  };
}

/** Start of the line's `i`th period, in seconds since the epoch. */
export function periodAt(line: Timeline, i: number): number {
  return line.start + i * line.periodSeconds;
}

/** The periods with a datapoint (by start) in which the alarm was in ALARM: those a match can be in. */
export function alarmPeriodStarts(line: Timeline): Set<number> {
  const starts = new Set<number>();
  let run = 0;
  const { index } = line.points;
  for (let i = 0; i < index.length; i++) {
    while (line.states[run].from + line.states[run].length <= index[i]) run++;
    if (line.states[run].state === "ALARM") starts.add(periodAt(line, index[i]));
  }
  return starts;
}

/**
 * For each notification, the periods (by index) whose matching events set it off: the breaching
 * datapoints its evaluation counted.
 */
export function entryCauses(line: Timeline, rule: AlarmRule): number[][] {
  return line.entries.map((entry) => breachesCounted(line.points, entry, rule));
}
