import { strict as assert } from "assert";
import { CONTROLS } from "../../policy/catalog";
import { UNKNOWN } from "../../offline/capture";
import { doc, ProgramRun, runProgram, T } from "../helpers/program";

const control = CONTROLS[0];

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

  it("stores the trail in a private, owner-enforced, KMS-encrypted bucket only this trail may write to", () => {
    const bucket = run.one(T.bucket);
    const onBucket = (type: string) => {
      const found = run.one(type);
      assert.deepEqual(found.propertyDependencies.bucket, [bucket.urn]);
      return found.inputs;
    };
    assert.deepEqual(
      [true, true, true, true],
      ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].map(
        (k) => onBucket(T.publicAccessBlock)[k],
      ),
    );
    assert.deepEqual(onBucket(T.ownership).rule, { objectOwnership: "BucketOwnerEnforced" });
    const sse = (onBucket(T.encryption).rules as { applyServerSideEncryptionByDefault: object }[])[0];
    assert.equal(
      (sse.applyServerSideEncryptionByDefault as { sseAlgorithm: string }).sseAlgorithm,
      "aws:kms",
    );

    onBucket(T.bucketPolicy);
    const statements = doc(run.one(T.bucketPolicy)).Statement;
    const trailArn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/cis-monitoring-dev";
    const allows = statements.filter((s) => s.Effect === "Allow");
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
    const denyTls = statements.find((s) => s.Effect === "Deny")!;
    assert.deepEqual(denyTls.Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("delivers the trail to a log group kept 365 days, through a role limited to that group", () => {
    const logGroup = run.one(T.logGroup);
    assert.equal(logGroup.inputs.retentionInDays, 365);
    const trail = run.one(T.trail);
    assert.deepEqual(trail.propertyDependencies.cloudWatchLogsGroupArn, [logGroup.urn]);
    assert.match(
      trail.inputs.cloudWatchLogsGroupArn as string,
      /:log-group:cis-monitoring-dev-trail-logs-\w+:\*$/,
    );

    const logGroupArn = (trail.inputs.cloudWatchLogsGroupArn as string).replace(/:\*$/, "");
    assert.deepEqual(doc(run.one(T.rolePolicy)).Statement, [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${logGroupArn}:log-stream:*`,
      },
    ]);
    const trust = doc(run.one(T.role), "assumeRolePolicy").Statement[0];
    assert.deepEqual(trust.Principal, { Service: "cloudtrail.amazonaws.com" });
  });

  it("filters the trail's log group with the catalog's security-hub pattern into a 0-or-1 count", () => {
    const filter = run.one(T.filter);
    assert.equal(filter.inputs.pattern, control.patterns["security-hub"]);
    assert.equal(filter.inputs.pattern, control.patterns["security-hub"]);
    assert.deepEqual(filter.propertyDependencies.logGroupName, [run.one(T.logGroup).urn]);
    assert.deepEqual(filter.inputs.metricTransformation, {
      namespace: "CloudTrailMetrics",
      name: "AuthorizationFailureCount",
      value: "1",
      defaultValue: "0",
      unit: "Count",
    });
  });

  it("alarms on exactly the filter's metric: Sum over 300 s, >= 1, one period, missing data not breaching", () => {
    const alarm = run.one(T.alarm).inputs;
    const metric = run.one(T.filter).inputs.metricTransformation as Record<string, string>;
    assert.equal(alarm.namespace, metric.namespace);
    assert.equal(alarm.metricName, metric.name);
    assert.deepEqual(
      {
        statistic: alarm.statistic,
        period: alarm.period,
        threshold: alarm.threshold,
        comparisonOperator: alarm.comparisonOperator,
        evaluationPeriods: alarm.evaluationPeriods,
        datapointsToAlarm: alarm.datapointsToAlarm,
        treatMissingData: alarm.treatMissingData,
        actionsEnabled: alarm.actionsEnabled,
      },
      {
        statistic: "Sum",
        period: 300,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
        actionsEnabled: true,
      },
    );
  });

  it("notifies an SNS topic encrypted with a customer-managed key that CloudWatch alarms may use", () => {
    const topic = run.one(T.topic);
    const topicKey = run.ofType(T.key).find((k) => k.name.endsWith("-alarm-topic-key"))!;
    assert.deepEqual(topic.propertyDependencies.kmsMasterKeyId, [topicKey.urn]);
    assert.notEqual(topic.inputs.kmsMasterKeyId, "alias/aws/sns");
    const keyGrant = doc(topicKey).Statement.find((s) => s.Sid === "CloudWatchAlarmsPublish")!;
    assert.deepEqual(keyGrant.Principal, { Service: "cloudwatch.amazonaws.com" });

    const alarm = run.one(T.alarm);
    assert.deepEqual(alarm.propertyDependencies.alarmActions, [topic.urn]);
    assert.deepEqual(alarm.inputs.alarmActions, [run.one(T.topicPolicy).inputs.arn]);
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

  it("adds a dashboard and a saved Logs Insights query listing who did what", () => {
    const query = run.one(T.query).inputs;
    assert.deepEqual(query.logGroupNames, [run.one(T.filter).inputs.logGroupName]);
    assert.match(
      query.queryString as string,
      /userIdentity\.arn, eventSource, eventName, errorCode, sourceIPAddress/,
    );
    assert.match(
      query.queryString as string,
      /filter errorCode like \/UnauthorizedOperation\$\/ or errorCode like \/\^AccessDenied\//,
    );
    const body = JSON.parse(run.one(T.dashboard).inputs.dashboardBody as string);
    const [metricWidget, logWidget] = body.widgets;
    assert.deepEqual(metricWidget.properties.metrics, [["CloudTrailMetrics", "AuthorizationFailureCount"]]);
    assert.match(
      logWidget.properties.query,
      /^SOURCE 'cis-monitoring-dev-trail-logs-\w+' \| fields @timestamp/,
    );
  });

  it("keeps the evidence on destroy: log group, trail bucket with its protections, and the trail key", () => {
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
    const filter = preview.one(T.filter);
    assert.equal(filter.inputs.logGroupName, UNKNOWN);
    assert.deepEqual(filter.propertyDependencies.logGroupName, [preview.one(T.logGroup).urn]);
  });
});
