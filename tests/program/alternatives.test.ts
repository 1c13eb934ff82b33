import { strict as assert } from "assert";
import { CIS_CONTROLS, CONTROLS } from "../../policy/catalog";
import { alarmSettings, dashboardWidgets, DEV_NAME, ProgramRun, runProgram, T } from "../helpers/program";

const EXISTING_TOPIC = "arn:aws:sns:eu-west-1:111122223333:security-alerts";

/** Resource types a run registered, with their counts, but for the alarm details (alert-details.test.ts). */
function inventory(run: ProgramRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type, name } of run.resources) {
    if (name !== `${DEV_NAME}-alert-details`) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

const ALWAYS = {
  "pulumi:pulumi:Stack": 1,
  "cis-monitoring:index:CisMonitoring": 1,
  [T.filter]: CONTROLS.length,
  // One per control, and the delivery alarm.
  [T.alarm]: CONTROLS.length + 1,
  [T.dashboard]: 1,
  [T.query]: CONTROLS.length,
};
/** The trail with its delivery role, key, bucket and that bucket's access logging, but no log bucket. */
const TRAIL_LOGGING_ELSEWHERE = {
  [T.trail]: 1,
  [T.logGroup]: 1,
  [T.role]: 1,
  [T.rolePolicy]: 1,
  [T.bucket]: 1,
  [T.bucketPolicy]: 1,
  [T.publicAccessBlock]: 1,
  [T.ownership]: 1,
  [T.encryption]: 1,
  [T.bucketLogging]: 1,
  [T.key]: 1,
};
/** The same with a dedicated access log bucket: two private buckets. */
const TRAIL = {
  ...TRAIL_LOGGING_ELSEWHERE,
  [T.bucket]: 2,
  [T.bucketPolicy]: 2,
  [T.publicAccessBlock]: 2,
  [T.ownership]: 2,
  [T.encryption]: 2,
};
const TOPIC = { [T.topic]: 1, [T.topicPolicy]: 1, [T.subscription]: 1 };

describe("the program's alternative configurations", () => {
  it("monitors an existing organization trail, a Control Tower landing zone's, through its log group: no trail, bucket or delivery role, every filter and query on that group, every alarm on its filter", async () => {
    const group = "aws-controltower/CloudTrailLogs";
    const run = await runProgram({ createTrail: false, existingLogGroupName: group });
    assert.equal(run.error, undefined);
    assert.deepEqual(inventory(run), { ...ALWAYS, ...TOPIC, [T.key]: 1 });
    for (const filter of run.ofType(T.filter)) assert.equal(filter.inputs.logGroupName, group);
    for (const query of run.ofType(T.query)) assert.deepEqual(query.inputs.logGroupNames, [group]);
    for (const control of CONTROLS) {
      const alarm = run.ofControl(T.alarm, control.id);
      assert.ok(alarm.dependencies.includes(run.ofControl(T.filter, control.id).urn), control.id);
      assert.deepEqual(alarm.propertyDependencies.alarmActions, [run.one(T.topic).urn], control.id);
    }
    assert.deepEqual(run.named(T.alarm, "delivery-alarm").inputs.dimensions, { LogGroupName: group });
  });

  // One run for two settings that touch different resources.
  const CIS_ONLY_LONGER_WINDOW = { controls: ["cis"], deliveryAlarmMinutes: 180 };

  it("watches delivery over the configured window, or not at all when deliveryAlarm is false", async () => {
    const longer = await runProgram(CIS_ONLY_LONGER_WINDOW);
    assert.equal(longer.error, undefined);
    const alarm = longer.named(T.alarm, "delivery-alarm").inputs;
    assert.deepEqual([alarm.period, alarm.evaluationPeriods], [10800, 1]);
    assert.match(
      alarm.alarmDescription as string,
      /^No CloudTrail events reached log group .* for 180 minutes/,
    );
    const delivery = dashboardWidgets(longer).find((w) => w.properties.title.startsWith("Log delivery"))!;
    assert.equal(delivery.properties.period, 10800);
    assert.equal(
      delivery.properties.title,
      "Log delivery: events the log group received per 180 minutes (the delivery alarm fires at none)",
    );

    const off = await runProgram({ deliveryAlarm: false });
    assert.equal(off.error, undefined);
    assert.deepEqual(inventory(off), {
      ...ALWAYS,
      [T.alarm]: CONTROLS.length,
      ...TRAIL,
      ...TOPIC,
      [T.key]: 2,
    });
    assert.ok(!dashboardWidgets(off).some((w) => w.properties.title.startsWith("Log delivery")));
  });

  it("monitors the fifteen CIS controls only with controls: [cis]", async () => {
    const run = await runProgram(CIS_ONLY_LONGER_WINDOW);
    assert.equal(run.error, undefined);
    assert.deepEqual(
      run.ofType(T.filter).map((r) => r.name),
      CIS_CONTROLS.map((c) => `${DEV_NAME}-${c.id}`),
    );
    assert.equal(CIS_CONTROLS.length, 15);
  });

  it("logs the trail bucket's access to an existing bucket: no log bucket, the logging on that bucket", async () => {
    const run = await runProgram({ accessLogBucketName: "org-access-logs" });
    assert.equal(run.error, undefined);
    assert.deepEqual(inventory(run), {
      ...ALWAYS,
      ...TRAIL_LOGGING_ELSEWHERE,
      ...TOPIC,
      [T.key]: 2,
    });
    const logging = run.one(T.bucketLogging);
    assert.deepEqual(logging.propertyDependencies.bucket, [run.one(T.bucket).urn]);
    assert.equal(logging.inputs.targetBucket, "org-access-logs");
    assert.equal(logging.inputs.targetPrefix, "trail-bucket/");
  });

  it("notifies an existing topic from every alarm: no topic, key or topic policy, the subscription on that topic", async () => {
    const run = await runProgram({ existingTopicArn: EXISTING_TOPIC });
    assert.equal(run.error, undefined);
    assert.deepEqual(inventory(run), {
      ...ALWAYS,
      ...TRAIL,
      [T.subscription]: 1,
    });
    for (const alarm of run.ofType(T.alarm)) assert.deepEqual(alarm.inputs.alarmActions, [EXISTING_TOPIC]);
    assert.equal(run.one(T.subscription).inputs.topic, EXISTING_TOPIC);
  });

  it("accepts an existing topic without email subscriptions", async () => {
    const run = await runProgram({ existingTopicArn: EXISTING_TOPIC, alertEmails: [] });
    assert.equal(run.error, undefined);
    assert.equal(run.ofType(T.subscription).length, 0);
  });

  it("adds an OpsItem action with the configured severity to every alarm", async () => {
    const run = await runProgram({ opsItemSeverity: "2" });
    assert.equal(run.error, undefined);
    const topicArn = run.one(T.topicPolicy).inputs.arn;
    for (const alarm of run.ofType(T.alarm)) {
      assert.deepEqual(alarm.inputs.alarmActions, [
        topicArn,
        "arn:aws:ssm:us-east-1:123456789012:opsitem:2#CATEGORY=Security",
      ]);
    }
    assert.deepEqual(inventory(run), {
      ...ALWAYS,
      ...TRAIL,
      ...TOPIC,
      [T.key]: 2,
    });
  });

  it("deploys the cis-latest pattern set: each control's filter with its cis-latest pattern", async () => {
    const run = await runProgram({ patternSet: "cis-latest" });
    assert.equal(run.error, undefined);
    for (const control of CONTROLS) {
      assert.equal(run.ofControl(T.filter, control.id).inputs.pattern, control.patterns["cis-latest"]);
    }
    assert.deepEqual(inventory(run), {
      ...ALWAYS,
      ...TRAIL,
      ...TOPIC,
      [T.key]: 2,
    });
    assert.notEqual(
      run.ofControl(T.filter, "route-table-changes").inputs.pattern,
      (await runProgram()).ofControl(T.filter, "route-table-changes").inputs.pattern,
    );
  });

  it("deletes everything on destroy when retainOnDelete is false", async () => {
    const run = await runProgram({ retainOnDelete: false });
    assert.equal(run.error, undefined);
    assert.deepEqual(
      run.resources.filter((r) => r.retainOnDelete),
      [],
    );
  });

  describe("with a namespace, alarm settings for all, and one control's own metric name and alarm", () => {
    const OWN = "console-authentication-failures";
    let run: ProgramRun;
    before(async () => {
      run = await runProgram({
        metricNamespace: "Security/CIS",
        metricNames: { [OWN]: "SigninFailures" },
        alarm: { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 2, treatMissingData: "missing" },
        alarmOverrides: { [OWN]: { threshold: 3, periodSeconds: 300 } },
        logRetentionDays: 731,
      });
      assert.equal(run.error, undefined);
    });

    it("names each filter's metric and the alarm on it alike, the own name only for its control", () => {
      for (const control of CONTROLS) {
        const name = control.id === OWN ? "SigninFailures" : control.metricName;
        const metric = run.ofControl(T.filter, control.id).inputs.metricTransformation as Record<
          string,
          string
        >;
        const alarm = run.ofControl(T.alarm, control.id).inputs;
        assert.deepEqual([metric.namespace, metric.name], ["Security/CIS", name], control.id);
        assert.deepEqual([alarm.namespace, alarm.metricName], ["Security/CIS", name], control.id);
      }
    });

    it("applies the alarm settings to every alarm, and the override only to its control's", () => {
      for (const control of CONTROLS) {
        const own = control.id === OWN;
        assert.deepEqual(
          alarmSettings(run.ofControl(T.alarm, control.id)),
          {
            statistic: "Sum",
            period: own ? 300 : 60,
            threshold: own ? 3 : 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            evaluationPeriods: 5,
            datapointsToAlarm: 2,
            treatMissingData: "missing",
            actionsEnabled: true,
          },
          control.id,
        );
      }
      const periods = dashboardWidgets(run)
        .slice(0, 2 * CONTROLS.length)
        .flatMap((w) => (w.type === "metric" ? [w.properties.period] : []));
      assert.deepEqual(
        periods,
        CONTROLS.map((c) => (c.id === OWN ? 300 : 60)),
      );
      assert.equal(run.named(T.logGroup, "trail-logs").inputs.retentionInDays, 731);
    });
  });

  it("monitors only the chosen controls: their filters, alarms, queries and dashboard rows", async () => {
    const chosen = ["root-account-usage", "unauthorized-api-calls"];
    const run = await runProgram({ controls: chosen });
    assert.equal(run.error, undefined);
    // In catalog order, whatever the order of the list.
    const ids = ["unauthorized-api-calls", "root-account-usage"];
    for (const type of [T.filter, T.alarm, T.query]) {
      assert.deepEqual(
        run
          .ofType(type)
          .map((r) => r.name)
          .filter((name) => name !== `${DEV_NAME}-delivery-alarm`),
        ids.map((id) => `${DEV_NAME}-${id}`),
        type,
      );
    }
    const titles = ids.map((id) => CONTROLS.find((c) => c.id === id)!.title);
    assert.deepEqual(
      dashboardWidgets(run)
        .slice(0, -3)
        .map((w) => w.properties.title),
      titles.flatMap((title) => [title, `Recent events: ${title}`]),
    );
  });
});
