/**
 * Step 4b: the alarm on the log group itself. Every alarm of step 4 treats a period without data as
 * quiet, so when the trail stops delivering (stopped, its delivery role changed, a quota hit) they
 * all stay green. This one counts the events the log group receives, treats no data as breaching,
 * and fires when a whole window passes without one. A quiet account still has events every hour:
 * CloudTrail delivers management events about every 5 minutes, and AWS services acting in the
 * account make calls of their own.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringSettings } from "../config/settings";
import { FlowContext } from "./context";

/** What CloudWatch Logs publishes about each log group: the events it received. */
export const DELIVERY_METRIC = {
  namespace: "AWS/Logs",
  metricName: "IncomingLogEvents",
  dimension: "LogGroupName",
} as const;

export function createDeliveryAlarm(
  ctx: FlowContext,
  logGroupName: pulumi.Input<string>,
  settings: NonNullable<MonitoringSettings["deliveryAlarm"]>,
  actions: pulumi.Input<string>[],
  topicArn: pulumi.Input<string>,
): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(
    `${ctx.name}-delivery-alarm`,
    {
      alarmDescription: pulumi.interpolate`No CloudTrail events reached log group ${logGroupName} for ${settings.minutes} minutes, so no other alarm can fire: check that the trail is logging and may deliver to CloudWatch Logs`,
      namespace: DELIVERY_METRIC.namespace,
      metricName: DELIVERY_METRIC.metricName,
      dimensions: { [DELIVERY_METRIC.dimension]: logGroupName },
      statistic: "Sum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      period: settings.minutes * 60,
      evaluationPeriods: 1,
      // CloudWatch Logs publishes nothing for a period without events: that is what this alarm is for.
      treatMissingData: "breaching",
      alarmActions: actions,
      // People also hear when events arrive again.
      okActions: [topicArn],
    },
    { parent: ctx.parent },
  );
}
