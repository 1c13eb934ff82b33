/** Metric alarms and composite alarms, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { Alarm, AlarmMetric, Dimensions, Notifier } from "../model";
import { bool, num, obj, str, UNKNOWN, Unknown } from "../maybe-unknown";
import { RawResource } from "../raw-resource";
import { dimensionList, dimensionMap, metric } from "./metric-filter";
import { listReference, node, optionalList, reference } from "./node";

/** What alarms of both kinds and both providers share: their name, ARN and actions. */
function notifier(r: RawResource, nameKey: string): Notifier {
  return {
    ...node(r),
    alarmName: str(r.props[nameKey]),
    arn: str(r.props.arn),
    actionsEnabled: bool(r.props.actionsEnabled) ?? true,
    actions: listReference(r, "alarmActions"),
  };
}

/** An alarm from its metric queries (in `queriesKey`); both providers name the directly watched metric alike. */
function alarm(
  r: RawResource,
  nameKey: string,
  dimensions: Dimensions | Unknown,
  queriesKey: string,
  queries: AlarmMetric[] | Unknown,
): Alarm {
  const direct: AlarmMetric = {
    ...metric(r.props.namespace, r.props.metricName),
    statistic: str(r.props.statistic),
    period: num(r.props.period),
    dimensions,
    unit: str(r.props.unit),
  };
  return {
    ...notifier(r, nameKey),
    metrics: queries === UNKNOWN ? UNKNOWN : [direct, ...queries].filter((m) => m.name !== undefined),
    threshold: num(r.props.threshold),
    comparisonOperator: str(r.props.comparisonOperator),
    evaluationPeriods: num(r.props.evaluationPeriods),
    datapointsToAlarm: num(r.props.datapointsToAlarm),
    treatMissingData: str(r.props.treatMissingData),
    metricsFrom: [
      ...(r.propertyDependencies.dimensions ?? []),
      ...(r.propertyDependencies[queriesKey] ?? []),
    ],
  };
}

export const ALARM_READERS: Readonly<Record<string, Reader<"alarm" | "compositeAlarm">>> = {
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    kind: "alarm",
    read: (r) => {
      const queries = optionalList(r.props.metricQueries, (q): AlarmMetric => {
        const m = obj(q.metric);
        return {
          ...metric(m.namespace, m.metricName),
          statistic: str(m.stat),
          period: num(m.period),
          dimensions: dimensionMap(m.dimensions),
          unit: str(m.unit),
        };
      });
      return alarm(r, "name", dimensionMap(r.props.dimensions), "metricQueries", queries);
    },
  },
  "aws-native:cloudwatch:Alarm": {
    kind: "alarm",
    read: (r) => {
      const queries = optionalList(r.props.metrics, (q): AlarmMetric => {
        const stat = obj(q.metricStat);
        const m = obj(stat.metric);
        return {
          ...metric(m.namespace, m.metricName),
          statistic: str(stat.stat),
          period: num(stat.period),
          dimensions: dimensionList(m.dimensions, "name"),
          unit: str(stat.unit),
        };
      });
      return alarm(r, "alarmName", dimensionList(r.props.dimensions, "name"), "metrics", queries);
    },
  },
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
    kind: "compositeAlarm",
    read: (r) => ({
      ...notifier(r, "alarmName"),
      rule: reference(r, "alarmRule"),
      suppressor: r.props.actionsSuppressor === UNKNOWN ? UNKNOWN : str(obj(r.props.actionsSuppressor).alarm),
    }),
  },
  "aws-native:cloudwatch:CompositeAlarm": {
    kind: "compositeAlarm",
    read: (r) => ({
      ...notifier(r, "alarmName"),
      rule: reference(r, "alarmRule"),
      suppressor: str(r.props.actionsSuppressor),
    }),
  },
};
