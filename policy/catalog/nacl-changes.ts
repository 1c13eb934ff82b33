import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}";

export const naclChanges: CisControl = {
  id: "nacl-changes",
  title: "Network ACL changes",
  catches: "network ACL changes",
  cis: cisSections({ "1.2": "3.11", "1.3": "4.11", "6.0": "5.11" }),
  securityHub: { id: "CloudWatch.11", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    "cis-latest":
      "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
  },
  metricName: "NetworkAclEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "ec2.amazonaws.com" },
  samples: {
    mustMatch: callSamples(
      "EC2",
      "ec2.amazonaws.com",
      [
        "CreateNetworkAcl",
        "CreateNetworkAclEntry",
        "DeleteNetworkAcl",
        "DeleteNetworkAclEntry",
        "ReplaceNetworkAclEntry",
        "ReplaceNetworkAclAssociation",
      ],
      { requestParameters: { networkAclId: "acl-0123456789abcdef0" } },
    ),
    mustNotMatch: callSamples("EC2", "ec2.amazonaws.com", ["DescribeNetworkAcls"], { readOnly: true }),
  },
};
