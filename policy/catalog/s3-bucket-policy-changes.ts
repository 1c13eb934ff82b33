import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}";
const BUCKET = {
  requestParameters: { bucketName: "example-reports", Host: "example-reports.s3.amazonaws.com" },
};

export const s3BucketPolicyChanges: CisControl = {
  id: "s3-bucket-policy-changes",
  title: "S3 bucket policy changes",
  catches: "S3 bucket policy changes",
  cis: cisSections({ "1.2": "3.8", "1.3": "4.8", "6.0": "5.8" }),
  securityHub: { id: "CloudWatch.8", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    "cis-latest":
      "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",
  },
  metricName: "S3BucketPolicyEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "s3.amazonaws.com" },
  // CloudTrail logs the PutBucketLifecycleConfiguration API as PutBucketLifecycle, the name both
  // forms list. Public access blocks, ownership controls, encryption and object ACLs are not
  // listed by CIS; a filter that adds them is no worse for it.
  samples: {
    mustMatch: callSamples(
      "S3",
      "s3.amazonaws.com",
      [
        "PutBucketAcl",
        "PutBucketPolicy",
        "PutBucketCors",
        "PutBucketLifecycle",
        "PutBucketReplication",
        "DeleteBucketPolicy",
        "DeleteBucketCors",
        "DeleteBucketLifecycle",
        "DeleteBucketReplication",
      ],
      BUCKET,
    ),
    mustNotMatch: [
      ...callSamples("S3", "s3.amazonaws.com", ["GetBucketPolicy", "GetBucketAcl", "GetBucketLifecycle"], {
        ...BUCKET,
        readOnly: true,
      }),
      ...callSamples("S3", "s3.amazonaws.com", ["ListBuckets"], { readOnly: true }),
    ],
  },
};
