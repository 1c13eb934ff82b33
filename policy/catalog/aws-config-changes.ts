import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples, IDENTITIES } from "./record";

const SECURITY_HUB =
  "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}";

export const awsConfigChanges: CisControl = {
  id: "aws-config-changes",
  title: "AWS Config configuration changes",
  catches: "AWS Config configuration changes",
  cis: cisSections({ "1.2": "3.9", "1.3": "4.9", "6.0": "5.9" }),
  securityHub: { id: "CloudWatch.9", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    // The CIS text groups the event names itself.
    "cis-latest":
      "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
  },
  metricName: "ConfigEventCount",
  alarm: CIS_ALARM,
  tampering:
    "stopping or deleting the configuration recorder or its delivery channel hides every later configuration change from AWS Config",
  context: { eventSource: "config.amazonaws.com" },
  // DeleteConfigurationRecorder removes the recorder altogether, yet CIS does not list it; a
  // filter that adds it is no worse for it.
  samples: {
    mustMatch: [
      ...callSamples(
        "AWS Config",
        "config.amazonaws.com",
        ["StopConfigurationRecorder", "PutConfigurationRecorder"],
        {
          requestParameters: { configurationRecorderName: "default" },
        },
      ),
      ...callSamples("AWS Config", "config.amazonaws.com", ["DeleteDeliveryChannel", "PutDeliveryChannel"], {
        requestParameters: { deliveryChannelName: "default" },
      }),
    ],
    mustNotMatch: [
      ...callSamples(
        "AWS Config",
        "config.amazonaws.com",
        ["DescribeConfigurationRecorders", "DescribeDeliveryChannels", "DescribeConfigRuleEvaluationStatus"],
        { readOnly: true },
      ),
      // What Config rules report on every evaluation.
      ...callSamples("AWS Config", "config.amazonaws.com", ["PutEvaluations"], {
        userIdentity: IDENTITIES.role,
      }),
    ],
  },
};
