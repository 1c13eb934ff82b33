import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONTROLS } from "../../policy/catalog";
import { temporaryFolder } from "../helpers/temp-files";
import { projectWithStack, replay, scenario, spreadCorpus, writeS3Archive } from "./archive";

const UNAUTHORIZED = CONTROLS.find((c) => c.id === "unauthorized-api-calls")!;

describe("npm run replay -- --alert-messages: the message each notification would have carried", () => {
  // Periods of 5 minutes from 2026-03-01 00:00, an event 2 minutes into each: X caught, 0 not.
  const archive = writeS3Archive(temporaryFolder("alert-messages"), scenario("X0X"));

  it("prints, for each entry into ALARM, the subject and the text the function would publish, with the events of its window", async () => {
    const run = await replay(["--alert-messages", "--controls", UNAUTHORIZED.id, archive]);
    assert.equal(run.status, 0, run.stderr);
    const [head, ...messages] = run.stdout.split(`\n\n${"-".repeat(72)}\n\n`);
    assert.equal(
      head,
      "Alarm messages of stack dev (pattern set security-hub): 2 notifications\n" +
        "The links name no log group: the stack creates its own, named at deployment; choose it there.",
    );
    assert.equal(messages.length, 2);
    const [first, second] = messages;
    assert.match(
      first,
      /^Subject: CIS alarm: Unauthorized API calls \(CloudWatch\.2\): 1 event in account 123456789012 \(us-east-1\)\n\n/,
    );
    assert.match(
      first,
      /\nAlarm {4}cis-monitoring-dev-unauthorized-api-calls went into ALARM at 2026-03-01 00:05:00 UTC\n/,
    );
    assert.match(first, /\nWindow {3}2026-03-01 00:00:00 to 00:05:00 UTC \(1 period of 300 s\)\n/);
    assert.match(first, /\nEvents {3}1 event by 1 principal; the metric counted 1\n/);
    assert.match(first, /\n {2}1 event, 2026-03-01 00:02:00 UTC\n {4}who {4}\S/);
    assert.match(
      first,
      /\nPattern {2}\{\(\$\.errorCode="\*UnauthorizedOperation"\) \|\| \(\$\.errorCode="AccessDenied\*"\)\}$/,
    );
    assert.match(second, /\nWindow {3}2026-03-01 00:10:00 to 00:15:00 UTC /);
    assert.match(second, /\n {2}1 event, 2026-03-01 00:12:00 UTC\n/);
  });

  it("prints with --json each message as published: the SNS message structure, with its subject", async () => {
    const run = await replay(["--alert-messages", "--json", "--controls", UNAUTHORIZED.id, archive]);
    assert.equal(run.status, 0, run.stderr);
    const { stack, messages } = JSON.parse(run.stdout);
    assert.equal(stack, "dev");
    assert.deepEqual(
      messages.map((m: { control: string; time: string }) => [m.control, m.time]),
      [
        [UNAUTHORIZED.id, "2026-03-01T00:05:00.000Z"],
        [UNAUTHORIZED.id, "2026-03-01T00:15:00.000Z"],
      ],
    );
    const { subject, message } = messages[0];
    assert.deepEqual(Object.keys(message).sort(), ["default", "email", "http", "https", "sms"]);
    assert.equal(message.sms, subject);
    const chat = JSON.parse(message.https);
    assert.deepEqual([chat.version, chat.source], ["1.0", "custom"]);
    assert.equal(chat.metadata.additionalContext.events, "1");
  });

  it("lists the messages of all controls in the order people would have got them", async () => {
    const folder = writeS3Archive(temporaryFolder("alert-messages"), spreadCorpus());
    const run = await replay(["--alert-messages", "--json", folder]);
    assert.equal(run.status, 0, run.stderr);
    const messages: { control: string; time: string }[] = JSON.parse(run.stdout).messages;
    const times = messages.map((m) => m.time);
    assert.deepEqual(times, [...times].sort());
    assert.ok(new Set(messages.map((m) => m.control)).size > 1);
  });

  it("gathers the events of every period the alarm evaluated, and names an existing trail's log group in the link", async () => {
    const project = projectWithStack("org", {
      controls: [UNAUTHORIZED.id],
      createTrail: false,
      existingLogGroupName: "aws-controltower/CloudTrailLogs",
      alarm: { evaluationPeriods: 3, datapointsToAlarm: 2 },
    });
    const folder = writeS3Archive(temporaryFolder("alert-messages"), scenario("XX"));
    const run = await replay(["--alert-messages", "--stack", "org", folder], project);
    assert.equal(run.status, 0, run.stderr);
    const [head, message] = run.stdout.split(`\n\n${"-".repeat(72)}\n\n`);
    assert.equal(head, "Alarm messages of stack org (pattern set security-hub): 1 notification");
    assert.match(
      message,
      /\nWindow {3}2026-02-28 23:55:00 to 2026-03-01 00:10:00 UTC \(3 periods of 300 s\)\n/,
    );
    assert.match(message, /\nEvents {3}2 events by \d principals?; the metric counted 2\n/);
    assert.match(message, /\$257Esource\$257E\$2528\$257E\$2527aws-controltower\*2FCloudTrailLogs\$2529/);
  });

  it("says so when no control would have notified", async () => {
    const quiet = writeS3Archive(temporaryFolder("alert-messages"), scenario("000"));
    const run = await replay(["--alert-messages", quiet]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      "Alarm messages of stack dev (pattern set security-hub): 0 notifications\nNo control would have gone into ALARM.",
    );
  });

  it("with --keep-going, says what it passed over and exits 1, as the replay's report does", async () => {
    const folder = temporaryFolder("alert-messages");
    writeS3Archive(folder, scenario("000"));
    fs.writeFileSync(path.join(folder, "broken.json"), "{ not json");
    const run = await replay(["--alert-messages", "--keep-going", folder]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /broken\.json/);
    assert.match(
      run.stdout,
      /\nNot replayed \(--keep-going; each is named on standard error\): 1 unreadable file or folder\.\n/,
    );
  });

  it("refuses --html and --emit with it: it prints messages instead of the report", async () => {
    for (const [other, named] of [
      [["--html", "replay.html"], "html"],
      [["--emit", "athena"], "emit"],
    ] as const) {
      const run = await replay(["--alert-messages", ...other, ...(named === "html" ? [archive] : [])]);
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        new RegExp(`^--alert-messages prints messages instead of the report: leave out --${named}\n`),
      );
    }
  });
});
