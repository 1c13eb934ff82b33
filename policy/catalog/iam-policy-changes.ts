import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}";

export const iamPolicyChanges: CisControl = {
  id: "iam-policy-changes",
  title: "IAM policy changes",
  catches: "IAM policy changes",
  cis: cisSections({ "1.2": "3.4", "1.3": "4.4", "6.0": "5.4" }),
  securityHub: { id: "CloudWatch.4", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    // The CIS text (the same in every version) is compact: no spaces around `||`. Neither form
    // names IAM's eventSource, so same-named calls of other services also count: Organizations'
    // CreatePolicy and DeletePolicy (service control policies), for instance. That is why no such
    // call is among the samples below.
    "cis-latest":
      "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}",
  },
  metricName: "IAMPolicyEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "iam.amazonaws.com" },
  // Trust policies (UpdateAssumeRolePolicy), SetDefaultPolicyVersion and permissions boundaries
  // are policy changes too, which CIS does not list; a filter that adds them is no worse for it.
  samples: {
    mustMatch: callSamples("IAM", "iam.amazonaws.com", [
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
    ]),
    mustNotMatch: callSamples(
      "IAM",
      "iam.amazonaws.com",
      ["GetPolicy", "GetPolicyVersion", "GetRolePolicy", "ListAttachedRolePolicies", "ListPolicies"],
      { readOnly: true },
    ),
  },
};
