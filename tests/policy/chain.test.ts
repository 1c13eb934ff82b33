import { strict as assert } from "assert";
import { checkControl, DEFAULT_CHAIN_OPTIONS, ChainOptions } from "../../policy/rules/chain";
import { RawResource, StackIndex } from "../../policy/stack";
import { aws, chain, CIS_ALARM, control, resource, resources, UNKNOWN } from "./builders";

function verdict(stack: RawResource[], options: Partial<ChainOptions> = {}) {
  return checkControl(new StackIndex(stack), control, { ...DEFAULT_CHAIN_OPTIONS, ...options });
}
const messages = (findings: { message: string }[]) => findings.map((f) => f.message);

const PATTERN = control.patterns["security-hub"];

describe("the unauthorized-API-calls rule, link by link", () => {
  it("passes a complete chain: trail → log group → filter → metric → alarm → topic → subscription", () => {
    const v = verdict(resources(chain()));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(v.notes, []);
    assert.deepEqual(
      v.alarms.map((a) => a.alarm.name),
      ["unauthorized"],
    );
  });

  it("reports nothing for a stack without trails", () => {
    const { trail, ...rest } = chain();
    assert.ok(trail);
    assert.deepEqual(verdict(resources(rest)), { violations: [], notes: [], alarms: [] });
  });

  it("names the trail and the missing filter when the log group has none", () => {
    const v = verdict(resources({ ...chain(), filter: undefined }));
    assert.deepEqual(messages(v.violations), [
      `Trail 'audit' is not monitored for unauthorized API calls: it delivers to log group 'audit-logs', ` +
        `but no metric filter is on that log group (add an aws.cloudwatch.LogMetricFilter on it with the pattern ${PATTERN}).`,
    ]);
    assert.equal(v.violations[0].urn, chain().trail.urn);
  });

  it("names the filter and why its pattern does not catch unauthorized calls", () => {
    const c = chain();
    const filter = aws.filter("unauthorized", c.logGroup, { pattern: '{ $.errorCode = "AccessDenied" }' });
    assert.deepEqual(messages(verdict(resources({ ...c, filter })).violations), [
      `Trail 'audit' is not monitored for unauthorized API calls: it delivers to log group 'audit-logs', but no metric filter there ` +
        `catches unauthorized API calls: metric filter 'unauthorized' misses EC2 RunInstances refused with Client.UnauthorizedOperation; ` +
        `misses EC2 call refused with a bare UnauthorizedOperation; misses KMS Decrypt refused with AccessDeniedException ` +
        `(use the pattern ${PATTERN}).`,
    ]);
  });

  it("does not count a filter on another log group", () => {
    const c = chain();
    const other = aws.logGroup("app-logs");
    const v = verdict(resources({ ...c, filter: aws.filter("unauthorized", other) }, other));
    assert.match(messages(v.violations)[0], /no metric filter is on that log group/);
  });

  it("links a filter to the trail's log group by name when no dependency says so", () => {
    const c = chain();
    const filter = { ...c.filter, propertyDependencies: {}, dependencies: [] };
    assert.deepEqual(verdict(resources({ ...c, filter })).violations, []);
  });

  it("accepts a trail delivering to a log group outside the stack, matched by name", () => {
    const c = chain();
    const trail = aws.trail("audit", undefined, {
      cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:org/trail:*",
    });
    const filter = resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", "f", {
      ...c.filter.props,
      logGroupName: "org/trail",
    });
    assert.deepEqual(verdict(resources({ ...c, logGroup: undefined, trail, filter })).violations, []);
  });

  it("names the missing alarm with the metric to watch", () => {
    const v = verdict(resources({ ...chain(), alarm: undefined }));
    assert.deepEqual(messages(v.violations), [
      "Trail 'audit' is not monitored for unauthorized API calls: metric filter 'unauthorized' publishes metric " +
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
      /but no alarm watches it; alarm 'unauthorized' watches AuthorizationFailureCount in namespace 'LogMetrics' instead, which this filter does not publish to \(set its namespace to "CloudTrailMetrics"\)/,
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

  it("fails an alarm with actions disabled, or without actions", () => {
    const c = chain();
    const disabled = aws.alarm("unauthorized", c.topic, { actionsEnabled: false });
    assert.match(
      messages(verdict(resources({ ...c, alarm: disabled })).violations)[0],
      /alarm 'unauthorized' has its actions disabled \(set actionsEnabled: true\)\.$/,
    );
    const silent = aws.alarm("unauthorized", undefined);
    assert.match(
      messages(verdict(resources({ ...c, alarm: silent })).violations)[0],
      /alarm 'unauthorized' notifies nobody: it has no alarm actions/,
    );
  });

  it("fails a topic in the stack that nobody subscribes to", () => {
    const v = verdict(resources({ ...chain(), subscription: undefined }));
    assert.deepEqual(messages(v.violations), [
      "Trail 'audit' is not monitored for unauthorized API calls: topic 'security-alerts' of alarm 'unauthorized' has no " +
        "subscription in this stack (add an aws.sns.TopicSubscription).",
    ]);
  });

  it("accepts a topic given only by ARN with an advisory note, unless configured not to", () => {
    const c = chain();
    const arn = "arn:aws:sns:us-east-1:999999999999:org-alerts";
    const alarm = aws.alarm("unauthorized", undefined, { alarmActions: [arn] });
    const accepted = verdict(resources({ ...c, alarm, topic: undefined, subscription: undefined }));
    assert.deepEqual(accepted.violations, []);
    assert.deepEqual(messages(accepted.notes), [
      `alarm 'unauthorized' notifies topic ${arn}, defined outside this stack: make sure it has confirmed subscriptions`,
    ]);
    const refused = verdict(resources({ ...c, alarm, topic: undefined, subscription: undefined }), {
      allowTopicArnOnly: false,
    });
    assert.match(
      messages(refused.violations)[0],
      /defined outside this stack, and allowTopicArnOnly is false\.$/,
    );
  });

  it("lists every trail and what each lacks when none qualifies", () => {
    const c = chain();
    const regional = aws.trail("regional", c.logGroup, { isMultiRegionTrail: false, enableLogging: false });
    const dataOnly = aws.trail("data-events", undefined, {
      includeGlobalServiceEvents: false,
      eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true }],
    });
    const v = verdict(resources({ ...c, trail: regional }, dataOnly));
    assert.deepEqual(messages(v.violations), [
      "No trail in this stack can be monitored for unauthorized API calls: a trail must be multi-region, logging, include " +
        "global service events, record all management events and deliver to CloudWatch Logs." +
        "\n- trail 'regional' is not multi-region (set isMultiRegionTrail: true); does not log (set enableLogging: true)" +
        "\n- trail 'data-events' leaves out global service events such as IAM and STS (set includeGlobalServiceEvents: true); " +
        "records only write management events (record all: readWriteType All, or no event selectors); " +
        "does not deliver to CloudWatch Logs (set cloudWatchLogsGroupArn to a log group ARN)",
    ]);
  });

  it("counts a log group ARN that names no log group as not delivering", () => {
    const c = chain();
    const trail = aws.trail("audit", undefined, { cloudWatchLogsGroupArn: "" });
    assert.match(
      messages(verdict(resources({ ...c, trail })).violations)[0],
      /trail 'audit' does not deliver to CloudWatch Logs/,
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
    assert.deepEqual(v, { violations: [], notes: [], alarms: v.alarms });
    assert.equal(v.alarms.length, 1);
  });

  it("says a trail cannot be verified until deployment when its filter's pattern is computed, and blocks nothing", () => {
    const c = chain();
    const filter = { ...c.filter, props: { ...c.filter.props, pattern: UNKNOWN } };
    const v = verdict(resources({ ...c, filter }));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(messages(v.notes), [
      "Trail 'audit': monitoring for unauthorized API calls cannot be verified until deployment: the pattern of metric filter " +
        "'unauthorized' is computed at deployment.",
    ]);
  });

  it("says so when a trail's own settings are unknown, even though its chain is complete", () => {
    const c = chain();
    const trail = { ...c.trail, props: { ...c.trail.props, isMultiRegionTrail: UNKNOWN } };
    const v = verdict(resources({ ...c, trail }));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(messages(v.notes), [
      "Trail 'audit': monitoring for unauthorized API calls cannot be verified until deployment: its isMultiRegionTrail is known only after deployment.",
    ]);
  });

  it("blocks nothing while another trail may still turn out monitored", () => {
    const c = chain();
    const pending = aws.trail("pending", undefined, { cloudWatchLogsGroupArn: UNKNOWN });
    const v = verdict(resources({ ...c, alarm: undefined }, pending));
    assert.deepEqual(v.violations, []);
    assert.deepEqual(messages(v.notes), [
      "Trail 'audit' is not monitored for unauthorized API calls: metric filter 'unauthorized' publishes metric " +
        "CloudTrailMetrics/AuthorizationFailureCount, but no alarm watches it (add an aws.cloudwatch.MetricAlarm with " +
        'namespace "CloudTrailMetrics", metricName "AuthorizationFailureCount", statistic Sum, threshold 1, ' +
        "comparisonOperator GreaterThanOrEqualToThreshold, period 300 and an SNS topic in alarmActions).",
      "Trail 'pending': monitoring for unauthorized API calls cannot be verified until deployment: whether metric " +
        "filter 'unauthorized' is on the trail's log group is known only after deployment.",
    ]);
  });

  it("recognises @pulumi/aws-native resources, in any mix with @pulumi/aws", () => {
    const logGroup = resource("aws-native:logs:LogGroup", "audit-logs", { logGroupName: "audit-logs" });
    const trail = resource(
      "aws-native:cloudtrail:Trail",
      "audit",
      {
        isLogging: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        cloudWatchLogsLogGroupArn: UNKNOWN,
      },
      { cloudWatchLogsLogGroupArn: [logGroup] },
    );
    const filter = resource("aws-native:logs:MetricFilter", "unauthorized", {
      logGroupName: "audit-logs",
      filterPattern: control.patterns["cis-latest"],
      metricTransformations: [
        { metricNamespace: "CloudTrailMetrics", metricName: "AuthorizationFailureCount", metricValue: "1" },
      ],
    });
    const topic = resource("aws-native:sns:Topic", "alerts", {
      subscription: [{ protocol: "email", endpoint: "a@example.com" }],
    });
    const alarm = resource(
      "aws-native:cloudwatch:Alarm",
      "unauthorized",
      {
        ...CIS_ALARM,
        alarmActions: [UNKNOWN],
      },
      { alarmActions: [topic] },
    );
    assert.deepEqual(verdict([logGroup, trail, filter, topic, alarm]).violations, []);
    const notLogging = { ...trail, props: { ...trail.props, isLogging: false } };
    assert.match(
      messages(verdict([logGroup, notLogging, filter, topic, alarm]).violations)[0],
      /does not log \(set isLogging: true\)/,
    );
    const mixed = [
      logGroup,
      trail,
      filter,
      aws.topic("t"),
      aws.alarm("a", aws.topic("t")),
      aws.subscription("s", aws.topic("t")),
    ];
    assert.deepEqual(verdict(mixed).violations, []);
  });
});
