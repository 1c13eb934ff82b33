/**
 * Step 1: a multi-region CloudTrail trail recording every management event, of this account or of
 * every account in its organization, with validated log files stored encrypted in a private bucket
 * whose access is logged (1b), and delivered to the log group of step 2.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NewTrail } from "../config/settings";
import { FlowContext, trailArn } from "./context";
import { privateBucket } from "./bucket";
import { customerManagedKey } from "./key";
import { logBucketAccess } from "./1b-access-logs";
import { LogDelivery } from "./2-log-group";

export function createTrail(
  ctx: FlowContext,
  delivery: LogDelivery,
  { accessLogs, organization }: NewTrail,
): aws.cloudtrail.Trail {
  const opts = { parent: ctx.parent };
  const evidence = { parent: ctx.parent, retainOnDelete: ctx.retainOnDelete };
  const trailName = ctx.name;
  // Confused deputy: CloudTrail acts for this trail only, never for another trail of any account.
  const thisTrail = trailArn(ctx);
  const fromThisTrail = { StringEquals: { "aws:SourceArn": thisTrail } };
  // An organization trail writes member accounts' logs under AWSLogs/<organization id>/<account>/.
  const organizationId =
    organization === undefined
      ? undefined
      : organization.id !== undefined
        ? pulumi.output(organization.id)
        : aws.organizations.getOrganizationOutput({}, opts).id;

  const key = customerManagedKey(
    ctx,
    `${ctx.name}-trail-key`,
    {
      description: `Encrypts CloudTrail logs of ${organization ? "organization " : ""}trail ${trailName}`,
      deletionWindowInDays: 30,
      grants: [
        {
          Sid: "TrailEncrypts",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:GenerateDataKey*",
          Resource: "*",
          // CloudTrail names the trail in each log file's encryption context, member accounts' files too.
          Condition: {
            StringEquals: {
              "aws:SourceArn": thisTrail,
              "kms:EncryptionContext:aws:cloudtrail:arn": thisTrail,
            },
          },
        },
        {
          Sid: "TrailDescribesKey",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:DescribeKey",
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

  const writtenByThisTrail = {
    StringEquals: { "aws:SourceArn": thisTrail, "s3:x-amz-acl": "bucket-owner-full-control" },
  };
  const { bucket, policy: bucketPolicy } = privateBucket(
    `${ctx.name}-trail-bucket`,
    {
      encryption: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
      grants: (bucketArn) => [
        {
          Sid: "TrailChecksAcl",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: bucketArn,
          Condition: fromThisTrail,
        },
        {
          Sid: "TrailWrites",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${ctx.accountId}/*`,
          Condition: writtenByThisTrail,
        },
        ...(organizationId === undefined
          ? []
          : [
              {
                Sid: "OrganizationTrailWrites",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${organizationId}/*`,
                Condition: writtenByThisTrail,
              },
            ]),
      ],
    },
    evidence,
  );
  logBucketAccess(ctx, bucket, accessLogs);

  return new aws.cloudtrail.Trail(
    `${ctx.name}-trail`,
    {
      name: trailName,
      s3BucketName: bucket.id,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      // Left unset for an account's trail, as the trails of earlier releases are.
      ...(organization === undefined ? {} : { isOrganizationTrail: true }),
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
