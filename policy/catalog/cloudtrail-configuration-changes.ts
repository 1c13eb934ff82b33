import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}";

export const cloudTrailConfigurationChanges: CisControl = {
  id: "cloudtrail-configuration-changes",
  title: "CloudTrail configuration changes",
  catches: "CloudTrail configuration changes",
  cis: cisSections({ "1.2": "3.5", "1.3": "4.5", "6.0": "5.5" }),
  securityHub: { id: "CloudWatch.5", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    "cis-latest":
      "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
  },
  metricName: "CloudTrailEventCount",
  alarm: CIS_ALARM,
  tampering:
    "StopLogging, DeleteTrail and UpdateTrail can stop the trail that every control of this catalog reads",
  context: { eventSource: "cloudtrail.amazonaws.com" },
  // PutEventSelectors can stop a trail recording management events, which blinds every control
  // of this catalog, yet CIS does not list it; a filter that adds it is no worse for it.
  samples: {
    mustMatch: callSamples(
      "CloudTrail",
      "cloudtrail.amazonaws.com",
      ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"],
      { requestParameters: { name: "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events" } },
    ),
    mustNotMatch: callSamples(
      "CloudTrail",
      "cloudtrail.amazonaws.com",
      ["DescribeTrails", "GetTrailStatus", "GetEventSelectors", "LookupEvents"],
      { readOnly: true },
    ),
  },
};
