import { strict as assert } from "assert";
import { chain, Chain, messages, resources, through, uniquely, UNKNOWN, verdict } from "./builders";

/** Every part of a chain created through the provider of one region (and account). */
function chainIn(region: string, roleArn?: string): Chain {
  const parts = chain();
  const arn = String(parts.trail.props.cloudWatchLogsGroupArn).replace("us-east-1", region);
  const trail = { ...parts.trail, props: { ...parts.trail.props, cloudWatchLogsGroupArn: arn } };
  return Object.fromEntries(
    Object.entries({ ...parts, trail }).map(([k, r]) => [k, through(r, region, roleArn)]),
  ) as unknown as Chain;
}

describe("links within one region and one account", () => {
  it("passes a chain whose resources are all in one region", () => {
    assert.deepEqual(verdict(resources(chainIn("eu-west-1"))).violations, []);
  });

  it("fails an alarm in another region than the metric filter, naming both regions", () => {
    const c = chainIn("us-east-1");
    const alarm = through(c.alarm, "eu-west-1");
    assert.deepEqual(messages(verdict(resources({ ...c, alarm })).violations), [
      "Trail 'audit' is not monitored for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2): " +
        "metric filter 'unauthorized' publishes metric CloudTrailMetrics/AuthorizationFailureCount, but no alarm watches it; " +
        "alarm 'unauthorized' (eu-west-1) watches CloudTrailMetrics/AuthorizationFailureCount, but the metric filter " +
        'publishes it in us-east-1 (add an aws.cloudwatch.MetricAlarm with namespace "CloudTrailMetrics", metricName ' +
        '"AuthorizationFailureCount", statistic Sum, threshold 1, comparisonOperator GreaterThanOrEqualToThreshold, ' +
        "period 300 and an SNS topic in alarmActions).",
    ]);
  });

  it("fails an alarm whose topic is in another region, since CloudWatch acts only in the alarm's region", () => {
    const c = chainIn("us-east-1");
    const topic = through(c.topic, "eu-west-1");
    assert.match(
      messages(verdict(resources({ ...c, topic })).violations)[0],
      /: topic 'security-alerts' of alarm 'unauthorized' is in eu-west-1, but alarm 'unauthorized' is in us-east-1 and CloudWatch alarm actions must be in the alarm's region\.$/,
    );
  });

  it("does not link a filter in another account, even on a log group of the same name", () => {
    const c = chainIn("us-east-1", "arn:aws:iam::111122223333:role/deploy");
    const filter = through(
      { ...c.filter, propertyDependencies: {}, dependencies: [] },
      "us-east-1",
      "arn:aws:iam::444455556666:role/deploy",
    );
    assert.match(
      messages(verdict(resources({ ...c, filter })).violations)[0],
      /no metric filter is on that log group .*; metric filter 'unauthorized' has the right pattern but is on log group 'audit-logs' in us-east-1, account 444455556666; the trail delivers to 'audit-logs' in us-east-1, account 111122223333\.$/,
    );
  });

  it("gives an advisory, not a violation, when a provider's region is known only after deployment", () => {
    const c = chainIn("us-east-1");
    const alarm = through(c.alarm, UNKNOWN);
    const v = verdict(resources({ ...c, alarm }));
    assert.deepEqual(v.violations, []);
    assert.match(
      messages(v.notes)[0],
      /cannot be verified until deployment: the metric alarm 'unauthorized' watches is known only after deployment/,
    );
  });

  it("passes two regions that are each fully monitored, each with its own trail", () => {
    const east = resources(chainIn("us-east-1"));
    const west = resources(chainIn("eu-west-1")).map((r) => uniquely(r, "west"));
    assert.deepEqual(verdict([...east, ...west]).violations, []);
  });

  it("fails a region whose trail is not monitored, though another region's is", () => {
    const east = resources(chainIn("us-east-1"));
    const west = resources(chainIn("eu-west-1"))
      .filter((r) => !r.type.includes("MetricAlarm"))
      .map((r) => uniquely(r, "west"));
    const v = verdict([...east, ...west]);
    assert.deepEqual(
      v.violations.map((f) => f.urn),
      [`${chain().trail.urn}::west`],
    );
    assert.match(
      v.violations[0].message,
      /publishes metric CloudTrailMetrics\/AuthorizationFailureCount, but no alarm watches it/,
    );
  });
});
