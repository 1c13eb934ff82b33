import { strict as assert } from "assert";
import * as path from "path";
import { CONTROLS } from "../../policy/catalog";
import { Capture, captureProgram } from "../helpers/capture";
import { constructed } from "../helpers/component";
import { DEV_CONFIG, DEV_NAME, ProgramRun, runProgram, T } from "../helpers/program";

const CALL = path.join(__dirname, "../fixtures/component-call");
const STACK = "pulumi:pulumi:Stack";

/** The dev stack's keys of this project, each set to undefined: runProgram deletes them. */
const NO_SETTINGS = Object.fromEntries(
  Object.keys(DEV_CONFIG)
    .filter((key) => key.startsWith("cis-monitoring:"))
    .map((key) => [key.slice("cis-monitoring:".length), undefined]),
);

/** CisMonitoring `name` created by a program in another language, with `inputs` as the engine sends them. */
function callFromAnotherLanguage(
  name: string,
  inputs: Record<string, unknown>,
  dependencies: Record<string, string[]> = {},
): Promise<Capture> {
  return captureProgram({
    program: CALL,
    project: "cis-monitoring",
    stack: "dev",
    config: {
      "aws:region": DEV_CONFIG["aws:region"],
      "call:name": name,
      "call:inputs": inputs,
      "call:dependencies": dependencies,
    },
    preview: false,
  });
}

/**
 * What the engine receives of each resource but the stack: its URN and inputs, by URN (resources
 * that wait on different outputs may register in either order).
 */
function registrations(run: Capture): { urn: string; inputs: Record<string, unknown> }[] {
  return run.resources
    .filter((r) => r.type !== STACK)
    .map(({ urn, inputs }) => ({ urn, inputs }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

describe("CisMonitoring created from another language, through Pulumi's ComponentProvider", () => {
  describe("with only alertEmails", () => {
    let call: Capture;
    let program: ProgramRun;
    before(async function () {
      this.timeout(120_000); // the provider first infers the schema, compiling the component
      call = await callFromAnotherLanguage(DEV_NAME, { alertEmails: ["secops@example.com"] });
      assert.equal(call.error, undefined);
      program = await runProgram({ ...NO_SETTINGS, alertEmails: ["secops@example.com"] });
      assert.equal(program.error, undefined);
    });

    it("creates a filter and an alarm for every control, and the delivery alarm, each alarm notifying the topic the address is subscribed to", () => {
      const of = (type: string) => call.resources.filter((r) => r.type === type);
      const topic = of(T.topic);
      assert.equal(topic.length, 1);
      assert.deepEqual(
        of(T.subscription).map((s) => [s.inputs.endpoint, s.propertyDependencies.topic]),
        [["secops@example.com", [topic[0].urn]]],
      );
      const ids = CONTROLS.map((c) => c.id);
      assert.deepEqual(
        of(T.filter).map((f) => f.name),
        ids.map((id) => `${DEV_NAME}-${id}`),
      );
      const alarms = of(T.alarm);
      assert.deepEqual(
        alarms.map((a) => a.name),
        [...ids, "delivery-alarm"].map((id) => `${DEV_NAME}-${id}`),
      );
      for (const alarm of alarms) assert.deepEqual(alarm.propertyDependencies.alarmActions, [topic[0].urn]);
    });

    it("creates exactly what the program creates from a stack config with only alertEmails", () => {
      assert.deepEqual(registrations(call), registrations(program));
    });

    it("answers with the component's URN and its outputs", async () => {
      const { urn, state } = await constructed.get(DEV_NAME)!;
      assert.equal(
        urn,
        `urn:pulumi:dev::cis-monitoring::pulumi:pulumi:Stack$cis-monitoring:index:CisMonitoring::${DEV_NAME}`,
      );
      const arn = (type: string) => call.resources.find((r) => r.type === type)!.outputs.arn;
      assert.equal(state.trailArn, arn(T.trail));
      assert.equal(state.topicArn, arn(T.topic));
      assert.equal(state.logGroupName, call.resources.find((r) => r.type === T.logGroup)!.outputs.name);
      assert.equal(
        state.dashboardName,
        call.resources.find((r) => r.type === T.dashboard)!.outputs.dashboardName,
      );
      const alarmArns = state.alarmArns as Record<string, string>;
      assert.deepEqual(
        Object.keys(alarmArns),
        CONTROLS.map((c) => c.id),
      );
      assert.match(alarmArns["root-account-usage"], /^arn:aws:cloudwatch:us-east-1:\d{12}:/);
      assert.equal(
        state.deliveryAlarmArn,
        call.resources.find((r) => r.name === `${DEV_NAME}-delivery-alarm`)!.outputs.arn,
      );
    });
  });

  describe("with an existing trail's log group, and a topic another resource of that program creates", () => {
    const settings = {
      createTrail: false,
      existingLogGroupName: "aws-controltower/CloudTrailLogs",
      controls: ["unauthorized-api-calls", "root-account-usage"],
      metricNames: { "root-account-usage": "RootUse" },
      alarm: { periodSeconds: 60 },
      alarmOverrides: { "unauthorized-api-calls": { threshold: 5, evaluationPeriods: 3 } },
      opsItemSeverity: "2",
      retainOnDelete: false,
    };
    const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:security-alerts";
    const TOPIC_URN = "urn:pulumi:dev::cis-monitoring::aws:sns/topic:Topic::security-alerts";
    let call: Capture;
    let program: ProgramRun;
    before(async function () {
      this.timeout(120_000);
      // The topic's ARN is an output of that program's topic: the engine sends it with its dependency.
      call = await callFromAnotherLanguage(
        "baseline-cis",
        { ...settings, existingTopicArn: TOPIC_ARN },
        { existingTopicArn: [TOPIC_URN] },
      );
      assert.equal(call.error, undefined);
      program = await runProgram({ ...NO_SETTINGS, ...settings, existingTopicArn: TOPIC_ARN });
      assert.equal(program.error, undefined);
    });

    it("creates what the program creates from the same stack config, named after the component", () => {
      const renamed = registrations(program).map(({ urn, inputs }) => ({
        urn: urn.replaceAll(DEV_NAME, "baseline-cis"),
        inputs: JSON.parse(JSON.stringify(inputs).replaceAll(DEV_NAME, "baseline-cis")),
      }));
      assert.deepEqual(registrations(call), renamed);
    });

    it("makes each alarm depend on the topic it notifies", () => {
      const alarms = call.resources.filter((r) => r.type === T.alarm);
      // The two controls' and the delivery alarm.
      assert.equal(alarms.length, 3);
      for (const alarm of alarms) {
        assert.deepEqual(alarm.inputs.alarmActions, [
          TOPIC_ARN,
          "arn:aws:ssm:us-east-1:123456789012:opsitem:2#CATEGORY=Security",
        ]);
        assert.ok(alarm.propertyDependencies.alarmActions.includes(TOPIC_URN));
      }
    });
  });

  describe("with bad arguments", () => {
    it("fails with the message the stack config gets, naming the argument, and creates nothing", async () => {
      const call = await callFromAnotherLanguage("bad-threshold", {
        alertEmails: ["secops@example.com"],
        alarm: { threshold: 0 },
      });
      assert.ok(call.error instanceof Error, "the construct should fail");
      assert.equal(
        call.error.message,
        "Invalid argument alarm.threshold of CisMonitoring 'bad-threshold': 0 must be >= 1. Allowed: how many " +
          "matching events in a period raise the alarm: an integer from 1 to 1000000 (a higher count would in " +
          "effect never alarm; to silence an alarm, set actionsEnabled: false).",
      );
      assert.deepEqual(registrations(call), []);
    });

    it("checks a topic ARN another resource computes once it is known, failing what would notify it", async () => {
      const call = await callFromAnotherLanguage(
        "topic-by-name",
        { alertEmails: ["secops@example.com"], existingTopicArn: "security-alerts" },
        { existingTopicArn: ["urn:pulumi:dev::cis-monitoring::aws:sns/topic:Topic::security-alerts"] },
      );
      assert.ok(call.error instanceof Error, "the construct should fail");
      assert.match(
        call.error.message,
        // Pulumi reports it as the failure of the first property that needed the value.
        /: Invalid argument existingTopicArn of CisMonitoring 'topic-by-name': "security-alerts" must match pattern .* Allowed: the ARN of an existing SNS topic to notify instead of creating one: arn:<partition>:sns:<region>:<12-digit account>:<name>\.$/,
      );
      assert.deepEqual(
        call.resources.filter((r) => r.type === T.alarm || r.type === T.subscription),
        [],
      );
    });

    it("refuses an output where the component decides from the value what to create", async () => {
      const call = await callFromAnotherLanguage(
        "emails-from-a-resource",
        { alertEmails: ["secops@example.com"] },
        { alertEmails: ["urn:pulumi:dev::cis-monitoring::aws:ssm/parameter:Parameter::oncall"] },
      );
      assert.ok(call.error instanceof Error, "the construct should fail");
      assert.match(
        call.error.message,
        /^Invalid argument alertEmails of CisMonitoring 'emails-from-a-resource': is an output \(computed at deployment, or a secret\), and the component decides from it what to create\. Allowed: a plain value, known when the program runs: email addresses subscribed to the alarm topic/,
      );
      assert.deepEqual(registrations(call), []);
    });
  });
});
