/**
 * Step 1b: S3 server access logging of the trail's bucket (CIS v1.2 2.6, v1.4 3.6; Security Hub
 * CloudTrail.7), into a dedicated private log bucket, or into an existing bucket named in config.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccessLogTarget } from "../config/settings";
import { FlowContext } from "./context";
import { privateBucket } from "./bucket";

/** Where in the log bucket the trail bucket's access logs go. */
const ACCESS_LOG_PREFIX = "trail-bucket/";

export function logBucketAccess(ctx: FlowContext, trailBucket: aws.s3.Bucket, target: AccessLogTarget): void {
  const evidence = { parent: ctx.parent, retainOnDelete: ctx.retainOnDelete };
  const logs =
    target.kind === "existing-bucket"
      ? { bucketName: pulumi.output(target.bucketName), ready: [] }
      : dedicatedLogBucket(ctx, trailBucket, evidence);
  new aws.s3.BucketLogging(
    `${ctx.name}-trail-bucket`,
    {
      bucket: trailBucket.id,
      targetBucket: logs.bucketName,
      targetPrefix: ACCESS_LOG_PREFIX,
      targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
    },
    { ...evidence, dependsOn: logs.ready },
  );
}

function dedicatedLogBucket(
  ctx: FlowContext,
  trailBucket: aws.s3.Bucket,
  opts: pulumi.CustomResourceOptions,
): { bucketName: pulumi.Output<string>; ready: pulumi.Resource[] } {
  const { bucket, policy } = privateBucket(
    `${ctx.name}-access-logs`,
    {
      // S3 delivers server access logs to buckets encrypted with S3-managed keys, never with KMS keys.
      encryption: { sseAlgorithm: "AES256" },
      // With ACLs off, the bucket policy alone authorises delivery: S3 logging, from the trail bucket only.
      grants: (bucketArn) => [
        {
          Sid: "S3LogsTrailBucketAccess",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: pulumi.interpolate`${bucketArn}/${ACCESS_LOG_PREFIX}*`,
          Condition: {
            ArnLike: { "aws:SourceArn": trailBucket.arn },
            StringEquals: { "aws:SourceAccount": ctx.accountId },
          },
        },
      ],
    },
    opts,
  );
  return { bucketName: bucket.id, ready: [policy] };
}
