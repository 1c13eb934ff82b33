import { strict as assert } from "assert";
import { RawResource } from "../../../policy/stack";
import {
  aws,
  chain,
  messages,
  NOT_MONITORED,
  PATTERN,
  resources,
  UNKNOWN,
  UNVERIFIABLE,
  verdict,
} from "../builders";

describe("a first preview, with values known only after deployment", () => {
  it("links through dependencies in a first preview, when names and ARNs are unknown", () => {
    const c = chain();
    const unknownValues = (r: RawResource, keys: string[]) => ({
      ...r,
      props: { ...r.props, ...Object.fromEntries(keys.map((k) => [k, UNKNOWN])) },
    });
    const v = verdict([
      unknownValues(c.logGroup, ["name"]),
      unknownValues(c.trail, ["cloudWatchLogsGroupArn"]),
      unknownValues(c.filter, ["logGroupName"]),
      unknownValues(c.alarm, ["alarmActions"]),
      unknownValues(c.topic, ["arn"]),
      unknownValues(c.subscription, ["topic"]),
    ]);
    assert.deepEqual(v, { applies: true, violations: [], notes: [], alarms: v.alarms });
    assert.equal(v.alarms.length, 1);
  });

  it("says a trail cannot be verified until deployment when its filter's pattern is computed, and blocks nothing", () => {
    const c = chain();
    const filter = { ...c.filter, props: { ...c.filter.props, pattern: UNKNOWN } };
    const v = verdict(resources({ ...c, filter }));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit': ${UNVERIFIABLE}: the pattern of metric filter ` +
        "'unauthorized' is computed at deployment.",
    ]);
  });

  it("says so when a trail's own settings are unknown, even though its chain is complete", () => {
    const c = chain();
    const trail = { ...c.trail, props: { ...c.trail.props, isMultiRegionTrail: UNKNOWN } };
    const v = verdict(resources({ ...c, trail }));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit': ${UNVERIFIABLE}: its isMultiRegionTrail is known only after deployment.`,
    ]);
  });

  it("blocks nothing while another trail may still turn out monitored", () => {
    const c = chain();
    const elsewhere = aws.logGroup("other-logs");
    const pending = aws.trail("pending", undefined, { cloudWatchLogsGroupArn: UNKNOWN });
    const v = verdict(resources({ ...c, filter: aws.filter("unauthorized", elsewhere) }, elsewhere, pending));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit' ${NOT_MONITORED}: it delivers to log group 'audit-logs', but no metric filter is on that log ` +
        `group (add an aws.cloudwatch.LogMetricFilter on it with the pattern ${PATTERN}); metric filter ` +
        "'unauthorized' has the right pattern but is on log group 'other-logs'; the trail delivers to 'audit-logs'.",
      `Trail 'pending': ${UNVERIFIABLE}: its cloudWatchLogsGroupArn is known only after deployment; whether metric ` +
        "filter 'unauthorized' is on the trail's log group is known only after deployment.",
    ]);
  });

  it("judges every link it can: an alarm that notifies nobody fails whatever metric it turns out to watch", () => {
    const c = chain();
    const alarm = aws.alarm("unauthorized", undefined, { metricName: UNKNOWN });
    assert.deepEqual(messages(verdict(resources({ ...c, alarm })).violations), [
      `Trail 'audit' ${NOT_MONITORED}: alarm 'unauthorized' notifies nobody: it has no alarm actions (add an SNS topic ARN to alarmActions).`,
    ]);
    const disabled = aws.alarm("unauthorized", c.topic, { metricName: UNKNOWN, actionsEnabled: false });
    assert.match(
      messages(verdict(resources({ ...c, alarm: disabled })).violations)[0],
      /alarm 'unauthorized' has its actions disabled/,
    );
    const fine = aws.alarm("unauthorized", c.topic, { metricName: UNKNOWN });
    const v = verdict(resources({ ...c, alarm: fine }));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit': ${UNVERIFIABLE}: the metric alarm 'unauthorized' watches is known only after deployment.`,
    ]);
  });
});
