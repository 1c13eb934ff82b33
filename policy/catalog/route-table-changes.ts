import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}";

export const routeTableChanges: CisControl = {
  id: "route-table-changes",
  title: "Route table changes",
  catches: "route table changes",
  cis: cisSections({ "1.2": "3.13", "1.3": "4.13", "6.0": "5.13" }),
  securityHub: { id: "CloudWatch.13", pattern: SECURITY_HUB },
  patterns: {
    // Names no eventSource, so API Gateway's and App Mesh's CreateRoute and DeleteRoute count too.
    // Prowler requires the EC2 eventSource in this filter, so this string, the only one Security
    // Hub accepts, fails Prowler: one filter cannot pass both.
    "security-hub": SECURITY_HUB,
    // The form CIS v3.0+ audits for (its remediation still creates the form without eventSource),
    // grouped: as published, `($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) ||
    // ...`, the guard binds CreateRoute alone, and another service's DeleteRoute still counts.
    "cis-latest":
      "{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || " +
      "($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || " +
      "($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",
  },
  metricName: "RouteTableEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "ec2.amazonaws.com" },
  // API Gateway's CreateRoute (eventSource apigateway.amazonaws.com) is in neither sample list:
  // security-hub counts it and cis-latest does not. AssociateRouteTable is not listed by CIS either.
  samples: {
    mustMatch: callSamples(
      "EC2",
      "ec2.amazonaws.com",
      [
        "CreateRoute",
        "CreateRouteTable",
        "ReplaceRoute",
        "ReplaceRouteTableAssociation",
        "DeleteRouteTable",
        "DeleteRoute",
        "DisassociateRouteTable",
      ],
      { requestParameters: { routeTableId: "rtb-0123456789abcdef0", destinationCidrBlock: "0.0.0.0/0" } },
    ),
    mustNotMatch: callSamples("EC2", "ec2.amazonaws.com", ["DescribeRouteTables"], { readOnly: true }),
  },
};
