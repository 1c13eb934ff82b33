/**
 * Step 1: a multi-region CloudTrail trail recording every management event, stored encrypted
 * in a locked-down bucket and delivered to the log group of step 2.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FlowContext, policyDocument, trailArn } from "./context";
import { customerManagedKey } from "./key";
import { LogDelivery } from "./2-log-group";

export function createTrail(ctx: FlowContext, delivery: LogDelivery): aws.cloudtrail.Trail {
  const opts = { parent: ctx.parent };
  const evidence = { parent: ctx.parent, retainOnDelete: ctx.retainOnDelete };
  const trailName = ctx.name;
  const fromThisTrail = { StringEquals: { "aws:SourceArn": trailArn(ctx) } };

  const key = customerManagedKey(
    ctx,
    `${ctx.name}-trail-key`,
    {
      description: `Encrypts CloudTrail logs of trail ${trailName}`,
      deletionWindowInDays: 30,
      grants: [
        {
          Sid: "TrailEncrypts",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
          Resource: "*",
          Condition: fromThisTrail,
        },
        {
          Sid: "AccountReadsLogs",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
          Resource: "*",
          Condition: {
            StringEquals: { "kms:CallerAccount": ctx.accountId },
            StringLike: {
              "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*`,
            },
          },
        },
      ],
    },
    evidence,
  );

  const bucket = new aws.s3.Bucket(`${ctx.name}-trail-bucket`, { forceDestroy: false }, evidence);
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${ctx.name}-trail-bucket`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    evidence,
  );
  new aws.s3.BucketOwnershipControls(
    `${ctx.name}-trail-bucket`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    evidence,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${ctx.name}-trail-bucket`,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    },
    evidence,
  );
  const bucketPolicy = new aws.s3.BucketPolicy(
    `${ctx.name}-trail-bucket`,
    {
      bucket: bucket.id,
      policy: policyDocument([
        {
          Sid: "TrailChecksAcl",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: bucket.arn,
          Condition: fromThisTrail,
        },
        {
          Sid: "TrailWrites",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: pulumi.interpolate`${bucket.arn}/AWSLogs/${ctx.accountId}/*`,
          Condition: {
            StringEquals: { "aws:SourceArn": trailArn(ctx), "s3:x-amz-acl": "bucket-owner-full-control" },
          },
        },
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
    },
    { ...evidence, dependsOn: [publicAccess] },
  );

  return new aws.cloudtrail.Trail(
    `${ctx.name}-trail`,
    {
      name: trailName,
      s3BucketName: bucket.id,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
      cloudWatchLogsGroupArn: pulumi.interpolate`${delivery.logGroupArn}:*`,
      cloudWatchLogsRoleArn: delivery.roleArn,
    },
    { ...opts, dependsOn: [bucketPolicy, ...delivery.dependsOn] },
  );
}
