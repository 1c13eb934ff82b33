/** A customer-managed KMS key: rotating, administered by the account, used by the services granted. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FlowContext, policyDocument } from "./context";

export function customerManagedKey(
  ctx: FlowContext,
  name: string,
  args: { description: string; deletionWindowInDays: number; grants: pulumi.Input<object>[] },
  opts: pulumi.CustomResourceOptions,
): aws.kms.Key {
  return new aws.kms.Key(
    name,
    {
      description: args.description,
      enableKeyRotation: true,
      deletionWindowInDays: args.deletionWindowInDays,
      policy: policyDocument([
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        ...args.grants,
      ]),
    },
    opts,
  );
}
