/**
 * Step 2: the CloudWatch Logs log group the trail delivers to, and the role CloudTrail uses to
 * write there, allowed nothing but creating streams and putting events in that one group.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FlowContext, policyDocument, trailArn } from "./context";

/** Where the trail writes, and what must exist before it may. */
export interface LogDelivery {
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly logGroupArn: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly dependsOn: pulumi.Resource[];
}

export function createLogGroup(ctx: FlowContext, retentionInDays: number): LogDelivery {
  const opts = { parent: ctx.parent };
  const logGroup = new aws.cloudwatch.LogGroup(
    `${ctx.name}-trail-logs`,
    { retentionInDays },
    { ...opts, retainOnDelete: ctx.retainOnDelete },
  );

  const role = new aws.iam.Role(
    `${ctx.name}-trail-delivery`,
    {
      description: "Lets CloudTrail deliver this account's trail to its CloudWatch Logs log group",
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceArn": trailArn(ctx) } },
        },
      ]),
    },
    opts,
  );
  const rolePolicy = new aws.iam.RolePolicy(
    `${ctx.name}-trail-delivery`,
    {
      role: role.id,
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
        },
      ]),
    },
    opts,
  );
  return { logGroup, logGroupArn: logGroup.arn, roleArn: role.arn, dependsOn: [rolePolicy] };
}
