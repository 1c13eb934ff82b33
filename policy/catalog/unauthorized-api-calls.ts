import { CIS_ALARM, cisSections, CloudTrailRecord, CisControl } from "./control";
import { apiCall } from "./record";

/** A call that failed with `errorCode`, or succeeded without one. */
function call(eventSource: string, eventName: string, errorCode?: string, more: CloudTrailRecord = {}) {
  return apiCall(eventSource, eventName, {
    ...(errorCode === undefined ? {} : { errorCode, errorMessage: `${errorCode} (sample)` }),
    ...more,
  });
}

const SECURITY_HUB = '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}';

export const unauthorizedApiCalls: CisControl = {
  id: "unauthorized-api-calls",
  title: "Unauthorized API calls",
  catches: "unauthorized API calls",
  cis: cisSections({ "1.2": "3.1", "1.3": "4.1", "6.0": "5.1" }),
  securityHub: { id: "CloudWatch.2", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    // Since v2.0 CIS excludes CloudWatch Logs delivery and S3 HeadBucket probes (v1.3-v1.5 joined
    // the exclusions with ||, which matches nearly every event). The grouping makes the exclusions
    // apply to both error codes; the published text lacks it, and by precedence its exclusions
    // would only apply to AccessDenied*.
    "cis-latest":
      '{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && ' +
      '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}',
  },
  // The name CloudTrail's documentation gives this metric.
  metricName: "AuthorizationFailureCount",
  alarm: CIS_ALARM,
  // Any service can refuse a call.
  context: {},
  samples: {
    mustMatch: [
      {
        description: "EC2 RunInstances refused with Client.UnauthorizedOperation",
        record: call("ec2.amazonaws.com", "RunInstances", "Client.UnauthorizedOperation"),
      },
      {
        description: "EC2 call refused with a bare UnauthorizedOperation",
        record: call("ec2.amazonaws.com", "DescribeInstances", "UnauthorizedOperation"),
      },
      {
        description: "S3 GetObject refused with AccessDenied",
        record: call("s3.amazonaws.com", "GetObject", "AccessDenied"),
      },
      {
        description: "KMS Decrypt refused with AccessDeniedException",
        record: call("kms.amazonaws.com", "Decrypt", "AccessDeniedException"),
      },
    ],
    mustNotMatch: [
      {
        description: "a successful DescribeInstances call (no errorCode)",
        record: call("ec2.amazonaws.com", "DescribeInstances"),
      },
      {
        description: "a successful call made by CloudWatch Logs delivery (no errorCode)",
        record: call("s3.amazonaws.com", "PutObject", undefined, {
          sourceIPAddress: "delivery.logs.amazonaws.com",
        }),
      },
      {
        description: "S3 call refused by a VPC endpoint policy (VpceAccessDenied)",
        excluded: "a VPC endpoint policy, not the caller's permissions, refused it",
        record: call("s3.amazonaws.com", "GetObject", "VpceAccessDenied"),
      },
      {
        description: "an EC2 dry run (Client.DryRunOperation)",
        record: call("ec2.amazonaws.com", "RunInstances", "Client.DryRunOperation"),
      },
      {
        description: "a throttled call (ThrottlingException)",
        record: call("iam.amazonaws.com", "ListUsers", "ThrottlingException"),
      },
      {
        description: "a call with an empty errorCode",
        record: call("iam.amazonaws.com", "GetUser", ""),
      },
    ],
  },
};
