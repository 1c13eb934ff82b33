/**
 * The alarm details function as Lambda runs it: its code is taken from the archive the program
 * deploys, written to a folder and loaded from there, and its AWS SDK clients talk to CloudWatch Logs
 * and SNS stood in on 127.0.0.1.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONTROLS } from "../../policy/catalog";
import { lookUpEvents } from "../../infra/alert-function/lookup";
import { evaluationWindow, readAlarmEvent } from "../../infra/alert-function/alarm-event";
import { FunctionCodeError, functionCode } from "../../infra/flow/function-archive";
import { Answer, logsError, StandIn, startStandIn } from "../helpers/aws-stand-in";
import { cloudTrailCases } from "../helpers/corpus";
import { ROOT, runProgram, T } from "../helpers/program";
import { tempFile } from "../helpers/temp-files";

const ACCOUNT = "123456789012";
const unauthorized = CONTROLS.find((c) => c.id === "unauthorized-api-calls")!;

/**
 * A "CloudWatch Alarm State Change" to ALARM as EventBridge delivers it (the shape of the CloudWatch
 * User Guide's example), for the alarm of `metricName`, which evaluated the period from 08:30.
 */
function alarmEvent(
  metricName: string,
  more: { counted?: number; state?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const counted = more.counted ?? 3;
  const alarmName = `cis-monitoring-dev-unauthorized-api-calls-0a1b2c3`;
  const state = {
    value: "ALARM",
    reason: `Threshold Crossed: 1 out of the last 1 datapoints [${counted}.0 (01/03/26 08:30:00)] was greater than or equal to the threshold (1.0).`,
    reasonData: JSON.stringify({
      version: "1.0",
      queryDate: "2026-03-01T08:35:40.985+0000",
      startDate: "2026-03-01T08:30:00.000+0000",
      statistic: "Sum",
      period: 300,
      recentDatapoints: [counted],
      threshold: 1.0,
      evaluatedDatapoints: [
        { timestamp: "2026-03-01T08:30:00.000+0000", sampleCount: counted, value: counted },
      ],
    }),
    timestamp: "2026-03-01T08:35:40.989+0000",
    ...more.state,
  };
  return {
    version: "0",
    id: "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
    "detail-type": "CloudWatch Alarm State Change",
    source: "aws.cloudwatch",
    account: ACCOUNT,
    time: "2026-03-01T08:35:41Z",
    region: "us-east-1",
    resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${alarmName}`],
    detail: {
      alarmName,
      configuration: {
        description:
          "Unauthorized API calls (CIS AWS Foundations Benchmark v1.2.0 3.1; AWS Security Hub CloudWatch.2)",
        metrics: [
          {
            id: "30b6c6b2-a864-43a2-4877-c09a1afc3b87",
            metricStat: {
              metric: { dimensions: {}, name: metricName, namespace: "CloudTrailMetrics" },
              period: 300,
              stat: "Sum",
            },
            returnData: true,
          },
        ],
      },
      previousState: { value: "OK", timestamp: "2026-03-01T07:00:00.000+0000" },
      state,
    },
  };
}

/** Matching log events as FilterLogEvents returns them: the corpus's refused calls, at times in the window. */
function logEvents(count: number, from = 0): Record<string, unknown>[] {
  const refused = cloudTrailCases().filter((c) => c.expectedUnauthorized);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const record = JSON.parse(refused[i % refused.length].text);
    const timestamp = Date.parse("2026-03-01T08:30:00Z") + (i % 300) * 1000;
    record.eventTime = new Date(timestamp).toISOString().replace(".000Z", "Z");
    return {
      logStreamName: `${ACCOUNT}_CloudTrail_us-east-1`,
      timestamp,
      message: JSON.stringify(record),
      eventId: String(i),
    };
  });
}

type Handler = (
  event: unknown,
  context: { getRemainingTimeInMillis(): number },
) => Promise<Record<string, unknown>>;

describe("the alarm details function, from the program's archive, against CloudWatch Logs and SNS stand-ins", () => {
  let standIn: StandIn;
  let handler: Handler;
  let environment: Record<string, string>;
  let folder: string;
  const saved = { ...process.env };
  const logged: string[] = [];
  const original = { log: console.log, error: console.error };

  before(async () => {
    const run = await runProgram();
    const fn = run.one(T.lambdaFunction).inputs;
    const code = fn.code as { assets: Record<string, { text: string }> };
    // In the checkout, so that the SDK the function imports is found as Lambda's runtime provides it.
    fs.mkdirSync(path.join(ROOT, ".test-output"), { recursive: true });
    folder = fs.mkdtempSync(path.join(ROOT, ".test-output", "alert-function-"));
    for (const [name, { text }] of Object.entries(code.assets)) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), text);
    }
    environment = (fn.environment as { variables: Record<string, string> }).variables;
    standIn = await startStandIn();
    Object.assign(process.env, environment, {
      AWS_ENDPOINT_URL: standIn.url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "stand-in",
    });
    const [file, exported] = (fn.handler as string).split(/\.(?=[^.]+$)/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require(path.join(folder, file))[exported];
  });

  after(async () => {
    process.env = saved;
    await standIn?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  beforeEach(() => {
    standIn.reset();
    logged.length = 0;
    // The function's own lines: one JSON object per run (Node's warnings about its version are not).
    console.log = (text: string) => text.startsWith("{") && logged.push(text);
    console.error = (text: string) => text.startsWith("{") && logged.push(`error: ${text}`);
  });
  afterEach(() => Object.assign(console, original));

  const plenty = { getRemainingTimeInMillis: () => 60_000 };
  const published = () => {
    assert.equal(standIn.publishRequests.length, 1);
    const request = standIn.publishRequests[0];
    return { request, message: JSON.parse(request.Message) as Record<string, string> };
  };

  it("looks up the alarm's window with its control's pattern in the trail's log group, and publishes who did what", async () => {
    standIn.filterLogEvents = () => ({ status: 200, body: { events: logEvents(3), searchedLogStreams: [] } });
    const outcome = await handler(alarmEvent(unauthorized.metricName), plenty);

    assert.deepEqual(standIn.filterRequests, [
      {
        logGroupName: environment.LOG_GROUP_NAME,
        filterPattern: unauthorized.patterns["security-hub"],
        startTime: Date.parse("2026-03-01T08:30:00Z"),
        endTime: Date.parse("2026-03-01T08:35:00Z") - 1,
        limit: 10_000,
      },
    ]);
    const { request, message } = published();
    assert.equal(request.TopicArn, environment.TOPIC_ARN);
    assert.equal(request.MessageStructure, "json");
    assert.equal(
      request.Subject,
      `CIS alarm: Unauthorized API calls (CloudWatch.2): 3 events in account ${ACCOUNT} (us-east-1)`,
    );
    assert.match(message.default, /\nEvents {3}3 events by \d principals?; the metric counted 3\n/);
    assert.match(message.default, /\nWindow {3}2026-03-01 08:30:00 to 08:35:00 UTC \(1 period of 300 s\)\n/);
    assert.equal(message.email, message.default);
    assert.equal(JSON.parse(message.https).source, "custom");
    assert.deepEqual(
      { outcome: outcome.outcome, events: outcome.events, messageId: outcome.messageId },
      { outcome: "published", events: 3, messageId: "message-1" },
    );
    assert.deepEqual(
      logged.map((line) => JSON.parse(line).outcome),
      ["published"],
    );
  });

  it("reads 5,000 events page by page, and publishes one message well under 256 KB with the total and the top principals", async () => {
    const pages = 5;
    standIn.filterLogEvents = (request) => {
      const page = request.nextToken === undefined ? 0 : Number(request.nextToken);
      const next = page + 1 < pages ? { nextToken: String(page + 1) } : {};
      return { status: 200, body: { events: logEvents(1000, page * 1000), ...next } };
    };
    await handler(alarmEvent(unauthorized.metricName, { counted: 5000 }), plenty);

    assert.deepEqual(
      standIn.filterRequests.map((r) => r.nextToken),
      [undefined, "1", "2", "3", "4"],
    );
    const { request, message } = published();
    assert.ok(Buffer.byteLength(request.Message) < 64 * 1024, `${Buffer.byteLength(request.Message)} bytes`);
    // The corpus's records come from several accounts, as an organization trail's do.
    assert.match(request.Subject, /: 5,000 events in \d+ accounts \(us-east-1\)$/);
    assert.match(message.default, /\nEvents {3}5,000 events by \d+ principals; the metric counted 5,000\n/);
    assert.match(message.default, /\nTop principals {3}\S/);
    assert.match(message.default, /\nTop source IPs {3}\S/);
  });

  it("stops reading when its time runs out, and says so", async () => {
    standIn.filterLogEvents = () => ({ status: 200, body: { events: logEvents(1000), nextToken: "more" } });
    await handler(alarmEvent(unauthorized.metricName), { getRemainingTimeInMillis: () => 5_000 });
    assert.equal(standIn.filterRequests.length, 1);
    assert.match(
      published().message.default,
      /Only part of the window was read: the time for the lookup ran out after 1,000 events\./,
    );
  });

  it("publishes that none are left when the alarm fired on events the log group no longer has", async () => {
    await handler(alarmEvent(unauthorized.metricName), plenty);
    const { request, message } = published();
    assert.match(request.Subject, /: 0 events in account/);
    assert.match(
      message.default,
      /The metric counted 3 events, but none of them is in the log group any more/,
    );
  });

  for (const [failure, answer] of [
    [
      "refused",
      logsError("AccessDeniedException", "User is not authorized to perform: logs:FilterLogEvents"),
    ],
    [
      "the log group is gone",
      logsError("ResourceNotFoundException", "The specified log group does not exist."),
    ],
  ] as [string, Answer][]) {
    it(`when the lookup fails (${failure}), publishes a short note saying why, logs it, and does not throw`, async () => {
      standIn.filterLogEvents = () => answer;
      const outcome = await handler(alarmEvent(unauthorized.metricName), plenty);
      const { request, message } = published();
      assert.match(request.Subject, /events not looked up$/);
      const type = (answer.body as { __type: string }).__type;
      assert.match(message.default, new RegExp(`\nThe events could not be looked up: ${type}: `));
      assert.equal(outcome.outcome, "published without events");
      assert.match(JSON.parse(logged[0]).reason, new RegExp(`^${type}: `));
    });
  }

  it("when it cannot publish, logs why as an error and does not throw, so Lambda never runs it again", async () => {
    standIn.publish = () => ({
      status: 403,
      body: { code: "AuthorizationError", message: "not authorized to publish" },
    });
    const outcome = await handler(alarmEvent(unauthorized.metricName), plenty);
    assert.equal(outcome.outcome, "not published");
    assert.equal(logged.length, 1);
    assert.match(
      logged[0],
      /^error: \{"outcome":"not published","alarm":"cis-monitoring-dev-unauthorized-api-calls-0a1b2c3","control":"unauthorized-api-calls","events":0,"reason":"AuthorizationError\w*: not authorized to publish"\}$/,
    );
  });

  it("ignores an alarm of no control, and a change to another state, publishing nothing", async () => {
    const other = await handler(alarmEvent("CPUUtilization"), plenty);
    const ok = await handler(alarmEvent(unauthorized.metricName, { state: { value: "OK" } }), plenty);
    assert.deepEqual([other.outcome, ok.outcome], ["ignored", "ignored"]);
    assert.equal(other.reason, "no control watches CloudTrailMetrics/CPUUtilization");
    assert.deepEqual([standIn.filterRequests.length, standIn.publishRequests.length], [0, 0]);
  });
});

describe("the alarm details function's parts", () => {
  it("reads the window from the datapoints the alarm evaluated, or else the evaluation periods before the transition", () => {
    const settings = { periodSeconds: 300, evaluationPeriods: 1 };
    const evaluated = readAlarmEvent(alarmEvent(unauthorized.metricName));
    assert.deepEqual(evaluationWindow(evaluated, settings), {
      start: new Date("2026-03-01T08:30:00Z"),
      end: new Date("2026-03-01T08:35:00Z"),
      counted: 3,
    });
    const without = readAlarmEvent(alarmEvent(unauthorized.metricName, { state: { reasonData: undefined } }));
    assert.deepEqual(evaluationWindow(without, { periodSeconds: 60, evaluationPeriods: 5 }), {
      start: new Date("2026-03-01T08:30:40.989Z"),
      end: new Date("2026-03-01T08:35:40.989Z"),
    });
  });

  it("stops reading at its event cap, and says so", async () => {
    const limits: number[] = [];
    const logs = {
      send: async (command: { input: { limit?: number } }) => {
        limits.push(command.input.limit!);
        return { events: logEvents(Math.min(command.input.limit!, 1000)), nextToken: "more", $metadata: {} };
      },
    };
    const lookup = await lookUpEvents(
      logs,
      { logGroupName: "trail", filterPattern: "{ $.x = 1 }", start: new Date(0), end: new Date(1000) },
      { maxEvents: 2500, timeUp: () => false },
    );
    assert.deepEqual(limits, [2500, 1500, 500]);
    assert.equal(lookup.found.events, 2500);
    assert.equal(lookup.stoppedEarly, "the lookup stops at 2,500 events");
  });

  it("is packaged from its own files only, refusing an import Lambda's runtime does not provide", () => {
    const entry = tempFile(
      "handler.ts",
      'import * as pulumi from "@pulumi/pulumi";\nexport const handler = () => pulumi.getStack();\n',
    );
    assert.throws(() => functionCode(entry), FunctionCodeError);
    assert.throws(
      () => functionCode(entry),
      /handler\.ts imports @pulumi\/pulumi, which Lambda's Node\.js runtime does not provide: a function may import its own files, Node's modules and @aws-sdk\/client-cloudwatch-logs, @aws-sdk\/client-sns$/,
    );
  });
});
