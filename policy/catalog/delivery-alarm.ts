/**
 * The alarm on the trail's log group itself, which no control of the catalog can be: every control's
 * alarm treats a period without events as quiet, so when the trail stops delivering they all stay
 * green. What the program creates and the policy pack looks for, from this one description.
 */
export const DELIVERY_ALARM = {
  /** What CloudWatch Logs publishes about each log group: the events it received. */
  namespace: "AWS/Logs",
  metricName: "IncomingLogEvents",
  dimension: "LogGroupName",
  statistic: "Sum",
  comparisonOperator: "LessThanThreshold",
  threshold: 1,
  // CloudTrail delivers management events about every 5 minutes, and a quiet account still makes
  // some every hour (AWS services act in it); an hour without any is a trail that stopped.
  periodSeconds: 3600,
  // CloudWatch Logs publishes nothing for a period without events: that is what this alarm is for.
  treatMissingData: "breaching",
} as const;
