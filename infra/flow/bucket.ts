/**
 * A private S3 bucket: public access blocked, ACLs off (the bucket owner owns every object),
 * encrypted by default, reachable only over TLS, and writable only by the principals granted.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "./context";

export interface PrivateBucketArgs {
  /** How new objects are encrypted: with a KMS key, or with S3-managed keys (AES256). */
  readonly encryption:
    | { readonly sseAlgorithm: "aws:kms"; readonly kmsMasterKeyId: pulumi.Input<string> }
    | { readonly sseAlgorithm: "AES256" };
  /** The bucket policy's grants, given the bucket's ARN; a statement denying plain HTTP is added. */
  readonly grants: (bucketArn: pulumi.Output<string>) => pulumi.Input<object>[];
}

export interface PrivateBucket {
  readonly bucket: aws.s3.Bucket;
  /** Its bucket policy: whoever is granted a write must wait for it. */
  readonly policy: aws.s3.BucketPolicy;
}

/** Creates the bucket and its protections, all named `name` and created with `opts`. */
export function privateBucket(
  name: string,
  args: PrivateBucketArgs,
  opts: pulumi.CustomResourceOptions,
): PrivateBucket {
  const bucket = new aws.s3.Bucket(name, { forceDestroy: false }, opts);
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    name,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  new aws.s3.BucketOwnershipControls(
    name,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: args.encryption,
          // An S3 Bucket Key saves KMS requests; it means nothing for S3-managed keys.
          ...(args.encryption.sseAlgorithm === "aws:kms" ? { bucketKeyEnabled: true } : {}),
        },
      ],
    },
    opts,
  );
  const policy = new aws.s3.BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: policyDocument([
        ...args.grants(bucket.arn),
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
    // S3 aborts a bucket policy change made while the bucket's public access block is being set.
    { ...opts, dependsOn: [publicAccess] },
  );
  return { bucket, policy };
}
