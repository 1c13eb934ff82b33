/**
 * Step 4, alarm: does the alarm fire when the filter counts an event? It must compare upwards, and
 * watch the metric as the filter publishes it: CloudWatch keeps one metric per namespace, name and
 * set of dimensions, and gives an alarm that asks for a unit only the datapoints published in it.
 */
import { Alarm, AlarmMetric, Dimensions, MetricFilter, PublishedMetric, UNKNOWN } from "../stack";
import { broken, maybe, ok, Result, sequence } from "./outcome";

/** Operators under which an alarm is in ALARM while its metric is low: while nothing happens. */
export const DOWNWARDS: ReadonlySet<string> = new Set([
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
  "LessThanLowerThreshold",
]);

/** Whether `alarm`, watching `watched`, fires on the metric `filter` publishes as `published`. */
export function judgeAlarmOnMetric(
  alarm: Alarm,
  watched: AlarmMetric,
  filter: MetricFilter,
  published: PublishedMetric,
): Result {
  return sequence([
    direction(alarm),
    dimensions(alarm, watched, filter, published),
    unit(alarm, watched, filter, published),
  ]);
}

function direction(alarm: Alarm): Result {
  const op = alarm.comparisonOperator;
  if (op === UNKNOWN)
    return maybe(`the comparisonOperator of alarm '${alarm.name}' is known only after deployment`);
  if (typeof op !== "string" || !DOWNWARDS.has(op)) return ok();
  return broken(
    `alarm '${alarm.name}' is in ALARM while its metric is below the threshold (${op}): it fires while nothing ` +
      "happens and falls silent when an event is counted (use GreaterThanOrEqualToThreshold with threshold 1)",
  );
}

function shownDimensions(dimensions: Dimensions): string {
  const entries = Object.entries(dimensions);
  return entries.length === 0
    ? "no dimensions"
    : `dimensions ${entries.map(([k, v]) => `${k}=${String(v)}`).join(", ")}`;
}

function dimensions(
  alarm: Alarm,
  watched: AlarmMetric,
  filter: MetricFilter,
  published: PublishedMetric,
): Result {
  const asked = watched.dimensions;
  const given = published.dimensions;
  if (asked === UNKNOWN || given === UNKNOWN)
    return maybe(
      `the dimensions alarm '${alarm.name}' watches, or metric filter '${filter.name}' publishes, are known only after deployment`,
    );
  const metric = `${String(published.namespace)}/${String(published.name)}`;
  const askedNames = Object.keys(asked).sort();
  const givenNames = Object.keys(given).sort();
  if (askedNames.join("\u0000") !== givenNames.join("\u0000")) {
    const fix =
      givenNames.length === 0
        ? "remove the alarm's dimensions"
        : `give the alarm the dimensions ${givenNames.join(", ")}, as the filter does`;
    return broken(
      `alarm '${alarm.name}' watches ${metric} with ${shownDimensions(asked)}, but metric filter '${filter.name}' ` +
        `publishes it with ${givenNames.length === 0 ? "no dimensions" : `dimensions ${givenNames.join(", ")}`}: ` +
        `CloudWatch keeps a metric per set of dimensions, so the alarm watches one that never gets a datapoint (${fix})`,
    );
  }
  const notes: string[] = [];
  for (const name of askedNames) {
    const value = asked[name];
    const source = given[name];
    if (value === UNKNOWN || source === UNKNOWN)
      return maybe(`the value of dimension ${name} of alarm '${alarm.name}' is known only after deployment`);
    if (typeof source === "string" && source.startsWith("$"))
      notes.push(
        `Alarm '${alarm.name}' watches only the datapoints of ${metric} whose ${name} is ${String(value)}; metric filter ` +
          `'${filter.name}' publishes one for each value of ${source}: events with another value are not alarmed on.`,
      );
    else if (source !== value)
      return broken(
        `alarm '${alarm.name}' watches ${metric} with ${name}=${String(value)}, but metric filter '${filter.name}' ` +
          `publishes it with ${name}=${String(source)}: the alarm watches a metric that never gets a datapoint ` +
          `(set the alarm's ${name} to ${String(source)})`,
      );
  }
  return ok({ notes: notes.map((message) => ({ message, urn: alarm.urn })) });
}

function unit(alarm: Alarm, watched: AlarmMetric, filter: MetricFilter, published: PublishedMetric): Result {
  const asked = watched.unit;
  if (asked === undefined) return ok();
  if (asked === UNKNOWN || published.unit === UNKNOWN)
    return maybe(
      `the unit of alarm '${alarm.name}' or of metric filter '${filter.name}' is known only after deployment`,
    );
  // A filter that names no unit publishes its datapoints in None.
  const given = published.unit ?? "None";
  if (asked === given) return ok();
  return broken(
    `alarm '${alarm.name}' takes only datapoints in ${asked}, but metric filter '${filter.name}' publishes them ` +
      `${published.unit === undefined ? "without a unit (None)" : `in ${given}`}: the alarm gets no datapoint and stays ` +
      `in INSUFFICIENT_DATA (remove the alarm's unit, or set the filter's unit to ${asked})`,
  );
}
