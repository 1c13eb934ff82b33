import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}";

export const networkGatewayChanges: CisControl = {
  id: "network-gateway-changes",
  title: "Network gateway changes",
  catches: "network gateway changes",
  cis: cisSections({ "1.2": "3.12", "1.3": "4.12", "6.0": "5.12" }),
  securityHub: { id: "CloudWatch.12", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    "cis-latest":
      "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
  },
  metricName: "GatewayEventCount",
  alarm: CIS_ALARM,
  context: { eventSource: "ec2.amazonaws.com" },
  // NAT, egress-only, virtual private and transit gateways are gateways too, which CIS does not
  // list; a filter that adds them is no worse for it.
  samples: {
    mustMatch: [
      ...callSamples("EC2", "ec2.amazonaws.com", ["CreateCustomerGateway", "DeleteCustomerGateway"], {
        requestParameters: { customerGatewayId: "cgw-0123456789abcdef0" },
      }),
      ...callSamples(
        "EC2",
        "ec2.amazonaws.com",
        ["AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"],
        { requestParameters: { internetGatewayId: "igw-0123456789abcdef0", vpcId: "vpc-0123456789abcdef0" } },
      ),
    ],
    mustNotMatch: callSamples(
      "EC2",
      "ec2.amazonaws.com",
      ["DescribeInternetGateways", "DescribeCustomerGateways"],
      { readOnly: true },
    ),
  },
};
