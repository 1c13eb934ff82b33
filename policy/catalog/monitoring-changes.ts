import { BeyondCisControl, CIS_ALARM, SampleEvent } from "./control";
import { apiCall, callSamples } from "./record";

// Calls that blind the alarms of every control without stopping the trail: an alarm deleted or
// its actions disabled, a metric filter or the log group it reads deleted, the log stream to a
// SIEM cut, the topic deleted or its people unsubscribed. Each is guarded by its service, so that
// Lightsail's DeleteAlarm or another service's Unsubscribe does not count.
const PATTERN =
  "{ (($.eventSource = monitoring.amazonaws.com) && (($.eventName = DeleteAlarms) || ($.eventName = DisableAlarmActions))) || " +
  "(($.eventSource = logs.amazonaws.com) && (($.eventName = DeleteMetricFilter) || ($.eventName = DeleteLogGroup) || ($.eventName = DeleteSubscriptionFilter))) || " +
  "(($.eventSource = sns.amazonaws.com) && (($.eventName = DeleteTopic) || ($.eventName = Unsubscribe))) }";

/** Samples of calls left out on purpose, each with why. */
function leftOut(service: string, eventSource: string, eventNames: string[], why: string): SampleEvent[] {
  return callSamples(service, eventSource, eventNames).map((sample) => ({ ...sample, excluded: why }));
}

export const monitoringChanges: BeyondCisControl = {
  id: "monitoring-changes",
  title: "Monitoring changes",
  catches: "changes that blind the monitoring",
  beyondCis:
    "no CIS control catches an alarm deleted or silenced, a metric filter or log group deleted, or the alarm topic deleted or unsubscribed from, and each leaves every other control's alarm green for ever",
  // The same text in both sets: no benchmark or Security Hub check words it otherwise.
  patterns: { "security-hub": PATTERN, "cis-latest": PATTERN },
  metricName: "MonitoringChangeEventCount",
  alarm: CIS_ALARM,
  tampering:
    "DeleteAlarms, DisableAlarmActions, DeleteMetricFilter, DeleteLogGroup, DeleteTopic and Unsubscribe silence the alarm of every control",
  context: {},
  samples: {
    mustMatch: [
      ...callSamples("CloudWatch", "monitoring.amazonaws.com", ["DeleteAlarms", "DisableAlarmActions"], {
        requestParameters: { alarmNames: ["cis-monitoring-prod-root-account-usage"] },
      }),
      ...callSamples(
        "CloudWatch Logs",
        "logs.amazonaws.com",
        ["DeleteMetricFilter", "DeleteLogGroup", "DeleteSubscriptionFilter"],
        { requestParameters: { logGroupName: "cis-monitoring-prod-trail-logs-3f9a2c1" } },
      ),
      ...callSamples("SNS", "sns.amazonaws.com", ["DeleteTopic"], {
        requestParameters: { topicArn: "arn:aws:sns:us-east-1:111122223333:cis-monitoring-prod-alarms" },
      }),
      {
        description: "SNS Unsubscribe of the on-call address",
        record: apiCall("sns.amazonaws.com", "Unsubscribe", {
          requestParameters: {
            subscriptionArn:
              "arn:aws:sns:us-east-1:111122223333:cis-monitoring-prod-alarms:6b0d31f4-0f5e-4c1b-9d7e-2a8c5e1f3b90",
          },
        }),
      },
    ],
    mustNotMatch: [
      ...callSamples("CloudWatch", "monitoring.amazonaws.com", ["DescribeAlarms", "GetMetricData"], {
        readOnly: true,
      }),
      ...callSamples("CloudWatch", "monitoring.amazonaws.com", ["EnableAlarmActions"]),
      ...callSamples("CloudWatch Logs", "logs.amazonaws.com", ["DescribeMetricFilters", "FilterLogEvents"], {
        readOnly: true,
      }),
      ...callSamples("SNS", "sns.amazonaws.com", ["Subscribe", "ListSubscriptionsByTopic"]),
      // Same-named calls of other services.
      ...callSamples("Lightsail", "lightsail.amazonaws.com", ["DeleteAlarm"]),
      ...callSamples("CodeStar Notifications", "codestar-notifications.amazonaws.com", ["Unsubscribe"]),
      ...leftOut(
        "CloudWatch",
        "monitoring.amazonaws.com",
        ["PutMetricAlarm"],
        "every deployment that creates or changes an alarm makes it, and Application Auto Scaling for each target tracking policy: it would fire on every deploy",
      ),
      ...leftOut(
        "CloudWatch Logs",
        "logs.amazonaws.com",
        ["PutMetricFilter", "PutRetentionPolicy"],
        "every deployment that creates a metric filter or a log group makes it: it would fire on every deploy",
      ),
      ...leftOut(
        "CloudWatch Logs",
        "logs.amazonaws.com",
        ["DeleteLogStream"],
        "it erases events the filters have already counted; delivery to the log group goes on",
      ),
      ...leftOut(
        "SNS",
        "sns.amazonaws.com",
        ["SetTopicAttributes"],
        "every deployment that changes a topic makes it; the policy pack judges the alarm topic's key on the refreshed stack",
      ),
      ...leftOut(
        "EventBridge",
        "events.amazonaws.com",
        ["DeleteRule", "DisableRule", "RemoveTargets"],
        "without the alarm details rule each alarm still sends its own notification, and deployments of any application on EventBridge make these calls",
      ),
      ...leftOut(
        "Lambda",
        "lambda.amazonaws.com",
        ["DeleteFunction20150331"],
        "without the alarm details function each alarm still sends its own notification, and removing any function makes this call",
      ),
      ...leftOut(
        "CloudTrail",
        "cloudtrail.amazonaws.com",
        ["StopLogging", "DeleteTrail"],
        "cloudtrail-configuration-changes counts it",
      ),
    ],
  },
};
