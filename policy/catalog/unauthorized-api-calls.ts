import { CloudTrailRecord, Control } from "./control";

/** A minimal CloudTrail management-event record with the fields the pattern and the query read. */
function record(fields: {
  eventSource: string;
  eventName: string;
  errorCode?: string;
  sourceIPAddress?: string;
}): CloudTrailRecord {
  const { errorCode, ...rest } = fields;
  return {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      arn: "arn:aws:iam::111122223333:user/alice",
      accountId: "111122223333",
      userName: "alice",
    },
    eventTime: "2026-01-15T10:00:00Z",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.7",
    userAgent: "aws-cli/2.15.0",
    ...rest,
    ...(errorCode === undefined ? {} : { errorCode, errorMessage: `${errorCode} (sample)` }),
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: "111122223333",
  };
}

export const unauthorizedApiCalls: Control = {
  id: "unauthorized-api-calls",
  title: "Log metric filter and alarm for unauthorized API calls",
  catches: "unauthorized API calls",
  references: [
    "CIS AWS Foundations Benchmark v1.2.0 3.1",
    "CIS AWS Foundations Benchmark v1.4.0-v5.0.0 4.1",
    "CIS AWS Foundations Benchmark v6.0.0 5.1",
    "AWS Security Hub CloudWatch.2",
  ],
  patterns: {
    "cis-1.2": '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    // Since v1.4 CIS excludes CloudWatch Logs delivery and S3 HeadBucket probes. The grouping
    // makes the exclusions apply to both error codes; the published text lacks it, and by
    // precedence its exclusions would only apply to AccessDenied*.
    "cis-4":
      '{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && ' +
      '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}',
  },
  securityHubPattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  metric: { namespace: "CloudTrailMetrics", name: "AuthorizationFailureCount" },
  alarm: {
    statistic: "Sum",
    periodSeconds: 300,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 1,
    treatMissingData: "notBreaching",
  },
  insightsFilter: "errorCode like /UnauthorizedOperation$/ or errorCode like /^AccessDenied/",
  samples: {
    mustMatch: [
      {
        description: "EC2 RunInstances refused with Client.UnauthorizedOperation",
        record: record({
          eventSource: "ec2.amazonaws.com",
          eventName: "RunInstances",
          errorCode: "Client.UnauthorizedOperation",
        }),
      },
      {
        description: "EC2 call refused with a bare UnauthorizedOperation",
        record: record({
          eventSource: "ec2.amazonaws.com",
          eventName: "DescribeInstances",
          errorCode: "UnauthorizedOperation",
        }),
      },
      {
        description: "S3 GetObject refused with AccessDenied",
        record: record({
          eventSource: "s3.amazonaws.com",
          eventName: "GetObject",
          errorCode: "AccessDenied",
        }),
      },
      {
        description: "KMS Decrypt refused with AccessDeniedException",
        record: record({
          eventSource: "kms.amazonaws.com",
          eventName: "Decrypt",
          errorCode: "AccessDeniedException",
        }),
      },
    ],
    mustNotMatch: [
      {
        description: "a successful DescribeInstances call (no errorCode)",
        record: record({ eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances" }),
      },
      {
        description: "a successful call made by CloudWatch Logs delivery (no errorCode)",
        record: record({
          eventSource: "s3.amazonaws.com",
          eventName: "PutObject",
          sourceIPAddress: "delivery.logs.amazonaws.com",
        }),
      },
      {
        description: "S3 call refused by a VPC endpoint policy (VpceAccessDenied)",
        record: record({
          eventSource: "s3.amazonaws.com",
          eventName: "GetObject",
          errorCode: "VpceAccessDenied",
        }),
      },
      {
        description: "an EC2 dry run (Client.DryRunOperation)",
        record: record({
          eventSource: "ec2.amazonaws.com",
          eventName: "RunInstances",
          errorCode: "Client.DryRunOperation",
        }),
      },
      {
        description: "a throttled call (ThrottlingException)",
        record: record({
          eventSource: "iam.amazonaws.com",
          eventName: "ListUsers",
          errorCode: "ThrottlingException",
        }),
      },
      {
        description: "a call with an empty errorCode",
        record: record({ eventSource: "iam.amazonaws.com", eventName: "GetUser", errorCode: "" }),
      },
    ],
  },
};
