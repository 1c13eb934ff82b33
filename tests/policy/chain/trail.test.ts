import { strict as assert } from "assert";
import { aws, chain, messages, NOT_MONITORED, resources, verdict } from "../builders";

describe("step 1, the trail", () => {
  it("reports every trail once, with every broken link, when none is monitored", () => {
    const c = chain();
    const regional = aws.trail("regional", c.logGroup, { isMultiRegionTrail: false, enableLogging: false });
    const dataOnly = aws.trail("data-events", undefined, {
      includeGlobalServiceEvents: false,
      eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true }],
    });
    const v = verdict(resources({ ...c, trail: regional, alarm: undefined }, dataOnly));
    assert.deepEqual(messages(v.violations), [
      `Trail 'regional' ${NOT_MONITORED}:` +
        "\n- it is not multi-region (set isMultiRegionTrail: true)" +
        "\n- it does not log (set enableLogging: true)" +
        "\n- metric filter 'unauthorized' publishes metric CloudTrailMetrics/AuthorizationFailureCount, but no alarm " +
        'watches it (add an aws.cloudwatch.MetricAlarm with namespace "CloudTrailMetrics", metricName ' +
        '"AuthorizationFailureCount", statistic Sum, threshold 1, comparisonOperator GreaterThanOrEqualToThreshold, ' +
        "period 300 and an SNS topic in alarmActions)",
      `Trail 'data-events' ${NOT_MONITORED}:` +
        "\n- it leaves out global service events such as IAM and STS (set includeGlobalServiceEvents: true)" +
        "\n- it records only write management events (record all: readWriteType All, or no event selectors)" +
        "\n- it does not deliver to CloudWatch Logs (set cloudWatchLogsGroupArn to a log group ARN)",
    ]);
    assert.deepEqual(
      v.violations.map((f) => f.urn),
      [regional.urn, dataOnly.urn],
    );
  });

  it("flags a log group ARN without the ':*' suffix CloudTrail requires", () => {
    const c = chain();
    const trail = aws.trail("audit", c.logGroup, {
      cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:audit-logs",
    });
    assert.deepEqual(messages(verdict(resources({ ...c, trail })).violations), [
      `Trail 'audit' ${NOT_MONITORED}: it names its log group as arn:aws:logs:us-east-1:111122223333:log-group:audit-logs, ` +
        "without the ':*' suffix CloudTrail requires (set cloudWatchLogsGroupArn to the log group ARN followed by \":*\").",
    ]);
  });

  it("counts a log group ARN that names no log group as not delivering", () => {
    const c = chain();
    const trail = aws.trail("audit", undefined, { cloudWatchLogsGroupArn: "" });
    assert.match(
      messages(verdict(resources({ ...c, trail })).violations)[0],
      /: it does not deliver to CloudWatch Logs \(set cloudWatchLogsGroupArn to a log group ARN\)\.$/,
    );
  });

  it("needs only one monitored trail: other trails, such as data-event trails, pass unmonitored", () => {
    const other = aws.trail("data-events", aws.logGroup("data-logs"));
    assert.deepEqual(verdict(resources(chain(), other)).violations, []);
  });

  it("skips exempted trails, by resource name or trail name", () => {
    const c = chain();
    assert.deepEqual(
      verdict(resources({ ...c, filter: undefined }), { exemptTrailNames: ["audit"] }).violations,
      [],
    );
  });

  it("accepts advanced event selectors on management events without a readOnly filter", () => {
    const c = chain();
    const selectors = (fieldSelectors: object[]) => [{ name: "mgmt", fieldSelectors }];
    const all = aws.trail("audit", c.logGroup, {
      advancedEventSelectors: selectors([{ field: "eventCategory", equals: ["Management"] }]),
    });
    assert.deepEqual(verdict(resources({ ...c, trail: all })).violations, []);
    const writes = aws.trail("audit", c.logGroup, {
      advancedEventSelectors: selectors([
        { field: "eventCategory", equals: ["Management"] },
        { field: "readOnly", equals: ["false"] },
      ]),
    });
    assert.match(
      messages(verdict(resources({ ...c, trail: writes })).violations)[0],
      /records only write management events/,
    );
  });
});
