import { strict as assert } from "assert";
import { aws, chain, messages, NOT_MONITORED, resources, verdict } from "../builders";

describe("step 4, the alarm on the filter's metric", () => {
  it("names the missing alarm with the metric to watch", () => {
    const v = verdict(resources({ ...chain(), alarm: undefined }));
    assert.deepEqual(messages(v.violations), [
      `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' publishes metric ` +
        "CloudTrailMetrics/AuthorizationFailureCount, but no alarm watches it (add an aws.cloudwatch.MetricAlarm with " +
        'namespace "CloudTrailMetrics", metricName "AuthorizationFailureCount", statistic Sum, threshold 1, ' +
        "comparisonOperator GreaterThanOrEqualToThreshold, period 300 and an SNS topic in alarmActions).",
    ]);
  });

  it("says when the alarm watches the right metric name in the wrong namespace", () => {
    const c = chain();
    const alarm = aws.alarm("unauthorized", c.topic, { namespace: "LogMetrics" });
    const [message] = messages(verdict(resources({ ...c, alarm })).violations);
    assert.match(
      message,
      /but no alarm watches it; alarm 'unauthorized' watches LogMetrics\/AuthorizationFailureCount instead: the namespace differs \(set its namespace to "CloudTrailMetrics"\) \(add an aws\.cloudwatch\.MetricAlarm/,
    );
  });

  it("says when the alarm watches the metric name in other letter case", () => {
    const c = chain();
    const alarm = aws.alarm("unauthorized", c.topic, { metricName: "authorizationFailureCount" });
    const [message] = messages(verdict(resources({ ...c, alarm })).violations);
    assert.match(
      message,
      /alarm 'unauthorized' watches CloudTrailMetrics\/authorizationFailureCount instead: the letter case differs \(set its metricName to "AuthorizationFailureCount"\)/,
    );
  });

  it("accepts an alarm that watches the metric inside metric math (metricQueries)", () => {
    const c = chain();
    const alarm = aws.alarm("unauthorized", c.topic, {
      namespace: undefined,
      metricName: undefined,
      statistic: undefined,
      period: undefined,
      metricQueries: [
        {
          id: "m1",
          metric: {
            namespace: "CloudTrailMetrics",
            metricName: "AuthorizationFailureCount",
            stat: "Sum",
            period: 300,
          },
        },
        { id: "e1", expression: "m1", returnData: true },
      ],
    });
    assert.deepEqual(verdict(resources({ ...c, alarm })).violations, []);
  });
});
