import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

// The CIS text, its event names quoted as most copies of v1.3-v5.0 print them. Copies of v4.0+
// also print them bare; which the newest benchmark has is not settled, and both match the same
// events, so we keep the form the Terraform modules and most auditors already know.
const CIS =
  '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }';

export const organizationsChanges: CisControl = {
  id: "organizations-changes",
  title: "AWS Organizations changes",
  catches: "AWS Organizations changes",
  // New in CIS v1.3; Security Hub has no control for it.
  cis: cisSections({ "1.3": "4.15", "6.0": "5.15" }),
  patterns: {
    "security-hub": CIS,
    // Prowler's check also wants CancelHandshake, CreateOrganization and EnableAllFeatures, which
    // no CIS text lists; this follows CIS, so Prowler fails it.
    "cis-latest": CIS,
  },
  metricName: "OrganizationsEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "organizations.amazonaws.com" },
  samples: {
    mustMatch: callSamples("Organizations", "organizations.amazonaws.com", [
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
    ]),
    mustNotMatch: [
      ...callSamples(
        "Organizations",
        "organizations.amazonaws.com",
        ["DescribeOrganization", "ListAccounts", "ListPolicies"],
        { readOnly: true },
      ),
      ...callSamples("IAM", "iam.amazonaws.com", ["CreatePolicy"], {
        requestParameters: { policyName: "ReadReports" },
      }).map((sample) => ({
        ...sample,
        excluded: "it is IAM's event of that name, which iam-policy-changes counts",
      })),
    ],
  },
};
