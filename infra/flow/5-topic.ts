/**
 * Step 5: the SNS topic the alarms notify, or an existing one. A new topic is encrypted with a
 * customer-managed key: alarms cannot publish to a topic under the AWS-managed alias/aws/sns key.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringSettings } from "../config/settings";
import { FlowContext, policyDocument } from "./context";
import { customerManagedKey } from "./key";

/** The topic the alarms notify, and the key it is encrypted with when the stack creates it. */
export interface AlarmTopic {
  readonly arn: pulumi.Output<string>;
  /** Unknown for an existing topic. */
  readonly keyArn?: pulumi.Output<string>;
}

export function alarmTopic(
  ctx: FlowContext,
  topic: MonitoringSettings["notifications"]["topic"],
): AlarmTopic {
  return topic.kind === "existing-topic" ? { arn: pulumi.output(topic.arn) } : createTopic(ctx);
}

function createTopic(ctx: FlowContext): AlarmTopic {
  const opts = { parent: ctx.parent };
  const alarmsOfThisAccount = {
    StringEquals: { "aws:SourceAccount": ctx.accountId },
    ArnLike: {
      "aws:SourceArn": pulumi.interpolate`arn:${ctx.partition}:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:*`,
    },
  };
  const key = customerManagedKey(
    ctx,
    `${ctx.name}-alarm-topic-key`,
    {
      description: "Encrypts the CIS alarm topic; usable by CloudWatch alarms of this account",
      deletionWindowInDays: 7,
      grants: [
        {
          Sid: "CloudWatchAlarmsPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: alarmsOfThisAccount,
        },
      ],
    },
    opts,
  );
  const topic = new aws.sns.Topic(`${ctx.name}-alarms`, { kmsMasterKeyId: key.arn }, opts);
  new aws.sns.TopicPolicy(
    `${ctx.name}-alarms`,
    {
      arn: topic.arn,
      policy: policyDocument([
        {
          Sid: "CloudWatchAlarmsOfThisAccountPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topic.arn,
          Condition: alarmsOfThisAccount,
        },
      ]),
    },
    opts,
  );
  return { arn: topic.arn, keyArn: key.arn };
}
