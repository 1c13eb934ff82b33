import { strict as assert } from "assert";
import { Alert, alertEvent, alertMessage, AlertTally, snsMessage } from "../../lib/alert-message";
import { insightsLink } from "../../lib/alert-message/console-link";
import { alertControl } from "../../infra/flow/alert-control";
import { CONTROLS, referenceText } from "../../policy/catalog";
import { cloudTrailCases } from "../helpers/corpus";

const unauthorized = CONTROLS.find((c) => c.id === "unauthorized-api-calls")!;
const ALARM_SETTINGS = {
  periodSeconds: 300,
  threshold: 1,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  treatMissingData: "notBreaching",
  actionsEnabled: true,
} as const;
const CONTROL = alertControl(unauthorized, unauthorized.patterns["security-hub"], ALARM_SETTINGS);

/** A refused call, as CloudTrail records it, with the fields a test changes. */
function refused(more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: "1.08",
    userIdentity: {
      type: "AssumedRole",
      principalId: "AROAEXAMPLE:ci-42",
      arn: "arn:aws:sts::111122223333:assumed-role/deploy/ci-42",
      accountId: "111122223333",
      sessionContext: { sessionIssuer: { type: "Role", userName: "deploy" } },
    },
    eventTime: "2026-03-01T08:31:02Z",
    eventSource: "ec2.amazonaws.com",
    eventName: "RunInstances",
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.7",
    userAgent: "aws-cli/2.15.0",
    errorCode: "Client.UnauthorizedOperation",
    requestParameters: { userData: "password=hunter2" },
    recipientAccountId: "111122223333",
    ...more,
  };
}

function alert(found: AlertTally, more: Partial<Alert> = {}): Alert {
  return {
    control: CONTROL,
    alarmName: "cis-monitoring-dev-unauthorized-api-calls-0a1b2c3",
    alarmArn:
      "arn:aws:cloudwatch:us-east-1:111122223333:alarm:cis-monitoring-dev-unauthorized-api-calls-0a1b2c3",
    account: "111122223333",
    region: "us-east-1",
    partition: "aws",
    logGroupName: "cis-monitoring-dev-trail-logs-0a1b2c3",
    time: new Date("2026-03-01T08:35:40Z"),
    window: { start: new Date("2026-03-01T08:30:00Z"), end: new Date("2026-03-01T08:35:00Z") },
    counted: found.events,
    found,
    ...more,
  };
}

function tally(records: Record<string, unknown>[]): AlertTally {
  const found = new AlertTally();
  for (const record of records) found.addText(JSON.stringify(record));
  return found;
}

describe("the alarm details message", () => {
  describe("who made each call", () => {
    const who = (userIdentity: Record<string, unknown>, more: Record<string, unknown> = {}) =>
      alertEvent(refused({ userIdentity, ...more }));

    it("names a role's session, the root user with its account, a user, a service, and the account the call was made in", () => {
      const role = alertEvent(refused()).principal;
      assert.deepEqual(
        [role.name, role.group, role.account],
        ["role deploy, session ci-42", "role deploy", "111122223333"],
      );
      const root = who({ type: "Root", arn: "arn:aws:iam::444455556666:root", accountId: "444455556666" });
      assert.deepEqual([root.principal.name, root.principal.account], ["root user", "444455556666"]);
      const user = who({
        type: "IAMUser",
        arn: "arn:aws:iam::111122223333:user/ops/alice",
        userName: "alice",
      });
      assert.equal(user.principal.name, "IAM user alice");
      const service = who({ type: "AWSService", invokedBy: "config.amazonaws.com" });
      assert.deepEqual(
        [service.principal.name, service.principal.via],
        ["AWS service config.amazonaws.com", undefined],
      );
      const throughStack = who({
        type: "IAMUser",
        userName: "alice",
        accountId: "111122223333",
        invokedBy: "cloudformation.amazonaws.com",
      });
      assert.equal(throughStack.principal.via, "cloudformation.amazonaws.com");
      // An organization trail: a member account's call, by a principal of another account.
      const member = who(
        { type: "IAMUser", userName: "auditor", accountId: "777788889999" },
        { recipientAccountId: "222233334444" },
      );
      assert.deepEqual([member.account, member.principal.account], ["222233334444", "777788889999"]);
    });

    it("describes every principal of the reference CloudTrail records by its kind", () => {
      for (const { text, line } of cloudTrailCases()) {
        const { principal } = alertEvent(JSON.parse(text));
        assert.match(
          principal.name,
          /^(IAM user|role \S+, session|root user$|federated user|account|AWS service)/,
          `line ${line}`,
        );
      }
    });
  });

  it("groups events alike but for their time into one row with a count and the first and last time", () => {
    const found = tally([
      refused(),
      refused({ eventTime: "2026-03-01T08:33:10Z" }),
      refused({
        eventTime: "2026-03-01T08:32:00Z",
        userIdentity: { type: "Root", accountId: "111122223333" },
      }),
    ]);
    const [many, one] = found.rows();
    assert.deepEqual(
      [many.count, many.first, many.last],
      [2, "2026-03-01T08:31:02Z", "2026-03-01T08:33:10Z"],
    );
    assert.equal(one.event.principal.name, "root user");
    const periods = [tally([refused()]), tally([refused({ eventTime: "2026-03-01T08:36:00Z" })])];
    const window = new AlertTally();
    for (const period of periods) window.merge(period);
    assert.deepEqual(
      window.rows().map((r) => [r.count, r.first, r.last]),
      [[2, "2026-03-01T08:31:02Z", "2026-03-01T08:36:00Z"]],
    );
  });

  describe("for an organization trail, whose alarm in the management account counts member accounts' events", () => {
    const rootOfMember = refused({
      userIdentity: { type: "Root", arn: "arn:aws:iam::222233334444:root", accountId: "222233334444" },
      recipientAccountId: "222233334444",
    });

    it("names the member account the events happened in, and whose root user it was", () => {
      const message = alertMessage(alert(tally([rootOfMember])));
      assert.equal(
        message.subject,
        "CIS alarm: Unauthorized API calls (CloudWatch.2): 1 event in account 222233334444 (us-east-1)",
      );
      assert.match(message.text, /\n {4}who {4}root user of account 222233334444\n/);
      assert.match(
        message.text,
        /\n {4}where {2}from 203\.0\.113\.7, with aws-cli\/2\.15\.0, in account 222233334444, us-east-1\n/,
      );
    });

    it("says how many accounts when the events are in several, and lists them", () => {
      const message = alertMessage(alert(tally([rootOfMember, refused()])));
      assert.equal(
        message.subject,
        "CIS alarm: Unauthorized API calls (CloudWatch.2): 2 events in 2 accounts (us-east-1)",
      );
      assert.match(message.text, /\nAccounts +111122223333 \(1\), 222233334444 \(1\)\n/);
    });
  });

  describe("for a few events", () => {
    const found = tally([
      refused(),
      refused({ eventTime: "2026-03-01T08:33:10Z" }),
      refused({
        eventTime: "2026-03-01T08:34:00Z",
        userIdentity: { type: "Root", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333" },
        eventSource: "s3.amazonaws.com",
        eventName: "PutBucketPolicy",
        errorCode: "AccessDenied",
        sourceIPAddress: "198.51.100.20",
      }),
    ]);
    const message = alertMessage(alert(found));

    it("has a subject that names the control, its Security Hub id, the count and where, in ASCII under 100 characters", () => {
      assert.equal(
        message.subject,
        "CIS alarm: Unauthorized API calls (CloudWatch.2): 3 events in account 111122223333 (us-east-1)",
      );
      assert.ok(message.subject.length < 100);
    });

    it("says in its text which alarm, control, window and events: who, what, from where, in which account", () => {
      const text = message.text;
      assert.match(text, /^Unauthorized API calls: 3 events in account 111122223333 \(us-east-1\)\n/);
      assert.match(
        text,
        /\nAlarm {4}cis-monitoring-dev-unauthorized-api-calls-0a1b2c3 went into ALARM at 2026-03-01 08:35:40 UTC\n/,
      );
      assert.match(
        text,
        /\nControl {2}Unauthorized API calls: CIS AWS Foundations Benchmark v1\.2\.0 3\.1, v1\.3\.0-v5\.0\.0 4\.1, v6\.0\.0-v7\.0\.0 5\.1; AWS Security Hub CloudWatch\.2\n/,
      );
      assert.match(text, /\nWindow {3}2026-03-01 08:30:00 to 08:35:00 UTC \(1 period of 300 s\)\n/);
      assert.match(text, /\nEvents {3}3 events by 2 principals; the metric counted 3\n/);
      assert.ok(
        text.includes(
          [
            "  2 events, 2026-03-01 08:31:02 to 08:33:10 UTC",
            "    who    role deploy, session ci-42 of account 111122223333",
            "    what   ec2.amazonaws.com RunInstances, error Client.UnauthorizedOperation",
            "    where  from 203.0.113.7, with aws-cli/2.15.0, in account 111122223333, us-east-1",
            "  1 event, 2026-03-01 08:34:00 UTC",
            "    who    root user of account 111122223333",
            "    what   s3.amazonaws.com PutBucketPolicy, error AccessDenied",
          ].join("\n"),
        ),
        text,
      );
      assert.match(text, /\nTop source IPs {3}203\.0\.113\.7 \(2\), 198\.51\.100\.20 \(1\)\n/);
      assert.match(
        text,
        /\nPattern {2}\{\(\$\.errorCode="\*UnauthorizedOperation"\) \|\| \(\$\.errorCode="AccessDenied\*"\)\}$/,
      );
    });

    it("never carries request parameters, where secrets may be", () => {
      assert.doesNotMatch(snsMessage(message), /hunter2|userData|requestParameters/);
    });

    it("links to the control's saved Logs Insights query over the window, on the trail's log group", () => {
      const link = /\nLook further: .*\n(https:\S+)\n/.exec(message.text)?.[1];
      assert.ok(link, message.text);
      assert.deepEqual(readInsightsLink(link), {
        console: "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1",
        end: "2026-03-01T08:35:00.000Z",
        start: "2026-03-01T08:30:00.000Z",
        timeType: "ABSOLUTE",
        tz: "UTC",
        editorString: CONTROL.query,
        source: ["cis-monitoring-dev-trail-logs-0a1b2c3"],
      });
    });

    it("publishes text for email and a custom notification for chat tools and webhooks, in one SNS JSON message", () => {
      const structure = JSON.parse(snsMessage(message));
      assert.deepEqual(Object.keys(structure).sort(), ["default", "email", "http", "https", "sms"]);
      for (const value of Object.values(structure)) assert.equal(typeof value, "string");
      assert.equal(structure.default, message.text);
      assert.equal(structure.email, message.text);
      assert.equal(structure.sms, message.subject);
      const chat = JSON.parse(structure.https);
      assert.deepEqual(JSON.parse(structure.http), chat);
      assert.equal(chat.version, "1.0");
      assert.equal(chat.source, "custom");
      assert.equal(chat.content.textType, "client-markdown");
      assert.equal(
        chat.content.title,
        "Unauthorized API calls: 3 events in account 111122223333 (us-east-1)",
      );
      assert.match(
        chat.content.description,
        /\n• 2 × role deploy, session ci-42 of account 111122223333: `ec2\.amazonaws\.com RunInstances` \(Client\.UnauthorizedOperation\) from 203\.0\.113\.7 in 111122223333\n/,
      );
      assert.match(
        chat.content.nextSteps[0],
        /^See the events in Logs Insights \(saved query CIS\/unauthorized-api-calls\): https:/,
      );
      assert.deepEqual(chat.content.keywords, [
        "unauthorized-api-calls",
        "CloudWatch.2",
        "111122223333",
        "us-east-1",
      ]);
      assert.equal(chat.metadata.threadId, "cis-monitoring-dev-unauthorized-api-calls-0a1b2c3");
      assert.deepEqual(chat.metadata.relatedResources, [alert(found).alarmArn]);
      assert.deepEqual(
        Object.fromEntries(
          ["control", "account", "region", "windowStart", "windowEnd", "events", "counted"].map((k) => [
            k,
            chat.metadata.additionalContext[k],
          ]),
        ),
        {
          control: "unauthorized-api-calls",
          account: "111122223333",
          region: "us-east-1",
          windowStart: "2026-03-01T08:30:00.000Z",
          windowEnd: "2026-03-01T08:35:00.000Z",
          events: "3",
          counted: "3",
        },
      );
    });
  });

  it("for 5,000 events from as many principals, stays one message well under SNS's 256 KB, with the total and the top principals, events and IPs", () => {
    const found = new AlertTally();
    for (let i = 0; i < 5000; i++) {
      const ci = i % 10 !== 0;
      found.addText(
        JSON.stringify(
          refused({
            eventTime: `2026-03-01T08:3${i % 5}:${String(i % 60).padStart(2, "0")}Z`,
            userIdentity: ci
              ? refused().userIdentity
              : { type: "IAMUser", userName: `user-${i}`, accountId: "111122223333" },
            sourceIPAddress: ci ? "203.0.113.7" : `198.51.${i % 250}.${i % 200}`,
            userAgent: `aws-sdk-go/${i} ${"x".repeat(400)}`,
          }),
        ),
      );
    }
    const message = alertMessage(alert(found));
    const size = Buffer.byteLength(snsMessage(message));
    assert.ok(size < 64 * 1024, `${size} bytes`);
    assert.equal(
      message.subject,
      "CIS alarm: Unauthorized API calls (CloudWatch.2): 5,000 events in account 111122223333 (us-east-1)",
    );
    assert.match(message.text, /\nEvents {3}5,000 events by 501 principals; the metric counted 5,000\n/);
    assert.match(message.text, /\n {2}… and \d+ more kinds of event \([\d,]+ events\), in the link below\n/);
    assert.match(
      message.text,
      /\nTop principals {3}role deploy of account 111122223333 \(4500\), IAM user user-0 of account 111122223333 \(1\), .*, and 496 more\n/,
    );
    assert.match(message.text, /\nTop events {7}ec2\.amazonaws\.com RunInstances \(5000\)\n/);
    assert.match(message.text, /\nTop source IPs {3}203\.0\.113\.7 \(4500\), /);
    assert.equal(message.text.split("\n").filter((line) => line.startsWith("    who ")).length, 20);
  });

  it("when the events are gone from the log group, says what the metric counted and why none are listed", () => {
    const message = alertMessage(alert(new AlertTally(), { counted: 2 }));
    assert.match(message.subject, /: 0 events in account/);
    assert.match(
      message.text,
      /\nEvents {3}0 events; the metric counted 2\n {9}The metric counted 2 events, but none of them is in the log group any more: /,
    );
    assert.doesNotMatch(message.text, /What happened/);
  });

  it("when the lookup stopped early, says why and that the link lists them all", () => {
    const message = alertMessage(
      alert(tally([refused()]), { counted: 12_000, stoppedEarly: "the lookup stops at 10,000 events" }),
    );
    assert.match(
      message.text,
      /\n {9}Only part of the window was read: the lookup stops at 10,000 events\. The link below lists them all\.\n/,
    );
  });

  it("when the events could not be looked up, is a short note saying why, with the link", () => {
    const message = alertMessage(
      alert(new AlertTally(), {
        counted: 1,
        unavailable: "AccessDeniedException: not authorized to perform logs:FilterLogEvents",
      }),
    );
    assert.equal(
      message.subject,
      // Too long with the Security Hub id, which goes first.
      "CIS alarm: Unauthorized API calls: alarm in account 111122223333 (us-east-1), events not looked up",
    );
    assert.match(
      message.text,
      /\nThe events could not be looked up: AccessDeniedException: not authorized to perform logs:FilterLogEvents\.\nThe alarm's own notification still tells you that it fired; the link below lists the events\.\n\nLook further: /,
    );
    assert.equal(
      JSON.parse(JSON.parse(snsMessage(message)).https).metadata.additionalContext.unavailable,
      "AccessDeniedException: not authorized to perform logs:FilterLogEvents",
    );
  });

  it("calls an alarm of a control beyond CIS an alarm, not a CIS alarm, and cites it as beyond the benchmark", () => {
    const beyond = CONTROLS.find((c) => c.beyondCis !== undefined)!;
    const control = alertControl(beyond, beyond.patterns["security-hub"], ALARM_SETTINGS);
    const message = alertMessage(alert(tally([refused()]), { control }));
    assert.match(message.subject, new RegExp(`^Alarm: ${beyond.title}: 1 event in account 111122223333 `));
    assert.ok(message.text.includes(referenceText(beyond)), message.text);
    assert.equal(JSON.parse(JSON.parse(snsMessage(message)).https).metadata.eventType, "Alarm details");
    assert.equal(
      JSON.parse(JSON.parse(snsMessage(alertMessage(alert(tally([refused()]))))).https).metadata.eventType,
      "CIS alarm details",
    );
  });

  it("shortens a subject that would not fit, keeping the control's title, in ASCII", () => {
    const long = { ...CONTROL, title: `Unauthorized API calls — ${"very ".repeat(12)}long` };
    const message = alertMessage(alert(tally([refused()]), { control: long }));
    assert.ok(message.subject.length <= 99, message.subject);
    assert.match(message.subject, /^CIS alarm: Unauthorized API calls \? very very /);
    assert.match(message.subject, /^[\x20-\x7e]+$/);
  });

  it("links to the console of the alarm's partition, without a log group when it is unknown", () => {
    const link = insightsLink({
      partition: "aws-cn",
      region: "cn-north-1",
      query: 'fields @timestamp | filter eventName = "x" and ispresent(errorCode)',
      start: new Date("2026-03-01T08:30:00Z"),
      end: new Date("2026-03-01T08:35:00Z"),
    });
    const read = readInsightsLink(link);
    assert.equal(read.console, "https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1");
    assert.equal(read.editorString, 'fields @timestamp | filter eventName = "x" and ispresent(errorCode)');
    assert.equal(read.source, undefined);
  });
});

/** The console address and query details of a Logs Insights link, read back by undoing its encoding. */
function readInsightsLink(link: string): Record<string, unknown> {
  const [console, fragment] = link.split("#logsV2:logs-insights");
  const detail = decodeURIComponent(fragment.replace(/\$/g, "%"));
  assert.ok(detail.startsWith("?queryDetail="), detail);
  const structure = decodeURIComponent(detail.slice("?queryDetail=".length));
  assert.ok(structure.startsWith("~(") && structure.endsWith(")"), structure);
  const text = (value: string) => decodeURIComponent(value.slice(1).replace(/\*/g, "%"));
  const read: Record<string, unknown> = { console };
  for (const [, key, value] of structure
    .slice(2, -1)
    .matchAll(/([A-Za-z]+)~('[^~()]*|\(~[^)]*\)|[^~()']+)/g)) {
    if (value.startsWith("'")) read[key] = text(value);
    else if (value.startsWith("(")) read[key] = value.slice(2, -1).split("~").map(text);
    else read[key] = value;
  }
  return read;
}
