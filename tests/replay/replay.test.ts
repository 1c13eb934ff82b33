import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { alarmEntries, simulateAlarm } from "../../replay/alarm/simulate";
import { countPerPeriod } from "../../replay/count/tally";
import { accountOf, principalName, principalOf } from "../../replay/count/principal";
import { CONTROLS } from "../../policy/catalog";
import { compileFilterPattern, EventValue } from "../../policy/filter-pattern";
import {
  ArchivedEvent,
  caughtAt,
  isoSeconds,
  PERIOD,
  projectWithStack,
  REGIONS,
  replay,
  scenario,
  spreadCorpus,
  START,
  writeS3Archive,
} from "./archive";
import { temporaryFolder } from "../helpers/temp-files";

const UNAUTHORIZED = CONTROLS.find((c) => c.id === "unauthorized-api-calls")!;

interface JsonReport {
  events: number;
  files: number;
  controls: {
    id: string;
    title: string;
    pattern: string;
    matched: number;
    periodsWithMatches: number;
    alarmPeriods: number;
    alarmTransitions: number;
    notifications: { time: string; causedBy: { principal: string; account?: string; events: number }[] }[];
    contributors: Record<string, { value: string; events: number; alarmPeriods: number }[]>;
    proposals: {
      exclude: { field: string; value: string };
      pattern: string;
      notifications: { before: number; after: number };
      eventsExcluded: number;
    }[];
  }[];
}

/** The alarm period (by start) of an event time, periods aligned to the epoch. */
const periodOf = (time: number) => time - (time % PERIOD);

/** What the alarm does on `events` for `pattern` with the catalog's default alarm, independently of the replay's prefilter. */
function expectedAlarm(events: readonly ArchivedEvent[], pattern: string) {
  const engine = compileFilterPattern(pattern);
  const matches = new Map<number, number>();
  for (const e of events)
    if (engine.matchesText(e.text)) matches.set(periodOf(e.time), (matches.get(periodOf(e.time)) ?? 0) + 1);
  const withEvents = new Set(events.map((e) => periodOf(e.time)));
  const first = Math.min(...withEvents);
  const last = Math.max(...withEvents);
  const datapoints = [];
  for (let p = first; p <= last; p += PERIOD)
    datapoints.push(matches.get(p) ?? (withEvents.has(p) ? 0 : undefined));
  const states = simulateAlarm(datapoints, {
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: "notBreaching",
  });
  return {
    matched: [...matches.values()].reduce((a, b) => a + b, 0),
    periodsWithMatches: matches.size,
    notifications: alarmEntries(states).length,
    alarmPeriods: states.filter((s) => s === "ALARM").length,
  };
}

describe("npm run replay", function () {
  this.timeout(120_000);
  const events = spreadCorpus();
  const archive = writeS3Archive(temporaryFolder("spread"), events);
  let report: JsonReport;
  before(async () => {
    const run = await replay(["--json", archive]);
    assert.equal(run.status, 0, run.stderr);
    report = JSON.parse(run.stdout);
  });
  after(() => fs.rmSync(archive, { recursive: true, force: true }));

  it("reads every event of a CloudTrail archive in the S3 layout, over days and regions", () => {
    assert.equal(report.events, 190);
    assert.equal(report.files, new Set(events.map((e) => `${e.region}${Math.floor(e.time / 3600)}`)).size);
  });

  it("replays every control the stack chooses, with its title and the security-hub pattern", () => {
    assert.deepEqual(
      report.controls.map((c) => [c.id, c.title, c.pattern]),
      CONTROLS.map((c) => [c.id, c.title, c.patterns["security-hub"]]),
    );
  });

  it("counts each control's matches, periods and notifications as the pattern engine and the alarm say", () => {
    for (const control of report.controls) {
      const expected = expectedAlarm(events, control.pattern);
      assert.deepEqual(
        {
          matched: control.matched,
          periodsWithMatches: control.periodsWithMatches,
          notifications: control.alarmTransitions,
          alarmPeriods: control.alarmPeriods,
        },
        expected,
        control.id,
      );
      assert.equal(control.notifications.length, control.alarmTransitions);
    }
  });

  it("catches exactly the corpus's unauthorized calls, one notification each, 37 minutes apart", () => {
    const control = report.controls.find((c) => c.id === UNAUTHORIZED.id)!;
    const caught = events.filter((e) => e.expectedUnauthorized);
    assert.equal(control.matched, 46);
    assert.equal(control.alarmTransitions, 46);
    // Each notification names the principal, with its account, of the one event that set it off.
    assert.deepEqual(
      control.notifications,
      caught.map((e) => {
        const record = JSON.parse(e.text);
        const account = accountOf(record);
        return {
          time: new Date(periodOf(e.time) * 1000).toISOString().replace(".000Z", "Z"),
          causedBy: [
            {
              principal: principalName(principalOf(record.userIdentity)),
              ...(account ? { account } : {}),
              events: 1,
            },
          ],
        };
      }),
    );
    // A lone breach stays in ALARM while it is the newest datapoint of the 3-period evaluation range.
    const lastIsCaught = events[events.length - 1].expectedUnauthorized;
    assert.equal(control.alarmPeriods, 46 * 3 - (lastIsCaught ? 2 : 0));
  });

  it("names the top contributors by principal, event name, error code, source address and region", () => {
    const { contributors } = report.controls.find((c) => c.id === UNAUTHORIZED.id)!;
    const caught = events.filter((e) => e.expectedUnauthorized).map((e) => JSON.parse(e.text));
    const developer = "arn:aws:iam::123456789012:user/developer";
    assert.deepEqual(contributors.principal[0], {
      value: developer,
      account: "123456789012",
      events: caught.filter((r) => r.userIdentity?.arn === developer).length,
      alarmPeriods: caught.filter((r) => r.userIdentity?.arn === developer).length,
    });
    assert.deepEqual(
      contributors.errorCode.map((c) => [c.value, c.events]),
      [...new Set(caught.map((r) => r.errorCode as string))]
        .map((code) => [code, caught.filter((r) => r.errorCode === code).length])
        .sort((a, b) => (b[1] as number) - (a[1] as number)),
    );
    assert.deepEqual(
      new Map(contributors.region.map((c) => [c.value, c.events])),
      new Map(REGIONS.map((region) => [region, caught.filter((r) => r.awsRegion === region).length])),
    );
    for (const field of ["eventName", "sourceIPAddress"]) {
      const top = contributors[field][0];
      assert.equal(top.events, caught.filter((r) => r[field] === top.value).length, field);
      assert.ok(
        contributors[field].every((c, i, all) => i === 0 || all[i - 1].alarmPeriods >= c.alarmPeriods),
      );
    }
  });

  it("proposes exclusions that cut notifications by what they claim, and still catch every must-match sample", () => {
    const control = report.controls.find((c) => c.id === UNAUTHORIZED.id)!;
    assert.ok(control.proposals.length > 0, "the unauthorized-API-calls control notified 46 times");
    for (const proposal of control.proposals) {
      const expected = expectedAlarm(events, proposal.pattern);
      assert.equal(proposal.notifications.before, 46);
      assert.equal(proposal.notifications.after, expected.notifications, proposal.pattern);
      assert.equal(proposal.eventsExcluded, 46 - expected.matched, proposal.pattern);
      assert.ok(proposal.notifications.after < proposal.notifications.before);
      const engine = compileFilterPattern(proposal.pattern);
      for (const sample of UNAUTHORIZED.samples.mustMatch) {
        assert.ok(
          engine.matches(sample.record as EventValue),
          `${proposal.pattern} misses ${sample.description}`,
        );
      }
      assert.ok(proposal.pattern.includes(JSON.stringify(proposal.exclude.value)), proposal.pattern);
    }
  });

  it("proposes nothing for a control that notifies less than once a day", () => {
    const days = (events[events.length - 1].time - events[0].time) / 86400;
    for (const control of report.controls.filter((c) => c.alarmTransitions < Math.max(3, days))) {
      assert.deepEqual(control.proposals, [], control.id);
    }
  });

  it("replays only the controls and the pattern set the flags name", async () => {
    const run = await replay([
      "--json",
      "--controls",
      UNAUTHORIZED.id,
      "--pattern-set",
      "cis-latest",
      archive,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const [control, ...others] = (JSON.parse(run.stdout) as JsonReport).controls;
    assert.equal(others.length, 0);
    assert.equal(control.pattern, UNAUTHORIZED.patterns["cis-latest"]);
    assert.equal(control.matched, expectedAlarm(events, UNAUTHORIZED.patterns["cis-latest"]).matched);
  });

  it("prints a summary table and each control's notifications, contributors and proposals as text", async () => {
    const run = await replay(["--controls", UNAUTHORIZED.id, archive]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.match(
      lines[0],
      /^Replay of stack dev \(pattern set security-hub\): 190 events in \d+ files, 2026-03-01 00:00 to 2026-03-05 \d\d:\d\d UTC$/,
    );
    const { alarmPeriods } = report.controls.find((c) => c.id === UNAUTHORIZED.id)!;
    assert.match(run.stdout, new RegExp(`\\nunauthorized-api-calls +46 +46 +${alarmPeriods}\\n`));
    assert.match(run.stdout, /\n {4}principal +arn:aws:iam::123456789012:user\/developer \(10, 10\)/);
    assert.match(
      run.stdout,
      /\n {4}leave out principal arn:aws:iam::123456789012:user\/developer: 46 → 36 notifications\n {6}\{ /,
    );
  });

  describe("archives that span a long time", () => {
    const folder = temporaryFolder("long");
    after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const controls = ["--controls", UNAUTHORIZED.id];

    it("replays two events of the years 1 and 9999 in the time and memory of two events", async () => {
      const times = ["0001-01-01T00:02:00Z", "9999-12-31T23:50:00Z"].map((t) => Date.parse(t) / 1000);
      const archive = writeS3Archive(path.join(folder, "ages"), caughtAt(times));
      const run = await replay(["--json", ...controls, archive]);
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.deepEqual([report.from, report.to], ["0001-01-01T00:02:00Z", "9999-12-31T23:50:00Z"]);
      const [control] = report.controls as JsonReport["controls"];
      // The first event keeps the alarm in ALARM for three periods; the last is the last period.
      assert.deepEqual(
        [
          control.matched,
          control.alarmTransitions,
          control.alarmPeriods,
          control.notifications.map((n) => n.time),
        ],
        [2, 2, 4, ["0001-01-01T00:00:00Z", "9999-12-31T23:50:00Z"]],
      );
    });

    it("writes the page and the text of two years of weekly events, drawing every ALARM period and notification", async () => {
      const weeks = Array.from({ length: 105 }, (_, k) => START + k * 7 * 86400 + 130);
      const archive = writeS3Archive(
        path.join(folder, "years"),
        caughtAt([...weeks, START + 200, START + 330]),
      );
      const page = path.join(folder, "years.html");
      const run = await replay(["--html", page, ...controls, archive]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /\nunauthorized-api-calls +107 +105 +\d+\n/);
      const html = fs.readFileSync(page, "utf8");
      const total = (mark: string, attribute: string) =>
        [...html.matchAll(new RegExp(`class="${mark}" ${attribute}="(\\d+)"`, "g"))].reduce(
          (sum, m) => sum + Number(m[1]),
          0,
        );
      const section = / data-alarm-periods="(\d+)" data-notifications="(\d+)"/.exec(html)!;
      assert.deepEqual(
        [total("alarm", "data-periods"), total("entry", "data-notifications")],
        [Number(section[1]), Number(section[2])],
      );
      assert.equal(section[2], "105");
      assert.ok(html.length < 200_000, `${html.length} characters`);
    });
  });

  describe("proposed exclusions for controls that catch tampering with the monitoring", () => {
    const folder = temporaryFolder("tampering");
    after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const automation = "arn:aws:sts::111122223333:assumed-role/trail-automation/deploy";
    const automationRole = "arn:aws:sts::111122223333:assumed-role/trail-automation/*";
    const admin = "arn:aws:iam::111122223333:user/admin";
    /** Ten calls three hours apart: seven by the automation, three by the admin. */
    const calls = (eventSource: string, names: [string, string]) =>
      Array.from({ length: 10 }, (_, k) => {
        const [arn, eventName] = k % 3 === 1 ? [admin, names[1]] : [automation, names[0]];
        const time = START + k * 3 * 3600;
        const record = {
          eventVersion: "1.08",
          userIdentity: { type: arn === admin ? "IAMUser" : "AssumedRole", arn, accountId: "111122223333" },
          eventTime: isoSeconds(time),
          eventSource,
          eventName,
          awsRegion: "us-east-1",
          sourceIPAddress: "198.51.100.9",
          recipientAccountId: "111122223333",
        };
        return { text: JSON.stringify(record), time, region: "us-east-1", expectedUnauthorized: false };
      });
    const run = async (id: string, eventSource: string, names: [string, string]) => {
      const archive = writeS3Archive(path.join(folder, id), calls(eventSource, names));
      const result = await replay(["--json", "--controls", id, archive]);
      assert.equal(result.status, 0, result.stderr);
      const [control] = (JSON.parse(result.stdout) as JsonReport).controls;
      assert.equal(control.alarmTransitions, 10, id);
      return control.proposals as (JsonReport["controls"][number]["proposals"][number] & {
        warning?: string;
      })[];
    };

    it("proposes for an ordinary control each principal that spares a tenth of its notifications", async () => {
      const proposals = await run("iam-policy-changes", "iam.amazonaws.com", [
        "PutRolePolicy",
        "DeleteUserPolicy",
      ]);
      assert.deepEqual(
        proposals.map((p) => [p.exclude.value, p.notifications.after, p.warning]),
        [
          [automationRole, 3, undefined],
          [admin, 7, undefined],
        ],
      );
    });

    it("proposes for CloudTrail changes only a principal behind half its notifications, never an event name, with a warning", async () => {
      const proposals = await run("cloudtrail-configuration-changes", "cloudtrail.amazonaws.com", [
        "UpdateTrail",
        "StopLogging",
      ]);
      assert.deepEqual(
        proposals.map((p) => [p.exclude.field, p.exclude.value, p.notifications.after]),
        [["principal", automationRole, 3]],
      );
      assert.match(
        proposals[0].warning!,
        /^this control catches tampering with the monitoring itself: StopLogging, DeleteTrail and UpdateTrail can stop the trail that every control of this catalog reads\. Whoever holds the credentials of arn:aws:sts::111122223333:assumed-role\/trail-automation\/\* could then do that unseen/,
      );
    });
  });

  describe("alarm settings from the stack config", () => {
    // 5-minute periods from START: 0 an ignored event, X an unauthorized call, - no event.
    const layout = "0 X 0 X X 0 - - - - X - - - - 0 0 X - X 0";
    const folder = writeS3Archive(temporaryFolder("scenario"), scenario(layout));
    after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const settings: [string, Record<string, unknown>, number, number][] = [
      // alarm settings, notifications, periods in ALARM (see the alarm model's tests for the same run)
      ["1 of 1, notBreaching", { treatMissingData: "notBreaching" }, 4, 9],
      ["1 of 1, ignore", { treatMissingData: "ignore" }, 4, 11],
      ["2 of 3, missing", { evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: "missing" }, 3, 11],
      [
        "2 of 3, breaching",
        { evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: "breaching" },
        2,
        15,
      ],
    ];
    for (const [name, alarm, notifications, alarmPeriods] of settings) {
      it(`simulates ${name} from Pulumi.<stack>.yaml: ${notifications} notifications`, async () => {
        const project = projectWithStack("replay", { controls: [UNAUTHORIZED.id], alarm });
        try {
          const run = await replay(["--json", "--stack", "replay", folder], project);
          assert.equal(run.status, 0, run.stderr);
          const [control] = (JSON.parse(run.stdout) as JsonReport).controls;
          assert.deepEqual([control.alarmTransitions, control.alarmPeriods], [notifications, alarmPeriods]);
          assert.equal(control.matched, [...layout].filter((c) => c === "X").length);
        } finally {
          fs.rmSync(project, { recursive: true, force: true });
        }
      });
    }

    it("counts matches per period, and periods with events, in a function SQL counts can be checked against", () => {
      const texts = scenario(layout).map((e) => e.text);
      const [counts] = countPerPeriod(texts, [
        {
          control: UNAUTHORIZED,
          pattern: UNAUTHORIZED.patterns["security-hub"],
          metricName: "m",
          alarm: {
            periodSeconds: PERIOD,
            threshold: 1,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: "notBreaching",
            actionsEnabled: true,
          },
        },
      ]);
      const periods = [...layout.replace(/ /g, "")].map((c, k) => [c, START + k * PERIOD] as const);
      assert.deepEqual(
        [...counts.matches].sort((a, b) => a[0] - b[0]),
        periods.filter(([c]) => c === "X").map(([, p]) => [p, 1]),
      );
      assert.deepEqual(
        [...counts.withEvents].sort((a, b) => a - b),
        periods.filter(([c]) => c !== "-").map(([, p]) => p),
      );
    });
  });
});

describe("npm run replay of the monitoring's own changes", function () {
  this.timeout(120_000);
  const record = (eventSource: string, eventName: string, time: number): ArchivedEvent => ({
    text: JSON.stringify({
      eventVersion: "1.09",
      userIdentity: {
        type: "IAMUser",
        arn: "arn:aws:iam::111122223333:user/mallory",
        accountId: "111122223333",
      },
      eventTime: isoSeconds(time),
      eventSource,
      eventName,
      awsRegion: REGIONS[0],
      sourceIPAddress: "203.0.113.9",
      recipientAccountId: "111122223333",
    }),
    time,
    region: REGIONS[0],
    expectedUnauthorized: false,
  });
  const archive = writeS3Archive(temporaryFolder("tamper"), [
    record("monitoring.amazonaws.com", "DisableAlarmActions", START + 60),
    record("lightsail.amazonaws.com", "DeleteAlarm", START + 3600),
    record("sns.amazonaws.com", "Unsubscribe", START + 7200),
  ]);
  after(() => fs.rmSync(archive, { recursive: true, force: true }));

  it("replays monitoring-changes like any control, and says once that the delivery alarm is not replayed", async () => {
    const text = await replay(["--controls", "monitoring-changes", archive]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\nmonitoring-changes +2 +2 +4\n/);
    assert.match(text.stdout, /\n {4}2026-03-01 00:00 {2}arn:aws:iam::111122223333:user\/mallory \(1\)\n/);
    const notReplayed =
      "Not replayed: the delivery alarm (no events reaching the trail's log group for 60 minutes), " +
      "since an archive holds what the trail recorded, not whether it reached CloudWatch Logs.";
    assert.equal(text.stdout.split("\n")[1], notReplayed);
    assert.equal(text.stdout.split(notReplayed).length, 2, "said once");
    const json = JSON.parse((await replay(["--json", "--controls", "monitoring-changes", archive])).stdout);
    assert.equal(json.notReplayed, notReplayed);
  });

  it("says nothing of a delivery alarm the stack does not have", async () => {
    const project = projectWithStack("without", { deliveryAlarm: false });
    const run = await replay(["--stack", "without", "--json", archive], project);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).notReplayed, undefined);
  });
});
