import { strict as assert } from "assert";
import { CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import { insightsFilter, InsightsFilterError } from "../../infra/flow/insights-filter";

/** `eventName = "A" or eventName = "B" ...`: the filter of a list of event names. */
const anyOf = (...names: string[]) => names.map((name) => `eventName = "${name}"`).join(" or ");
const IAM_POLICY = anyOf(
  "DeleteGroupPolicy",
  "DeleteRolePolicy",
  "DeleteUserPolicy",
  "PutGroupPolicy",
  "PutRolePolicy",
  "PutUserPolicy",
  "CreatePolicy",
  "DeletePolicy",
  "CreatePolicyVersion",
  "DeletePolicyVersion",
  "AttachRolePolicy",
  "DetachRolePolicy",
  "AttachUserPolicy",
  "DetachUserPolicy",
  "AttachGroupPolicy",
  "DetachGroupPolicy",
);
const TRAIL = anyOf("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging");
const SIGNIN_WITHOUT_MFA =
  'eventName = "ConsoleLogin" and (ispresent(additionalEventData.MFAUsed) and not additionalEventData.MFAUsed = "Yes") and ' +
  'userIdentity.type = "IAMUser" and responseElements.ConsoleLogin = "Success"';
const ROOT =
  'userIdentity.type = "Root" and not ispresent(userIdentity.invokedBy) and ' +
  '(ispresent(eventType) and not eventType = "AwsServiceEvent")';
const SIGNIN_FAILURE = 'eventName = "ConsoleLogin" and errorMessage = "Failed authentication"';
const KMS = `eventSource = "kms.amazonaws.com" and (${anyOf("DisableKey", "ScheduleKeyDeletion")})`;
const S3 = `eventSource = "s3.amazonaws.com" and (${anyOf(
  "PutBucketAcl",
  "PutBucketPolicy",
  "PutBucketCors",
  "PutBucketLifecycle",
  "PutBucketReplication",
  "DeleteBucketPolicy",
  "DeleteBucketCors",
  "DeleteBucketLifecycle",
  "DeleteBucketReplication",
)})`;
const CONFIG = `eventSource = "config.amazonaws.com" and (${anyOf(
  "StopConfigurationRecorder",
  "DeleteDeliveryChannel",
  "PutDeliveryChannel",
  "PutConfigurationRecorder",
)})`;
const SECURITY_GROUP = anyOf(
  "AuthorizeSecurityGroupIngress",
  "AuthorizeSecurityGroupEgress",
  "RevokeSecurityGroupIngress",
  "RevokeSecurityGroupEgress",
  "CreateSecurityGroup",
  "DeleteSecurityGroup",
);
const NACL = anyOf(
  "CreateNetworkAcl",
  "CreateNetworkAclEntry",
  "DeleteNetworkAcl",
  "DeleteNetworkAclEntry",
  "ReplaceNetworkAclEntry",
  "ReplaceNetworkAclAssociation",
);
const GATEWAY = anyOf(
  "CreateCustomerGateway",
  "DeleteCustomerGateway",
  "AttachInternetGateway",
  "CreateInternetGateway",
  "DeleteInternetGateway",
  "DetachInternetGateway",
);
const ROUTE_TABLE = anyOf(
  "CreateRoute",
  "CreateRouteTable",
  "ReplaceRoute",
  "ReplaceRouteTableAssociation",
  "DeleteRouteTable",
  "DeleteRoute",
  "DisassociateRouteTable",
);
const VPC = anyOf(
  "CreateVpc",
  "DeleteVpc",
  "ModifyVpcAttribute",
  "AcceptVpcPeeringConnection",
  "CreateVpcPeeringConnection",
  "DeleteVpcPeeringConnection",
  "RejectVpcPeeringConnection",
  "AttachClassicLinkVpc",
  "DetachClassicLinkVpc",
  "DisableVpcClassicLink",
  "EnableVpcClassicLink",
);
const ORGANIZATIONS = `eventSource = "organizations.amazonaws.com" and (${anyOf(
  "AcceptHandshake",
  "AttachPolicy",
  "CreateAccount",
  "CreateOrganizationalUnit",
  "CreatePolicy",
  "DeclineHandshake",
  "DeleteOrganization",
  "DeleteOrganizationalUnit",
  "DeletePolicy",
  "DetachPolicy",
  "DisablePolicyType",
  "EnablePolicyType",
  "InviteAccountToOrganization",
  "LeaveOrganization",
  "MoveAccount",
  "RemoveAccountFromOrganization",
  "UpdatePolicy",
  "UpdateOrganizationalUnit",
)})`;

const MONITORING_CHANGES =
  '(eventSource = "monitoring.amazonaws.com" and (eventName = "DeleteAlarms" or eventName = "DisableAlarmActions")) or ' +
  '(eventSource = "logs.amazonaws.com" and (eventName = "DeleteMetricFilter" or eventName = "DeleteLogGroup" or eventName = "DeleteSubscriptionFilter")) or ' +
  '(eventSource = "sns.amazonaws.com" and (eventName = "DeleteTopic" or eventName = "Unsubscribe"))';

/**
 * The Logs Insights filter of every control's pattern, as generated. Each was read against its
 * pattern once: a change here must be read again.
 */
const EXPECTED: Record<string, Record<string, string>> = {
  "unauthorized-api-calls": {
    "security-hub": "errorCode like /UnauthorizedOperation$/ or errorCode like /^AccessDenied/",
    "cis-latest":
      "(errorCode like /UnauthorizedOperation$/ or errorCode like /^AccessDenied/) and " +
      '(ispresent(sourceIPAddress) and not sourceIPAddress = "delivery.logs.amazonaws.com") and ' +
      '(ispresent(eventName) and not eventName = "HeadBucket")',
  },
  "console-signin-without-mfa": { "security-hub": SIGNIN_WITHOUT_MFA, "cis-latest": SIGNIN_WITHOUT_MFA },
  "root-account-usage": { "security-hub": ROOT, "cis-latest": ROOT },
  "iam-policy-changes": { "security-hub": IAM_POLICY, "cis-latest": IAM_POLICY },
  "cloudtrail-configuration-changes": { "security-hub": TRAIL, "cis-latest": TRAIL },
  "console-authentication-failures": { "security-hub": SIGNIN_FAILURE, "cis-latest": SIGNIN_FAILURE },
  "kms-key-disable-or-deletion": { "security-hub": KMS, "cis-latest": KMS },
  "s3-bucket-policy-changes": { "security-hub": S3, "cis-latest": S3 },
  "aws-config-changes": { "security-hub": CONFIG, "cis-latest": CONFIG },
  "security-group-changes": {
    "security-hub": SECURITY_GROUP,
    "cis-latest": `${SECURITY_GROUP} or eventName = "ModifySecurityGroupRules"`,
  },
  "nacl-changes": { "security-hub": NACL, "cis-latest": NACL },
  "network-gateway-changes": { "security-hub": GATEWAY, "cis-latest": GATEWAY },
  "route-table-changes": {
    "security-hub": ROUTE_TABLE,
    "cis-latest": `eventSource = "ec2.amazonaws.com" and (${ROUTE_TABLE})`,
  },
  "vpc-changes": { "security-hub": VPC, "cis-latest": VPC },
  "organizations-changes": { "security-hub": ORGANIZATIONS, "cis-latest": ORGANIZATIONS },
  "monitoring-changes": { "security-hub": MONITORING_CHANGES, "cis-latest": MONITORING_CHANGES },
};

describe("the Logs Insights filter derived from a filter pattern", () => {
  for (const control of CONTROLS) {
    for (const set of PATTERN_SETS) {
      it(`selects what ${control.id} ${set} selects`, () => {
        assert.equal(insightsFilter(control.patterns[set]), EXPECTED[control.id]?.[set]);
      });
    }
  }

  it("turns wildcards into anchored regular expressions, escaping the rest", () => {
    assert.equal(insightsFilter('{ $.a = "x.y*" }'), "a like /^x\\.y/");
    assert.equal(insightsFilter('{ $.a = "*x/y" }'), "a like /x\\/y$/");
    assert.equal(insightsFilter('{ $.a = "*mid*" }'), "a like /mid/");
    assert.equal(insightsFilter('{ $.a = "*" }'), "ispresent(a)");
  });

  it("keeps the pattern's meaning of NOT EXISTS, numbers and nesting", () => {
    assert.equal(insightsFilter("{ $.a.b NOT EXISTS }"), "not ispresent(a.b)");
    assert.equal(insightsFilter("{ $.n >= 5 }"), "n >= 5");
    assert.equal(
      insightsFilter("{ ($.a = x) && (($.b = y) || ($.c = z)) }"),
      'a = "x" and (b = "y" or c = "z")',
    );
    assert.equal(insightsFilter("{ $.['a-b'].c = x }"), '`a-b.c` = "x"');
  });

  it("refuses what Logs Insights cannot express with an InsightsFilterError naming the construct", () => {
    const refuses = (pattern: string, message: RegExp) =>
      assert.throws(
        () => insightsFilter(pattern),
        (e: unknown) => {
          assert.ok(e instanceof InsightsFilterError, String(e));
          assert.match(e.message, message);
          return true;
        },
      );
    refuses("ERROR", /a term pattern has no Logs Insights equivalent/);
    refuses("{ $.a IS NULL }", /IS NULL has no Logs Insights equivalent/);
    refuses("{ $.a[*] = x }", /the selector \[\*\] has no Logs Insights/);
    refuses("{ $.a = %x+% }", /the regular expression %x\+% has no/);
  });
});
