import { strict as assert } from "assert";
import { aws, chain, CIS_ALARM, control, messages, resource, resources, UNKNOWN, verdict } from "../builders";

describe("the chain as a whole: trail → log group → metric filter → metric → alarm → topic → people", () => {
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
