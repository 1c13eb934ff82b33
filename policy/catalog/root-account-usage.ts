import { CIS_ALARM, cisSections, CisControl } from "./control";
import { apiCall, consoleLogin, IDENTITIES } from "./record";

// Security Hub compares text: the same conditions spaced or parenthesised otherwise fail it.
const SECURITY_HUB =
  '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';

export const rootAccountUsage: CisControl = {
  id: "root-account-usage",
  title: "Root account usage",
  catches: "use of the root account",
  // Security Hub also maps CIS v1.2 1.1 and v1.4 1.7 ("avoid the use of the root account") to CloudWatch.1.
  cis: cisSections({ "1.2": "3.3", "1.3": "4.3", "6.0": "5.3" }),
  securityHub: { id: "CloudWatch.1", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    // The same text in every CIS version; only && joins its terms, so there is nothing to group.
    "cis-latest":
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  metricName: "RootAccountUsageCount",
  alarm: CIS_ALARM,
  // The root user can call any service.
  context: {},
  // Left out, because how they are logged is not settled: records without eventType (the oldest
  // CloudTrail versions; `!=` does not match a missing field, so no filter here counts them), and
  // sessions of centralized root access (sts:AssumeRoot) in member accounts.
  samples: {
    mustMatch: [
      {
        description: "a root console sign-in",
        record: consoleLogin(IDENTITIES.root, { mfaUsed: "Yes" }),
      },
      {
        description: "a failed root console sign-in (someone has the root email and tries passwords)",
        record: consoleLogin(IDENTITIES.root, { mfaUsed: "No", failure: "Failed authentication" }),
      },
      {
        description: "an API call with the root user's access key",
        record: apiCall("iam.amazonaws.com", "CreateAccessKey", {
          userIdentity: { ...IDENTITIES.root, accessKeyId: "AKIAEXAMPLEROOT" },
        }),
      },
    ],
    mustNotMatch: [
      {
        description: "an IAM user's API call",
        record: apiCall("ec2.amazonaws.com", "DescribeInstances", { readOnly: true }),
      },
      {
        description: "a call an AWS service made with the root identity (userIdentity.invokedBy)",
        excluded: "AWS services act with the root identity on the account's behalf",
        record: apiCall("ec2.amazonaws.com", "CreateNetworkInterface", {
          userIdentity: { ...IDENTITIES.root, invokedBy: "elasticloadbalancing.amazonaws.com" },
          sourceIPAddress: "elasticloadbalancing.amazonaws.com",
          userAgent: "elasticloadbalancing.amazonaws.com",
        }),
      },
      {
        description: "an AWS service event logged under the root identity (eventType AwsServiceEvent)",
        excluded: "no person made these calls",
        record: apiCall("kms.amazonaws.com", "RotateKey", {
          userIdentity: IDENTITIES.root,
          eventType: "AwsServiceEvent",
          sourceIPAddress: "kms.amazonaws.com",
          userAgent: "kms.amazonaws.com",
        }),
      },
    ],
  },
};
