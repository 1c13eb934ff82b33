/**
 * Step 4b: the alarm on the log group itself. Every alarm of step 4 treats a period without data as
 * quiet, so when the trail stops delivering (stopped, its delivery role changed, a quota hit) they
 * all stay green. This one counts the events the log group receives, treats no data as breaching,
 * and fires when a whole window passes without one (policy/catalog/delivery-alarm.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DELIVERY_ALARM } from "../../policy/catalog";
import { MonitoringSettings } from "../config/settings";
import { FlowContext } from "./context";

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
      namespace: DELIVERY_ALARM.namespace,
      metricName: DELIVERY_ALARM.metricName,
      dimensions: { [DELIVERY_ALARM.dimension]: logGroupName },
      statistic: DELIVERY_ALARM.statistic,
      comparisonOperator: DELIVERY_ALARM.comparisonOperator,
      threshold: DELIVERY_ALARM.threshold,
      period: settings.minutes * 60,
      evaluationPeriods: 1,
      treatMissingData: DELIVERY_ALARM.treatMissingData,
      alarmActions: actions,
      // People also hear when events arrive again.
      okActions: [topicArn],
    },
    { parent: ctx.parent },
  );
}
