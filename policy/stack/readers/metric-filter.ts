/** Metric filters and the metrics they publish, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { Metric } from "../model";
import { obj, str, UNKNOWN } from "../maybe-unknown";
import { node, optionalList, reference } from "./node";

export function metric(namespace: unknown, name: unknown): Metric {
  return { namespace: str(namespace), name: str(name) };
}

export const METRIC_FILTER_READERS: Readonly<Record<string, Reader<"filter">>> = {
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
    kind: "filter",
    read: (r) => {
      const transformation = r.props.metricTransformation;
      return {
        ...node(r),
        logGroupName: reference(r, "logGroupName"),
        pattern: str(r.props.pattern),
        metrics:
          transformation === UNKNOWN
            ? UNKNOWN
            : [metric(obj(transformation).namespace, obj(transformation).name)],
      };
    },
  },
  "aws-native:logs:MetricFilter": {
    kind: "filter",
    read: (r) => ({
      ...node(r),
      logGroupName: reference(r, "logGroupName"),
      pattern: str(r.props.filterPattern),
      metrics: optionalList(r.props.metricTransformations, (t) => metric(t.metricNamespace, t.metricName)),
    }),
  },
};
