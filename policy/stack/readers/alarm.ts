/** Metric alarms and the metrics they watch, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { Alarm, AlarmMetric } from "../model";
import { bool, list, num, obj, str, UNKNOWN, Unknown } from "../maybe-unknown";
import { RawResource } from "../raw-resource";
import { metric } from "./metric-filter";
import { node, optionalList } from "./node";

function actions(r: RawResource): Alarm["actions"] {
  const values = list(r.props.alarmActions);
  return {
    urns: r.propertyDependencies.alarmActions ?? [],
    values: values === UNKNOWN ? UNKNOWN : values.map(str),
  };
}

/** An alarm from its metric queries; both providers name the directly watched metric alike. */
function alarm(r: RawResource, queries: AlarmMetric[] | Unknown): Alarm {
  const direct: AlarmMetric = {
    ...metric(r.props.namespace, r.props.metricName),
    statistic: str(r.props.statistic),
    period: num(r.props.period),
  };
  return {
    ...node(r),
    metrics: queries === UNKNOWN ? UNKNOWN : [direct, ...queries].filter((m) => m.name !== undefined),
    threshold: num(r.props.threshold),
    comparisonOperator: str(r.props.comparisonOperator),
    evaluationPeriods: num(r.props.evaluationPeriods),
    datapointsToAlarm: num(r.props.datapointsToAlarm),
    actionsEnabled: bool(r.props.actionsEnabled) ?? true,
    actions: actions(r),
  };
}

export const ALARM_READERS: Readonly<Record<string, Reader<"alarm">>> = {
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    kind: "alarm",
    read: (r) => {
      const queries = optionalList(r.props.metricQueries, (q): AlarmMetric => ({
        ...metric(obj(q.metric).namespace, obj(q.metric).metricName),
        statistic: str(obj(q.metric).stat),
        period: num(obj(q.metric).period),
      }));
      return alarm(r, queries);
    },
  },
  "aws-native:cloudwatch:Alarm": {
    kind: "alarm",
    read: (r) => {
      const queries = optionalList(r.props.metrics, (q): AlarmMetric => {
        const stat = obj(q.metricStat);
        return {
          ...metric(obj(stat.metric).namespace, obj(stat.metric).metricName),
          statistic: str(stat.stat),
          period: num(stat.period),
        };
      });
      return alarm(r, queries);
    },
  },
};
