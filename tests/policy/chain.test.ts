import { strict as assert } from "assert";
import { checkControl, DEFAULT_CHAIN_OPTIONS } from "../../policy/rules/chain";
import { RawResource, StackIndex } from "../../policy/stack";
import {
  aws,
  chain,
  CIS_ALARM,
  control,
  messages,
  resource,
  resources,
  uniquely,
  UNKNOWN,
  verdict,
} from "./builders";

const PATTERN = control.patterns["security-hub"];
const NOT_MONITORED =
  "is not monitored for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2)";
const UNVERIFIABLE =
  "monitoring for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2) cannot be verified until deployment";

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
    assert.deepEqual(verdict(resources(rest)), { applies: false, violations: [], notes: [], alarms: [] });
  });

  it("names the trail and the missing filter when the log group has none", () => {
    const v = verdict(resources({ ...chain(), filter: undefined }));
    assert.deepEqual(messages(v.violations), [
      `Trail 'audit' ${NOT_MONITORED}: it delivers to log group 'audit-logs', ` +
        `but no metric filter is on that log group (add an aws.cloudwatch.LogMetricFilter on it with the pattern ${PATTERN}).`,
    ]);
    assert.equal(v.violations[0].urn, chain().trail.urn);
  });

  it("names the filter and why its pattern does not catch unauthorized calls", () => {
    const c = chain();
    const filter = aws.filter("unauthorized", c.logGroup, { pattern: '{ $.errorCode = "AccessDenied" }' });
    assert.deepEqual(messages(verdict(resources({ ...c, filter })).violations), [
      `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' misses EC2 RunInstances refused with ` +
        "Client.UnauthorizedOperation; EC2 call refused with a bare UnauthorizedOperation; KMS Decrypt refused " +
        `with AccessDeniedException and 1 more (use the pattern ${PATTERN}).`,
    ]);
  });

  it("does not count a filter on another log group", () => {
    const c = chain();
    const other = aws.logGroup("app-logs");
    const v = verdict(resources({ ...c, filter: aws.filter("unauthorized", other) }, other));
    assert.equal(
      messages(v.violations)[0],
      `Trail 'audit' ${NOT_MONITORED}: it delivers to log group 'audit-logs', but no metric filter is on that log ` +
        `group (add an aws.cloudwatch.LogMetricFilter on it with the pattern ${PATTERN}); metric filter ` +
        "'unauthorized' has the right pattern but is on log group 'app-logs'; the trail delivers to 'audit-logs'.",
    );
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
      `Trail 'audit' ${NOT_MONITORED}: topic 'security-alerts' of alarm 'unauthorized' has no ` +
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

  it("leads with the filter closest to the control when several are on the log group", () => {
    const c = chain();
    const far = aws.filter("bare", c.logGroup, { pattern: '{ $.errorCode = "UnauthorizedOperation" }' });
    const near = aws.filter("denied", c.logGroup, { pattern: '{ $.errorCode = "AccessDenied*" }' });
    const other = aws.filter("root", c.logGroup, { pattern: '{ $.userIdentity.type = "Root" }' });
    const [message] = messages(verdict(resources({ ...c, filter: far }, near, other)).violations);
    const lines = message.split("\n- ");
    assert.equal(lines.length, 3, "a filter for another control is no alternative");
    assert.match(lines[1], /^metric filter 'denied' misses EC2 RunInstances/);
    assert.match(lines[2], /^metric filter 'bare' misses EC2 RunInstances/);
  });

  it("passes a filter that catches more than the control, with an advisory on the filter", () => {
    const root = {
      ...control,
      id: "root",
      catches: "root account usage",
      securityHub: undefined,
      patterns: {
        "security-hub": '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS}',
        "cis-latest": '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS}',
      },
      samples: { mustMatch: [], mustNotMatch: [] },
    };
    const c = chain();
    const filter = aws.filter("root", c.logGroup, { pattern: '{ $.userIdentity.type = "Root" }' });
    const index = new StackIndex(resources({ ...c, filter }));
    const v = checkControl(index, root, DEFAULT_CHAIN_OPTIONS);
    assert.deepEqual(v.violations, []);
    assert.deepEqual(v.notes, [
      {
        message:
          "Metric filter 'root' catches every event of root account usage (CIS 3.1/4.1/5.1), and more: " +
          '$.userIdentity.invokedBy exists (otherwise $.userIdentity.type = "Root"), which the control leaves out; ' +
          "its alarm will fire more often than needed.",
        urn: filter.urn,
      },
    ]);
  });

  it("with requireSecurityHubPattern, names a filter that is right in other words and the exact string", () => {
    const c = chain();
    const filter = aws.filter("unauthorized", c.logGroup, { pattern: control.patterns["cis-latest"] });
    assert.deepEqual(verdict(resources({ ...c, filter })).violations, []);
    assert.deepEqual(
      messages(verdict(resources({ ...c, filter }), { requireSecurityHubPattern: true }).violations),
      [
        `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' is not the exact pattern Security Hub ` +
          `CloudWatch.2 requires (${PATTERN}).`,
      ],
    );
  });

  it("lists each alarm of many chains sharing one metric once", () => {
    const chains = Array.from({ length: 300 }, (_, i) => resources(chain()).map((r) => uniquely(r, `c${i}`)));
    const v = verdict(chains.flat());
    assert.deepEqual(v.violations, []);
    assert.equal(v.alarms.length, 300);
    assert.equal(new Set(v.alarms.map((a) => a.alarm.urn)).size, 300);
  });

  it("reports each of thousands of trails once, in a message of its own size", () => {
    const stack: RawResource[] = [aws.topic("t"), aws.subscription("s", aws.topic("t"))];
    for (let i = 0; i < 2000; i++) {
      const logGroup = aws.logGroup("cloudtrail-logs");
      const own = { ...logGroup, urn: `${logGroup.urn}-${i}` };
      stack.push(own, { ...aws.trail(`trail-${i}`, own), urn: `urn:trail-${i}` });
      stack.push({ ...aws.filter(`f-${i}`, own), urn: `urn:f-${i}` });
    }
    const v = verdict(stack);
    assert.equal(v.violations.length, 2000);
    assert.ok(v.violations.every((f) => f.message.length < 600));
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
