import { strict as assert } from "assert";
import { CONTROLS, referenceText } from "../../policy/catalog";
import { UNKNOWN_TEXT } from "../../lib/pulumi/property-values";
import { insightsFilter } from "../../infra/flow/insights-filter";
import {
  alarmSettings,
  dashboardWidgets,
  doc,
  onBucket,
  ProgramRun,
  runProgram,
  T,
} from "../helpers/program";

/** The Logs Insights query for the events `pattern` matches, newest first, its lines joined by `separator`. */
function expectedQuery(pattern: string, separator: string): string {
  return [
    "fields @timestamp, userIdentity.arn, eventSource, eventName, errorCode, sourceIPAddress, awsRegion",
    `| filter ${insightsFilter(pattern)}`,
    "| sort @timestamp desc",
    "| limit 100",
  ].join(separator);
}

describe("the program with the dev stack's config", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram();
    assert.equal(run.error, undefined);
  });

  it("creates a multi-region trail recording all management events, validated, encrypted and logging", () => {
    const trail = run.one(T.trail).inputs;
    assert.equal(trail.isMultiRegionTrail, true);
    assert.equal(trail.includeGlobalServiceEvents, true);
    assert.equal(trail.enableLogFileValidation, true);
    assert.equal(trail.enableLogging, true);
    assert.deepEqual(trail.eventSelectors, [{ readWriteType: "All", includeManagementEvents: true }]);
    const trailKey = run.ofType(T.key).find((k) => k.name.endsWith("-trail-key"))!;
    assert.deepEqual(run.one(T.trail).propertyDependencies.kmsKeyId, [trailKey.urn]);
    assert.equal(trailKey.inputs.enableKeyRotation, true);
  });

  /**
   * Checks the bucket named `name` is private: all public access blocked, ACLs off, encrypted by
   * default with `sseAlgorithm`, TLS only. Returns the statements its policy allows.
   */
  function privateBucket(name: string, sseAlgorithm: string): Record<string, unknown>[] {
    const bucket = run.ofType(T.bucket).find((b) => b.name === name)!;
    const on = (type: string) => onBucket(run, bucket, type).inputs;
    assert.deepEqual(
      [true, true, true, true],
      ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].map(
        (k) => on(T.publicAccessBlock)[k],
      ),
    );
    assert.deepEqual(on(T.ownership).rule, { objectOwnership: "BucketOwnerEnforced" });
    const [rule] = on(T.encryption).rules as {
      applyServerSideEncryptionByDefault: { sseAlgorithm: string };
    }[];
    assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, sseAlgorithm);

    const statements = doc(onBucket(run, bucket, T.bucketPolicy)).Statement;
    const denyTls = statements.find((s) => s.Effect === "Deny")!;
    assert.deepEqual(denyTls.Condition, { Bool: { "aws:SecureTransport": "false" } });
    return statements.filter((s) => s.Effect === "Allow");
  }

  it("stores the trail in a private, owner-enforced, KMS-encrypted bucket only this trail may write to", () => {
    const allows = privateBucket("cis-monitoring-dev-trail-bucket", "aws:kms");
    const trailArn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/cis-monitoring-dev";
    assert.deepEqual(
      allows.map((s) => [
        s.Action,
        (s.Condition as { StringEquals: Record<string, string> }).StringEquals["aws:SourceArn"],
      ]),
      [
        ["s3:GetBucketAcl", trailArn],
        ["s3:PutObject", trailArn],
      ],
    );
  });

  it("logs access to the trail bucket in a private, SSE-S3 bucket only S3 logging from that bucket may write to", () => {
    const trailBucket = run.ofType(T.bucket).find((b) => b.name === "cis-monitoring-dev-trail-bucket")!;
    const logBucket = run.ofType(T.bucket).find((b) => b.name === "cis-monitoring-dev-access-logs")!;
    const logging = onBucket(run, trailBucket, T.bucketLogging);
    assert.deepEqual(logging.propertyDependencies.targetBucket, [logBucket.urn]);
    assert.equal(logging.inputs.targetBucket, "cis-monitoring-dev-access-logs-0a1b2c3");
    assert.equal(logging.inputs.targetPrefix, "trail-bucket/");
    assert.equal(logging.inputs.targetGrants, undefined, "ACLs are off: the bucket policy grants delivery");

    // S3 delivers server access logs only to buckets encrypted with S3-managed keys (SSE-S3).
    const [allow] = privateBucket("cis-monitoring-dev-access-logs", "AES256");
    assert.deepEqual(allow, {
      Sid: "S3LogsTrailBucketAccess",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::cis-monitoring-dev-access-logs-0a1b2c3/trail-bucket/*",
      Condition: {
        ArnLike: { "aws:SourceArn": "arn:aws:s3:::cis-monitoring-dev-trail-bucket-0a1b2c3" },
        StringEquals: { "aws:SourceAccount": "123456789012" },
      },
    });
    assert.ok(logging.dependencies.includes(onBucket(run, logBucket, T.bucketPolicy).urn));
  });

  it("delivers the trail to a log group kept 365 days, through a role limited to that group", () => {
    const logGroup = run.named(T.logGroup, "trail-logs");
    assert.equal(logGroup.inputs.retentionInDays, 365);
    const trail = run.one(T.trail);
    assert.deepEqual(trail.propertyDependencies.cloudWatchLogsGroupArn, [logGroup.urn]);
    assert.match(
      trail.inputs.cloudWatchLogsGroupArn as string,
      /:log-group:cis-monitoring-dev-trail-logs-\w+:\*$/,
    );

    const logGroupArn = (trail.inputs.cloudWatchLogsGroupArn as string).replace(/:\*$/, "");
    assert.deepEqual(doc(run.named(T.rolePolicy, "trail-delivery")).Statement, [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${logGroupArn}:log-stream:*`,
      },
    ]);
    const trust = doc(run.named(T.role, "trail-delivery"), "assumeRolePolicy").Statement[0];
    assert.deepEqual(trust.Principal, { Service: "cloudtrail.amazonaws.com" });
  });

  it("filters the trail's log group once per control, with its security-hub pattern, into a 0-or-1 count of its metric", () => {
    assert.equal(run.ofType(T.filter).length, CONTROLS.length);
    for (const control of CONTROLS) {
      const filter = run.ofControl(T.filter, control.id);
      assert.equal(filter.inputs.pattern, control.patterns["security-hub"], control.id);
      assert.deepEqual(filter.propertyDependencies.logGroupName, [run.named(T.logGroup, "trail-logs").urn]);
      assert.deepEqual(filter.inputs.metricTransformation, {
        namespace: "CloudTrailMetrics",
        name: control.metricName,
        value: "1",
        defaultValue: "0",
        unit: "Count",
      });
    }
  });

  it("alarms once per control on exactly its filter's metric: Sum over 300 s, >= 1, one period, missing data not breaching", () => {
    // And the delivery alarm on the log group itself.
    assert.equal(run.ofType(T.alarm).length, CONTROLS.length + 1);
    for (const control of CONTROLS) {
      const alarm = run.ofControl(T.alarm, control.id);
      const filter = run.ofControl(T.filter, control.id);
      const metric = filter.inputs.metricTransformation as Record<string, string>;
      assert.deepEqual([alarm.inputs.namespace, alarm.inputs.metricName], [metric.namespace, metric.name]);
      assert.ok(alarm.dependencies.includes(filter.urn), `${control.id}: the alarm waits for its filter`);
      assert.equal(alarm.inputs.alarmDescription, `${control.title} (${referenceText(control)})`);
      assert.deepEqual(alarmSettings(alarm), {
        statistic: "Sum",
        period: 300,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
        actionsEnabled: true,
      });
    }
    // The control beyond CIS says so where the others give their numbers.
    assert.equal(
      run.ofControl(T.alarm, "monitoring-changes").inputs.alarmDescription,
      "Monitoring changes (beyond the CIS AWS Foundations Benchmark; no AWS Security Hub control)",
    );
  });

  it("alarms when the trail's log group receives no events for an hour, missing data breaching, and says when events arrive again", () => {
    const alarm = run.named(T.alarm, "delivery-alarm");
    const logGroup = run.named(T.logGroup, "trail-logs");
    assert.deepEqual(
      [alarm.inputs.namespace, alarm.inputs.metricName, Object.keys(alarm.inputs.dimensions as object)],
      ["AWS/Logs", "IncomingLogEvents", ["LogGroupName"]],
    );
    assert.deepEqual(alarm.propertyDependencies.dimensions, [logGroup.urn]);
    assert.deepEqual(alarmSettings(alarm), {
      statistic: "Sum",
      period: 3600,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      evaluationPeriods: 1,
      datapointsToAlarm: undefined,
      treatMissingData: "breaching",
      actionsEnabled: undefined,
    });
    const topicArn = run.one(T.topicPolicy).inputs.arn;
    assert.deepEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[topicArn], [topicArn]]);
  });

  it("notifies one SNS topic, from every alarm, encrypted with a customer-managed key that CloudWatch alarms may use", () => {
    const topic = run.one(T.topic);
    const topicKey = run.ofType(T.key).find((k) => k.name.endsWith("-alarm-topic-key"))!;
    assert.deepEqual(topic.propertyDependencies.kmsMasterKeyId, [topicKey.urn]);
    assert.notEqual(topic.inputs.kmsMasterKeyId, "alias/aws/sns");
    const keyGrant = doc(topicKey).Statement.find((s) => s.Sid === "CloudWatchAlarmsPublish")!;
    assert.deepEqual(keyGrant.Principal, { Service: "cloudwatch.amazonaws.com" });

    for (const alarm of run.ofType(T.alarm)) {
      assert.deepEqual(alarm.propertyDependencies.alarmActions, [topic.urn]);
      assert.deepEqual(alarm.inputs.alarmActions, [run.one(T.topicPolicy).inputs.arn]);
    }
  });

  it("lets only CloudWatch alarms of this account publish to the topic", () => {
    const [statement] = doc(run.one(T.topicPolicy)).Statement;
    assert.deepEqual(statement.Principal, { Service: "cloudwatch.amazonaws.com" });
    assert.equal(statement.Action, "sns:Publish");
    assert.deepEqual(statement.Condition, {
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*" },
    });
  });

  it("subscribes the configured email addresses to the topic", () => {
    const subscription = run.one(T.subscription);
    assert.deepEqual(
      { protocol: subscription.inputs.protocol, endpoint: subscription.inputs.endpoint },
      { protocol: "email", endpoint: "secops@example.com" },
    );
    assert.deepEqual(subscription.propertyDependencies.topic, [run.one(T.topic).urn]);
  });

  it("saves one Logs Insights query per control, listing who did what its pattern matches", () => {
    assert.equal(run.ofType(T.query).length, CONTROLS.length);
    for (const control of CONTROLS) {
      const query = run.ofControl(T.query, control.id);
      assert.equal(query.inputs.name, `CIS/${control.id}`);
      assert.deepEqual(query.propertyDependencies.logGroupNames, [run.named(T.logGroup, "trail-logs").urn]);
      assert.equal(query.inputs.queryString, expectedQuery(control.patterns["security-hub"], "\n"));
    }
    assert.match(
      run.ofControl(T.query, "unauthorized-api-calls").inputs.queryString as string,
      /^fields @timestamp, userIdentity\.arn, eventSource, eventName, errorCode, sourceIPAddress, awsRegion\n\| filter errorCode like \/UnauthorizedOperation\$\/ or errorCode like \/\^AccessDenied\/\n/,
    );
  });

  it("shows every control on the dashboard: its metric, and the recent events of its log group; then the log group's delivery", () => {
    const widgets = dashboardWidgets(run);
    assert.deepEqual(
      widgets.map((w) => [w.type, w.properties.title]),
      [
        ...CONTROLS.flatMap((c) => [
          ["metric", c.title],
          ["log", `Recent events: ${c.title}`],
        ]),
        [
          "metric",
          "Log delivery: events the log group received per 60 minutes (the delivery alarm fires at none)",
        ],
        ["metric", "Alarm details: runs and errors"],
        ["log", "Alarm details: messages sent, and why any were not"],
      ],
    );
    CONTROLS.forEach((control, i) => {
      const [metric, log] = widgets.slice(2 * i, 2 * i + 2);
      assert.deepEqual(metric.properties.metrics, [["CloudTrailMetrics", control.metricName]]);
      assert.equal(metric.properties.period, 300);
      const group = /^SOURCE '(cis-monitoring-dev-trail-logs-\w+)' \| /.exec(log.properties.query!)?.[1];
      assert.ok(group, log.properties.query);
      assert.equal(
        log.properties.query,
        `SOURCE '${group}' | ${expectedQuery(control.patterns["security-hub"], " ")}`,
        control.id,
      );
    });
    const delivery = widgets[2 * CONTROLS.length];
    assert.deepEqual(delivery.properties.metrics, [
      ["AWS/Logs", "IncomingLogEvents", "LogGroupName", run.named(T.logGroup, "trail-logs").outputs.name],
    ]);
    assert.equal(delivery.properties.period, 3600);
  });

  it("keeps the evidence on destroy: log group, trail bucket, access log bucket, their protections, and the trail key", () => {
    const retained = run.resources.filter((r) => r.retainOnDelete).map((r) => `${r.type}::${r.name}`);
    assert.deepEqual(
      retained.sort(),
      [
        `${T.logGroup}::cis-monitoring-dev-trail-logs`,
        `${T.key}::cis-monitoring-dev-trail-key`,
        `${T.bucket}::cis-monitoring-dev-trail-bucket`,
        `${T.bucketPolicy}::cis-monitoring-dev-trail-bucket`,
        `${T.ownership}::cis-monitoring-dev-trail-bucket`,
        `${T.publicAccessBlock}::cis-monitoring-dev-trail-bucket`,
        `${T.encryption}::cis-monitoring-dev-trail-bucket`,
        `${T.bucketLogging}::cis-monitoring-dev-trail-bucket`,
        `${T.bucket}::cis-monitoring-dev-access-logs`,
        `${T.bucketPolicy}::cis-monitoring-dev-access-logs`,
        `${T.ownership}::cis-monitoring-dev-access-logs`,
        `${T.publicAccessBlock}::cis-monitoring-dev-access-logs`,
        `${T.encryption}::cis-monitoring-dev-access-logs`,
      ].sort(),
    );
  });

  it("groups everything under one CisMonitoring component", () => {
    const component = run.one("cis-monitoring:index:CisMonitoring");
    const children = run.resources.filter((r) => r.parent === component.urn);
    assert.equal(children.length, run.resources.length - 2);
  });
});

describe("the program in a first preview", () => {
  it("registers the same resources, linked through dependencies while their names are unknown", async () => {
    const preview = await runProgram({}, { preview: true });
    const deployed = await runProgram();
    assert.deepEqual(preview.resources.map((r) => r.urn).sort(), deployed.resources.map((r) => r.urn).sort());
    for (const filter of preview.ofType(T.filter)) {
      assert.equal(filter.inputs.logGroupName, UNKNOWN_TEXT);
      assert.deepEqual(filter.propertyDependencies.logGroupName, [
        preview.named(T.logGroup, "trail-logs").urn,
      ]);
    }
  });
});
