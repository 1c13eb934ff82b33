/** Metric filters and the metrics they publish, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { Dimensions, Metric, PublishedMetric } from "../model";
import { list, obj, str, UNKNOWN, Unknown } from "../maybe-unknown";
import { node, optionalList, reference } from "./node";

export function metric(namespace: unknown, name: unknown): Metric {
  return { namespace: str(namespace), name: str(name) };
}

/** No dimensions: what most metrics have, shared. */
const NONE: Dimensions = Object.freeze({});

/** Dimensions given as a map of name to value (@pulumi/aws). */
export function dimensionMap(value: unknown): Dimensions | Unknown {
  if (value === UNKNOWN) return UNKNOWN;
  const entries = Object.entries(obj(value));
  return entries.length === 0 ? NONE : Object.fromEntries(entries.map(([name, v]) => [name, str(v)]));
}

/** Dimensions given as a list of `{ [nameKey], value }` (@pulumi/aws-native). */
export function dimensionList(value: unknown, nameKey: string): Dimensions | Unknown {
  const items = list(value);
  if (items === UNKNOWN) return UNKNOWN;
  const entries: [string, ReturnType<typeof str>][] = [];
  for (const item of items.map(obj)) {
    const name = str(item[nameKey]);
    // A dimension whose name is unknown makes the whole set unknown.
    if (typeof name !== "string") return UNKNOWN;
    entries.push([name, str(item.value)]);
  }
  return entries.length === 0 ? NONE : Object.fromEntries(entries);
}

export const METRIC_FILTER_READERS: Readonly<Record<string, Reader<"filter">>> = {
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
    kind: "filter",
    read: (r) => {
      const transformation = r.props.metricTransformation;
      const t = obj(transformation);
      const published: PublishedMetric = {
        ...metric(t.namespace, t.name),
        value: str(t.value),
        dimensions: dimensionMap(t.dimensions),
        unit: str(t.unit),
      };
      return {
        ...node(r),
        logGroupName: reference(r, "logGroupName"),
        pattern: str(r.props.pattern),
        metrics: transformation === UNKNOWN ? UNKNOWN : [published],
      };
    },
  },
  "aws-native:logs:MetricFilter": {
    kind: "filter",
    read: (r) => {
      // System fields such as @aws.region become dimensions of every metric the filter publishes.
      const system = list(r.props.emitSystemFieldDimensions);
      return {
        ...node(r),
        logGroupName: reference(r, "logGroupName"),
        pattern: str(r.props.filterPattern),
        metrics: optionalList(r.props.metricTransformations, (t): PublishedMetric => {
          const dimensions = dimensionList(t.dimensions, "key");
          return {
            ...metric(t.metricNamespace, t.metricName),
            value: str(t.metricValue),
            dimensions:
              dimensions === UNKNOWN || system === UNKNOWN
                ? UNKNOWN
                : { ...dimensions, ...Object.fromEntries(system.map((f) => [String(f), str(f)])) },
            unit: str(t.unit),
          };
        }),
      };
    },
  },
};
