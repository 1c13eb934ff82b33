import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}";

export const vpcChanges: CisControl = {
  id: "vpc-changes",
  title: "VPC changes",
  catches: "VPC changes",
  cis: cisSections({ "1.2": "3.14", "1.3": "4.14", "6.0": "5.14" }),
  securityHub: { id: "CloudWatch.14", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    // Still lists the four EC2-ClassicLink calls, as every CIS version does.
    "cis-latest":
      "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
  },
  metricName: "VpcEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "ec2.amazonaws.com" },
  // The ClassicLink calls (AttachClassicLinkVpc, DetachClassicLinkVpc, DisableVpcClassicLink,
  // EnableVpcClassicLink) are not samples: EC2-Classic is retired, so no such event occurs and a
  // filter without them misses nothing. Both sets keep them for Security Hub's exact string.
  samples: {
    mustMatch: [
      ...callSamples("EC2", "ec2.amazonaws.com", ["CreateVpc", "DeleteVpc", "ModifyVpcAttribute"], {
        requestParameters: { vpcId: "vpc-0123456789abcdef0" },
      }),
      ...callSamples(
        "EC2",
        "ec2.amazonaws.com",
        [
          "AcceptVpcPeeringConnection",
          "CreateVpcPeeringConnection",
          "DeleteVpcPeeringConnection",
          "RejectVpcPeeringConnection",
        ],
        { requestParameters: { vpcPeeringConnectionId: "pcx-0123456789abcdef0" } },
      ),
    ],
    mustNotMatch: callSamples(
      "EC2",
      "ec2.amazonaws.com",
      ["DescribeVpcs", "DescribeVpcAttribute", "DescribeVpcPeeringConnections"],
      { readOnly: true },
    ),
  },
};
