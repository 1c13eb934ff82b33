import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}";

export const securityGroupChanges: CisControl = {
  id: "security-group-changes",
  title: "Security group changes",
  catches: "security group changes",
  // CIS v5.0 adds ModifySecurityGroupRules to the filter; the section number stays.
  cis: cisSections({ "1.2": "3.10", "1.3": "4.10", "6.0": "5.10" }),
  securityHub: { id: "CloudWatch.10", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    // CIS v5.0+: also ModifySecurityGroupRules, how the console and newer SDKs edit rules. Security
    // Hub's string lacks it, so that event is in neither sample list: the two sets disagree on it.
    "cis-latest":
      "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }",
  },
  metricName: "SecurityGroupEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "ec2.amazonaws.com" },
  samples: {
    mustMatch: callSamples(
      "EC2",
      "ec2.amazonaws.com",
      [
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress",
        "CreateSecurityGroup",
        "DeleteSecurityGroup",
      ],
      { requestParameters: { groupId: "sg-0123456789abcdef0" } },
    ),
    mustNotMatch: [
      ...callSamples("EC2", "ec2.amazonaws.com", ["DescribeSecurityGroups", "DescribeSecurityGroupRules"], {
        readOnly: true,
      }),
      // An RDS DB security group (EC2-Classic era), not a VPC security group.
      ...callSamples("RDS", "rds.amazonaws.com", ["AuthorizeDBSecurityGroupIngress"], {
        requestParameters: { dBSecurityGroupName: "legacy", cIDRIP: "203.0.113.0/24" },
      }),
    ],
  },
};
