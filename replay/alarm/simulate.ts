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
 * The alarm's state after each period. `datapoints[i]` is the metric's Sum in period i, or
 * undefined where the metric has no datapoint. A new alarm starts in INSUFFICIENT_DATA.
 */
export function simulateAlarm(datapoints: readonly (number | undefined)[], rule: AlarmRule): AlarmState[] {
  const states: AlarmState[] = [];
  const range = rule.evaluationPeriods + EXTRA_RANGE;
  let state: AlarmState = "INSUFFICIENT_DATA";
  for (let last = 0; last < datapoints.length; last++) {
    state = evaluate(datapoints, Math.max(0, last - range + 1), last, rule) ?? state;
    states.push(state);
  }
  return states;
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
  return evaluate(range, 0, range.length - 1, rule);
}

/** The evaluation of the range from `first` to `last` of `datapoints`. */
function evaluate(
  datapoints: readonly (number | undefined)[],
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
  for (let i = last; i >= first; i--) {
    const sum = datapoints[i];
    if (sum === undefined) continue;
    present++;
    if (sum >= rule.threshold) {
      breaching++;
      if (present <= n) breachingOfNewest++;
    } else {
      allBreaching = false;
    }
    oldest = last - i + 1;
  }
  const verdict = (breaches: number): AlarmState => (breaches >= m ? "ALARM" : "OK");

  if (present >= n) return verdict(breachingOfNewest);
  const missing = last - first + 1 - present;
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
