import { strict as assert } from "assert";
import { CONTROLS } from "../../policy/catalog";
import { alarmsIntoAlarm } from "../../infra/flow/8-alert-details";
import { allows } from "../helpers/iam-policy";
import { dashboardWidgets, doc, DEV_NAME, ProgramRun, runProgram, T } from "../helpers/program";

const ALERT_DETAILS = "alert-details";
const ACCOUNT = "123456789012";
const EXISTING_TOPIC = "arn:aws:sns:eu-west-1:111122223333:security-alerts";

/** The alarm details resources of a run, by type. */
function alertDetails(run: ProgramRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type, name } of run.resources) {
    if (name === `${DEV_NAME}-${ALERT_DETAILS}`) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

describe("the program's alarm details", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram();
    assert.equal(run.error, undefined);
  });
  const named = (type: string) => run.named(type, ALERT_DETAILS);

  it("adds, by default, a function, its role and log, the rule that runs it on a state change, and the permission", () => {
    assert.deepEqual(alertDetails(run), {
      [T.logGroup]: 1,
      [T.role]: 1,
      [T.rolePolicy]: 1,
      [T.lambdaFunction]: 1,
      [T.invokeConfig]: 1,
      [T.eventRule]: 1,
      [T.permission]: 1,
      [T.eventTarget]: 1,
    });
  });

  it("runs the function for the stack's alarms going into ALARM, and for nothing else", () => {
    const rule = named(T.eventRule);
    const pattern = JSON.parse(rule.inputs.eventPattern as string);
    const alarms = CONTROLS.map((c) => run.ofControl(T.alarm, c.id));
    assert.deepEqual(pattern, {
      source: ["aws.cloudwatch"],
      "detail-type": ["CloudWatch Alarm State Change"],
      resources: alarms.map((a) => a.outputs.arn),
      detail: { state: { value: ["ALARM"] } },
    });
    assert.deepEqual(rule.propertyDependencies.eventPattern?.slice().sort(), alarms.map((a) => a.urn).sort());
    const target = named(T.eventTarget);
    const fn = named(T.lambdaFunction);
    assert.deepEqual(target.propertyDependencies.arn, [fn.urn]);
    assert.deepEqual(target.propertyDependencies.rule, [rule.urn]);
  });

  it("matches alarms by the prefix of their names when their ARNs would not fit in an event pattern", () => {
    const arn = (id: string) =>
      `arn:aws:cloudwatch:ap-southeast-2:${ACCOUNT}:alarm:${"x".repeat(60)}-${id}-0a1b2c3`;
    const pattern = JSON.parse(
      alarmsIntoAlarm(
        CONTROLS.map((c) => arn(c.id)),
        `${"x".repeat(60)}-`,
      ),
    );
    assert.deepEqual(pattern, {
      source: ["aws.cloudwatch"],
      "detail-type": ["CloudWatch Alarm State Change"],
      detail: { alarmName: [{ prefix: `${"x".repeat(60)}-` }], state: { value: ["ALARM"] } },
    });
    assert.ok((named(T.eventRule).inputs.eventPattern as string).length <= 2048);
  });

  it("lets only that rule invoke the function, which Lambda never retries into a second message", () => {
    const permission = named(T.permission).inputs;
    assert.deepEqual(
      [permission.action, permission.principal, permission.sourceArn, permission.function],
      [
        "lambda:InvokeFunction",
        "events.amazonaws.com",
        named(T.eventRule).outputs.arn,
        named(T.lambdaFunction).outputs.name,
      ],
    );
    assert.equal(named(T.invokeConfig).inputs.maximumRetryAttempts, 0);
    assert.ok(named(T.eventTarget).dependencies.includes(named(T.permission).urn));
  });

  it("runs the handler of the program's archive on a current Node.js runtime, told the trail's log group and the topic", () => {
    const fn = named(T.lambdaFunction).inputs;
    assert.equal(fn.runtime, "nodejs22.x");
    assert.equal(fn.handler, "infra/alert-function/handler.handler");
    assert.deepEqual((fn.environment as { variables: object }).variables, {
      LOG_GROUP_NAME: run.named(T.logGroup, "trail-logs").outputs.name,
      TOPIC_ARN: run.one(T.topic).outputs.arn,
    });
    const files = Object.keys((fn.code as { assets: object }).assets);
    assert.ok(files.includes("infra/alert-function/handler.js"), files.join(", "));
    assert.ok(files.includes("lib/alert-message/index.js"), files.join(", "));
    assert.ok(
      files.every((f) => /^(infra\/alert-function|lib\/alert-message)\/[\w-]+\.js(on)?$/.test(f)),
      files.join(", "),
    );
  });

  it("tells the function each alarm's control: its title, references, pattern and evaluation periods, by metric", () => {
    const code = named(T.lambdaFunction).inputs.code as { assets: Record<string, { text: string }> };
    const controls = JSON.parse(code.assets["infra/alert-function/controls.json"].text);
    assert.equal(controls.length, CONTROLS.length);
    const root = controls.find((c: { metricName: string }) => c.metricName === "RootAccountUsageCount");
    const catalog = CONTROLS.find((c) => c.id === "root-account-usage")!;
    assert.equal(root.namespace, "CloudTrailMetrics");
    assert.deepEqual(
      [
        root.control.id,
        root.control.securityHubId,
        root.control.pattern,
        root.control.periodSeconds,
        root.control.evaluationPeriods,
      ],
      ["root-account-usage", "CloudWatch.1", catalog.patterns["security-hub"], 300, 1],
    );
    assert.equal(root.control.query, run.ofControl(T.query, "root-account-usage").inputs.queryString);
  });

  it("packages the same archive on every run, so that an unchanged function shows no diff", async () => {
    const preview = await runProgram({}, { preview: true });
    assert.deepEqual(
      preview.named(T.lambdaFunction, ALERT_DETAILS).inputs.code,
      named(T.lambdaFunction).inputs.code,
    );
  });

  it("logs the function to its own log group, kept 90 days and deleted with the stack", () => {
    const logGroup = named(T.logGroup);
    assert.equal(logGroup.inputs.retentionInDays, 90);
    assert.notEqual(logGroup.retainOnDelete, true);
    const fn = named(T.lambdaFunction);
    assert.deepEqual(fn.inputs.loggingConfig, { logFormat: "Text", logGroup: logGroup.outputs.name });
  });

  describe("its role", () => {
    let policy: { Statement: object[] };
    const trailLogGroup = () => run.named(T.logGroup, "trail-logs").outputs.name as string;
    const logGroupArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
    before(() => {
      policy = doc(named(T.rolePolicy));
    });

    it("is assumed by Lambda only", () => {
      assert.deepEqual(doc(named(T.role), "assumeRolePolicy").Statement, [
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
      assert.deepEqual(named(T.rolePolicy).propertyDependencies.role, [named(T.role).urn]);
    });

    it("may read the trail's log group, and no other", () => {
      const read = (resource: string) => allows(policy, { action: "logs:FilterLogEvents", resource });
      assert.ok(read(`${logGroupArn(trailLogGroup())}:*`));
      assert.ok(!read(`${logGroupArn(`${trailLogGroup()}-other`)}:*`));
      assert.ok(!read(`${logGroupArn("/aws/lambda/payments")}:*`));
      assert.ok(
        !allows(policy, { action: "logs:GetLogEvents", resource: `${logGroupArn(trailLogGroup())}:*` }),
      );
      assert.ok(
        !allows(policy, { action: "logs:StartQuery", resource: `${logGroupArn(trailLogGroup())}:*` }),
      );
    });

    it("may publish to the alarm topic only, and use its key only through SNS", () => {
      const topic = run.one(T.topic).outputs.arn as string;
      const key = run.ofType(T.key).find((k) => k.name.endsWith("-alarm-topic-key"))!.outputs.arn as string;
      assert.ok(allows(policy, { action: "sns:Publish", resource: topic }));
      assert.ok(!allows(policy, { action: "sns:Publish", resource: `${topic}-other` }));
      assert.ok(!allows(policy, { action: "sns:Subscribe", resource: topic }));
      const viaSns = { "kms:ViaService": "sns.us-east-1.amazonaws.com" };
      for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
        assert.ok(allows(policy, { action, resource: key, context: viaSns }), action);
        assert.ok(
          !allows(policy, {
            action,
            resource: key,
            context: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
          }),
          `${action} outside SNS`,
        );
      }
      const trailKey = run.ofType(T.key).find((k) => k.name.endsWith("-trail-key"))!.outputs.arn as string;
      assert.ok(!allows(policy, { action: "kms:Decrypt", resource: trailKey, context: viaSns }));
      assert.ok(!allows(policy, { action: "kms:ScheduleKeyDeletion", resource: key, context: viaSns }));
    });

    it("may write its own log only", () => {
      const own = `${named(T.logGroup).outputs.arn}:log-stream:2026/03/01/[$LATEST]abc`;
      assert.ok(allows(policy, { action: "logs:PutLogEvents", resource: own }));
      assert.ok(allows(policy, { action: "logs:CreateLogStream", resource: own }));
      assert.ok(
        !allows(policy, {
          action: "logs:PutLogEvents",
          resource: `${logGroupArn(trailLogGroup())}:log-stream:x`,
        }),
      );
      assert.ok(!allows(policy, { action: "logs:CreateLogGroup", resource: `${logGroupArn("anything")}:*` }));
    });

    it("names every resource it is allowed, with no wildcard but the log group's :* and log streams", () => {
      const resources = (policy.Statement as { Resource: string }[]).map((s) => s.Resource);
      for (const resource of resources) {
        assert.doesNotMatch(resource.replace(/(:\*|:log-stream:\*)$/, ""), /\*/, resource);
      }
    });
  });

  it("shows the function on the dashboard, below the controls: its runs and errors, and what each run did", () => {
    const [metric, log] = dashboardWidgets(run).slice(-2);
    const fn = named(T.lambdaFunction).outputs.name;
    assert.deepEqual(metric.properties.metrics, [
      ["AWS/Lambda", "Invocations", "FunctionName", fn],
      ["AWS/Lambda", "Errors", "FunctionName", fn],
    ]);
    assert.match(
      log.properties.query!,
      new RegExp(`^SOURCE '${named(T.logGroup).outputs.name}' \\| fields @timestamp, outcome,`),
    );
  });

  it("is left out with alertDetails: false, and when no alarm notifies anyone", async () => {
    const off = await runProgram({ alertDetails: false });
    const silent = await runProgram({ alarm: { actionsEnabled: false } });
    for (const quiet of [off, silent]) {
      assert.equal(quiet.error, undefined);
      assert.deepEqual(alertDetails(quiet), {});
      // Each control's row and the log group's delivery, without the function's.
      assert.equal(dashboardWidgets(quiet).length, 2 * CONTROLS.length + 1);
    }
  });

  it("with an existing topic, publishes to it in its region, and leaves its key to whoever owns it", async () => {
    const existing = await runProgram({ existingTopicArn: EXISTING_TOPIC });
    assert.equal(existing.error, undefined);
    const fn = existing.named(T.lambdaFunction, ALERT_DETAILS).inputs;
    assert.equal(
      (fn.environment as { variables: Record<string, string> }).variables.TOPIC_ARN,
      EXISTING_TOPIC,
    );
    const policy = doc(existing.named(T.rolePolicy, ALERT_DETAILS));
    assert.ok(allows(policy, { action: "sns:Publish", resource: EXISTING_TOPIC }));
    assert.deepEqual(
      (policy.Statement as { Sid: string }[]).map((s) => s.Sid),
      ["ReadTrailEvents", "NotifyAlarmTopic", "WriteOwnLog"],
    );
  });

  it("with an existing trail's log group (a Control Tower landing zone's), reads that group", async () => {
    const existing = await runProgram({
      createTrail: false,
      existingLogGroupName: "aws-controltower/CloudTrailLogs",
    });
    assert.equal(existing.error, undefined);
    const fn = existing.named(T.lambdaFunction, ALERT_DETAILS).inputs;
    assert.equal(
      (fn.environment as { variables: Record<string, string> }).variables.LOG_GROUP_NAME,
      "aws-controltower/CloudTrailLogs",
    );
    const policy = doc(existing.named(T.rolePolicy, ALERT_DETAILS));
    assert.ok(
      allows(policy, {
        action: "logs:FilterLogEvents",
        resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-controltower/CloudTrailLogs:*`,
      }),
    );
  });
});
