/**
 * Step 6: the people. Email subscriptions to the alarm topic (each address must confirm the
 * email AWS sends it), and optionally an OpsItem in Systems Manager OpsCenter.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringSettings } from "../config/settings";
import { FlowContext } from "./context";

export function notifyPeople(
  ctx: FlowContext,
  topicArn: pulumi.Output<string>,
  notifications: MonitoringSettings["notifications"],
): pulumi.Output<string>[] {
  for (const email of notifications.emails) {
    new aws.sns.TopicSubscription(
      `${ctx.name}-alarms-${email}`,
      { topic: topicArn, protocol: "email", endpoint: email },
      { parent: ctx.parent },
    );
  }
  const actions = [topicArn];
  if (notifications.opsItemSeverity !== undefined) {
    actions.push(
      pulumi.interpolate`arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:opsitem:${notifications.opsItemSeverity}#CATEGORY=Security`,
    );
  }
  return actions;
}
