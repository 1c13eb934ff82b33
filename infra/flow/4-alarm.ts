/** Step 4: an alarm on exactly the metric of step 3, firing on a single matching event by default. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Control, referenceText } from "../../policy/catalog";
import { AlarmSettings } from "../config/settings";
import { FlowContext } from "./context";
import { Metric } from "./3-metric-filter";

export function createAlarm(
  ctx: FlowContext,
  control: Control,
  metric: Metric,
  settings: AlarmSettings,
  actions: pulumi.Input<string>[],
): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(
    `${ctx.name}-${control.id}`,
    {
      alarmDescription: `${control.title} (${referenceText(control)})`,
      namespace: metric.namespace,
      metricName: metric.name,
      statistic: control.alarm.statistic,
      comparisonOperator: control.alarm.comparisonOperator,
      period: settings.periodSeconds,
      threshold: settings.threshold,
      evaluationPeriods: settings.evaluationPeriods,
      datapointsToAlarm: settings.datapointsToAlarm,
      treatMissingData: settings.treatMissingData,
      actionsEnabled: settings.actionsEnabled,
      alarmActions: actions,
    },
    { parent: ctx.parent, dependsOn: [metric.filter] },
  );
}
