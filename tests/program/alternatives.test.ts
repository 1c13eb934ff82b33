import { strict as assert } from "assert";
import { CONTROLS } from "../../policy/catalog";
import { runProgram, T } from "../helpers/program";

const control = CONTROLS[0];
const EXISTING_TOPIC = "arn:aws:sns:eu-west-1:111122223333:security-alerts";

/** Resource types a run registered, with their counts. */
function inventory(types: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

const ALWAYS = {
  "pulumi:pulumi:Stack": 1,
  "cis-monitoring:index:CisMonitoring": 1,
  [T.filter]: 1,
  [T.alarm]: 1,
  [T.dashboard]: 1,
  [T.query]: 1,
};
const TRAIL = {
  [T.trail]: 1,
  [T.logGroup]: 1,
  [T.role]: 1,
  [T.rolePolicy]: 1,
  [T.bucket]: 1,
  [T.bucketPolicy]: 1,
  [T.publicAccessBlock]: 1,
  [T.ownership]: 1,
  [T.encryption]: 1,
  [T.key]: 1,
};
const TOPIC = { [T.topic]: 1, [T.topicPolicy]: 1, [T.subscription]: 1 };

describe("the program's alternative configurations", () => {
  it("adopts an existing trail's log group: no trail, bucket or delivery role, the filter on that group", async () => {
    const run = await runProgram({ createTrail: false, existingLogGroupName: "org-trail/logs" });
    assert.equal(run.error, undefined);
    assert.deepEqual(inventory(run.resources.map((r) => r.type)), { ...ALWAYS, ...TOPIC, [T.key]: 1 });
    assert.equal(run.one(T.filter).inputs.logGroupName, "org-trail/logs");
    assert.deepEqual(run.one(T.query).inputs.logGroupNames, ["org-trail/logs"]);
  });

  it("notifies an existing topic: no topic, key or topic policy, the subscription on that topic", async () => {
    const run = await runProgram({ existingTopicArn: EXISTING_TOPIC });
    assert.equal(run.error, undefined);
    assert.deepEqual(inventory(run.resources.map((r) => r.type)), {
      ...ALWAYS,
      ...TRAIL,
      [T.subscription]: 1,
    });
    assert.deepEqual(run.one(T.alarm).inputs.alarmActions, [EXISTING_TOPIC]);
    assert.equal(run.one(T.subscription).inputs.topic, EXISTING_TOPIC);
  });

  it("accepts an existing topic without email subscriptions", async () => {
    const run = await runProgram({ existingTopicArn: EXISTING_TOPIC, alertEmails: [] });
    assert.equal(run.error, undefined);
    assert.equal(run.ofType(T.subscription).length, 0);
  });

  it("adds an OpsItem action with the configured severity", async () => {
    const run = await runProgram({ opsItemSeverity: "2" });
    assert.equal(run.error, undefined);
    const actions = run.one(T.alarm).inputs.alarmActions as string[];
    assert.equal(actions.length, 2);
    assert.equal(actions[1], "arn:aws:ssm:us-east-1:123456789012:opsitem:2#CATEGORY=Security");
    assert.deepEqual(inventory(run.resources.map((r) => r.type)), {
      ...ALWAYS,
      ...TRAIL,
      ...TOPIC,
      [T.key]: 2,
    });
  });

  it("deploys the cis-latest pattern set, with its exclusions applying to both error codes", async () => {
    const run = await runProgram({ patternSet: "cis-latest" });
    assert.equal(run.error, undefined);
    assert.equal(run.one(T.filter).inputs.pattern, control.patterns["cis-latest"]);
    assert.deepEqual(inventory(run.resources.map((r) => r.type)), {
      ...ALWAYS,
      ...TRAIL,
      ...TOPIC,
      [T.key]: 2,
    });
    assert.match(
      control.patterns["cis-latest"],
      /^\{\(\(\$\.errorCode="\*UnauthorizedOperation"\) \|\| \(\$\.errorCode="AccessDenied\*"\)\) && /,
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

  it("uses the configured namespace, metric name and alarm settings on both filter and alarm", async () => {
    const run = await runProgram({
      metricNamespace: "Security/CIS",
      metricNames: { "unauthorized-api-calls": "UnauthorizedCalls" },
      alarm: {
        periodSeconds: 60,
        threshold: 3,
        evaluationPeriods: 5,
        datapointsToAlarm: 2,
        treatMissingData: "missing",
      },
      logRetentionDays: 731,
    });
    assert.equal(run.error, undefined);
    const metric = run.one(T.filter).inputs.metricTransformation as Record<string, string>;
    const alarm = run.one(T.alarm).inputs;
    assert.deepEqual([metric.namespace, metric.name], ["Security/CIS", "UnauthorizedCalls"]);
    assert.deepEqual([alarm.namespace, alarm.metricName], ["Security/CIS", "UnauthorizedCalls"]);
    assert.deepEqual(
      [
        alarm.period,
        alarm.threshold,
        alarm.evaluationPeriods,
        alarm.datapointsToAlarm,
        alarm.treatMissingData,
      ],
      [60, 3, 5, 2, "missing"],
    );
    assert.equal(run.one(T.logGroup).inputs.retentionInDays, 731);
  });
});
