/**
 * How CloudWatch evaluates a metric alarm, replayed period by period. The rules, from the Amazon
 * CloudWatch User Guide, "Configuring how CloudWatch alarms treat missing data" (its sections "How
 * alarm state is evaluated when data is missing" and "Avoiding premature transitions to alarm state"):
 *
 * 1. A datapoint breaches when the period's Sum >= threshold (GreaterThanOrEqualToThreshold).
 * 2. Each evaluation retrieves an evaluation range: the N (evaluationPeriods) most recent periods and
 *    some more. The guide does not publish how many more; its worked examples retrieve 5 for N = 3,
 *    so the range here is N + 2 periods.
 * 3. With at least N datapoints present in the range, the N most recent present ones are evaluated
 *    and treatMissingData plays no part: ALARM when at least M (datapointsToAlarm) breach, else OK.
 * 4. With fewer, CloudWatch fills in as few missing datapoints as it needs to reach N, as
 *    treatMissingData says, and evaluates them with every present one:
 *    - `breaching`: filled ones breach; `notBreaching`: they do not;
 *    - `missing` and `ignore`: only present datapoints count. With none in the whole range, `missing`
 *      goes to INSUFFICIENT_DATA and `ignore` keeps the current state.
 * 5. Premature transitions: with `missing`, when every present datapoint breaches and the oldest is at
 *    least M periods old, the alarm goes to ALARM even with fewer than M of them; `ignore` keeps the
 *    current state there. (The guide's text says "at least as old as Evaluation Periods" for M out of
 *    N alarms, but its 2-out-of-3 table goes to ALARM on `- - - X -`, which is M; the tables decide.)
 *
 * The replay evaluates once at the end of each period, and treats periods before the first one as
 * unknown rather than missing: a replay starts with what its archive holds, not with an outage.
 */
import { AlarmSettings } from "../../infra/config/settings";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export type AlarmRule = Pick<
  AlarmSettings,
  "threshold" | "evaluationPeriods" | "datapointsToAlarm" | "treatMissingData"
>;

/** Periods each evaluation range holds beyond evaluationPeriods. */
const EXTRA_RANGE = 2;

/**
 * The metric's datapoints in time order: the `i`th is the Sum `sum[i]` in the period `index[i]`
 * (0: the first period replayed). Two arrays rather than an object each, as a long replay has many.
 */
export interface Datapoints {
  readonly index: ArrayLike<number>;
  readonly sum: ArrayLike<number>;
}

/** The alarm's state over `length` periods from the period `from`. */
export interface StateRun {
  readonly from: number;
  readonly length: number;
  readonly state: AlarmState;
}

/**
 * The alarm's state after each of `periods` periods, as runs of one state, given the datapoints
 * (in time order; the periods between have none). A new alarm starts in INSUFFICIENT_DATA.
 *
 * Only the periods whose evaluation range holds a datapoint are evaluated one by one: once a range
 * is empty, every range after it is until the next datapoint, and so is the state. Time and memory
 * follow the datapoints and the range's length, never the time between them.
 */
export function simulateRuns(points: Datapoints, periods: number, rule: AlarmRule): StateRun[] {
  const { index } = points;
  const range = rule.evaluationPeriods + EXTRA_RANGE;
  const runs: StateRun[] = [];
  const add = (from: number, length: number, state: AlarmState) => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.state === state)
      runs[runs.length - 1] = { ...last, length: last.length + length };
    else runs.push({ from, length, state });
  };
  let state: AlarmState = "INSUFFICIENT_DATA";
  let oldest = 0; // the first point that may be in the range of the period evaluated
  let after = 0; // the first point after the period evaluated
  for (let period = 0; period < periods;) {
    if (after < index.length && index[after] === period) after++;
    const next = after < index.length ? index[after] : periods;
    // A range changes while it holds an earlier datapoint or the start cuts it short; then it is
    // empty and whole until the next datapoint, and the state stays what that range makes it.
    const last = after > 0 ? index[after - 1] : -range;
    const first = period - range + 1;
    if (period < Math.min(next, Math.max(last + range, range))) {
      while (oldest < after && index[oldest] < first) oldest++;
      state = evaluate(points, oldest, after - 1, first, period, rule) ?? state;
      add(period, 1, state);
      period++;
    } else {
      state = evaluate(points, after, after - 1, first, period, rule) ?? state;
      add(period, next - period, state);
      period = next;
    }
  }
  return runs;
}

/**
 * The alarm's state after each period. `datapoints[i]` is the metric's Sum in period i, or
 * undefined where the metric has no datapoint. A new alarm starts in INSUFFICIENT_DATA.
 */
export function simulateAlarm(datapoints: readonly (number | undefined)[], rule: AlarmRule): AlarmState[] {
  return simulateRuns(pointsOf(datapoints), datapoints.length, rule).flatMap((run) =>
    Array<AlarmState>(run.length).fill(run.state),
  );
}

/** The periods (by index) in which the alarm went into ALARM: the notifications its actions send. */
export function alarmEntries(states: readonly AlarmState[]): number[] {
  return states.flatMap((state, i) => (state === "ALARM" && states[i - 1] !== "ALARM" ? [i] : []));
}

/**
 * One evaluation: the state an evaluation range (its datapoints, oldest first) sets, or undefined
 * when the alarm keeps its state.
 */
export function evaluateRange(
  range: readonly (number | undefined)[],
  rule: AlarmRule,
): AlarmState | undefined {
  const points = pointsOf(range);
  return evaluate(points, 0, points.index.length - 1, 0, range.length - 1, rule);
}

/**
 * The periods (by index) of the breaching datapoints the evaluation of period `period` counted: the
 * newest N present in its range. None when only missing data treated as breaching set it off.
 */
export function breachesCounted({ index, sum }: Datapoints, period: number, rule: AlarmRule): number[] {
  const first = period - rule.evaluationPeriods - EXTRA_RANGE + 1;
  const counted: number[] = [];
  let present = 0;
  for (let i = lastAtOrBefore(index, period); i >= 0 && index[i] >= first; i--) {
    if (++present > rule.evaluationPeriods) break;
    if (sum[i] >= rule.threshold) counted.push(index[i]);
  }
  return counted.reverse();
}

function pointsOf(datapoints: readonly (number | undefined)[]): Datapoints {
  const index = datapoints.flatMap((sum, i) => (sum === undefined ? [] : [i]));
  return { index, sum: index.map((i) => datapoints[i]!) };
}

/** The position in `index` of the last period at or before `period`; -1 when none is. */
function lastAtOrBefore(index: ArrayLike<number>, period: number): number {
  let low = 0;
  let high = index.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index[middle] <= period) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The evaluation of the range of periods `first` to `last`, whose datapoints are those from `low`
 * to `high` of `points` (none when high < low).
 */
function evaluate(
  points: Datapoints,
  low: number,
  high: number,
  first: number,
  last: number,
  rule: AlarmRule,
): AlarmState | undefined {
  const { evaluationPeriods: n, datapointsToAlarm: m, treatMissingData } = rule;
  // From the newest: how many datapoints are present, how many breach (among the newest N, and in
  // all), whether all of them breach, and how old the oldest is (1: the newest period).
  let present = 0;
  let breachingOfNewest = 0;
  let breaching = 0;
  let allBreaching = true;
  let oldest = 0;
  for (let i = high; i >= low; i--) {
    const index = points.index[i];
    const sum = points.sum[i];
    present++;
    if (sum >= rule.threshold) {
      breaching++;
      if (present <= n) breachingOfNewest++;
    } else {
      allBreaching = false;
    }
    oldest = last - index + 1;
  }
  const verdict = (breaches: number): AlarmState => (breaches >= m ? "ALARM" : "OK");

  if (present >= n) return verdict(breachingOfNewest);
  const missing = last - Math.max(0, first) + 1 - present;
  switch (treatMissingData) {
    case "breaching":
      return verdict(breaching + Math.min(n - present, missing));
    case "notBreaching":
      return verdict(breaching);
    case "missing":
    case "ignore": {
      const ignore = treatMissingData === "ignore";
      if (present === 0) return ignore ? undefined : "INSUFFICIENT_DATA";
      if (breaching >= m) return "ALARM";
      if (allBreaching && oldest >= m) return ignore ? undefined : "ALARM";
      return "OK";
    }
  }
}
