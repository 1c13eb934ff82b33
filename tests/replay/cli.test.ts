import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import * as zlib from "zlib";
import { REPLAY_USAGE } from "../../replay/options";
import { assertNoStackTrace, runCommand } from "../helpers/cli";
import { ACCOUNT, ArchivedEvent, projectWithStack, replay, spreadCorpus, writeS3Archive } from "./archive";
import { temporaryFolder } from "../helpers/temp-files";

describe("npm run replay: bad input, arguments and config", function () {
  this.timeout(120_000);
  const dir = temporaryFolder("cli");
  const events: ArchivedEvent[] = spreadCorpus().slice(0, 20);
  const good = writeS3Archive(path.join(dir, "good"), events);
  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, content);
    return target;
  };
  const log = (texts: string[]) => zlib.gzipSync(`{"Records":[${texts.join(",")}]}`);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 1 on a truncated .gz, naming the file", async () => {
    const whole = log(events.map((e) => e.text));
    const cut = file("cut.json.gz", whole.subarray(0, whole.length - 40));
    const run = await replay(["--json", cut]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, new RegExp(`^${cut}: truncated gzip data after byte \\d+ of the file`));
    assertNoStackTrace(run);
  });

  it("exits 1 on a record without eventTime, naming the file and the record", async () => {
    const { eventTime: _eventTime, ...timeless } = JSON.parse(events[1].text);
    const broken = file("timeless.json.gz", log([events[0].text, JSON.stringify(timeless)]));
    const run = await replay([broken]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `${broken}#2: a record without eventTime: not a CloudTrail record`);
  });

  it("exits 1 at the first line of a file whose lines wrap CloudTrail records in objects of their own", async () => {
    const record = {
      eventVersion: "1.08",
      eventTime: "2026-03-01T00:00:00Z",
      eventSource: "s3.amazonaws.com",
      eventName: "GetObject",
    };
    const wrapped = file(
      "wrapped.jsonl",
      [record, { ...record, eventName: "ListBuckets" }]
        .map((event) => JSON.stringify({ label: "benign", event }))
        .join("\n"),
    );
    const run = await replay([wrapped]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `${wrapped}:1: a record without eventTime: not a CloudTrail record`);
  });

  it("exits 1 on a file that is not CloudTrail events, and on a JSON line that is not an event", async () => {
    const notes = file("notes.txt", "Meeting notes\n- replay the trail\n");
    const run = await replay([notes]);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      new RegExp(`^${notes}: not CloudTrail events: it starts with "Meeting notes\\\\n- replay the`),
    );
    const lines = file(
      "events.jsonl",
      `${events[0].text}\n{"eventTime": "2026-03-01T00:00:00Z", "eventName": \n`,
    );
    const second = await replay([lines]);
    assert.equal(second.status, 1);
    assert.match(second.stderr, new RegExp(`^${lines}:2: not a JSON event`));
    assertNoStackTrace(second);
  });

  it("keeps going over the other files with --keep-going, reports what it read, and exits 1", async () => {
    const notes = file("notes2.txt", "not events\n");
    const run = await replay(["--json", "--keep-going", notes, good, path.join(dir, "missing")]);
    assert.equal(run.status, 1);
    assert.equal(JSON.parse(run.stdout).events, events.length);
    const errors = run.stderr.split("\n").sort();
    assert.equal(errors.length, 2);
    assert.match(errors[0], /notes2\.txt: not CloudTrail events/);
    assert.match(errors[1], /^cannot read .*missing: ENOENT/);
  });

  describe("--keep-going over an archive with broken parts", () => {
    const root = path.join(dir, "broken-archive");
    const half = Math.floor(events.length / 2);
    let bad: Record<string, string>;
    before(() => {
      writeS3Archive(root, events.slice(0, half));
      const account = path.join(root, "AWSLogs", ACCOUNT, "CloudTrail");
      bad = {
        dangling: path.join(account, "dangling.json.gz"),
        loop: path.join(account, "loop"),
        pipe: path.join(account, "pipe.json.gz"),
        locked: path.join(account, "locked"),
      };
      fs.symlinkSync(path.join(dir, "nowhere.json.gz"), bad.dangling);
      fs.symlinkSync(account, bad.loop);
      execFileSync("mkfifo", [bad.pipe]);
      writeS3Archive(bad.locked, events.slice(half));
      fs.chmodSync(bad.locked, 0);
    });
    after(() => fs.chmodSync(bad.locked, 0o755));

    it("reads the good files, names each path it cannot read, and exits 1", async () => {
      const run = await replay(["--json", "--keep-going", root]);
      assert.equal(run.status, 1);
      const report = JSON.parse(run.stdout);
      // Root reads a folder whatever its permissions.
      const locked = process.getuid?.() !== 0;
      assert.equal(report.events, locked ? half : events.length);
      assert.deepEqual(report.leftOut, { records: 0, filesReadInPart: 0, unreadable: locked ? 4 : 3 });
      const errors = run.stderr.split("\n").sort();
      assert.deepEqual(
        errors.map((e) => e.replace(/: [^:]*$/, "")),
        [
          `cannot read ${bad.dangling}: ENOENT`,
          ...(locked ? [`cannot read ${bad.locked}: EACCES`] : []),
          `cannot read ${bad.loop}`,
          `cannot read ${bad.pipe}`,
        ],
      );
      assert.match(run.stderr, /loop: a symbolic link back to a folder it is in \(a loop\)/);
      assert.match(run.stderr, /pipe\.json\.gz: not a regular file/);
    });

    it("stops at the first path it cannot read without --keep-going", async () => {
      const run = await replay(["--json", root]);
      assert.equal(run.status, 1);
      assert.equal(run.stdout, "");
      assert.equal(run.stderr.split("\n").length, 1);
    });
  });

  it("with --keep-going, passes over a bad record and reads the rest of its file, counting what it read and saying what it left out", async () => {
    const { eventTime: _eventTime, ...timeless } = JSON.parse(events[1].text);
    const texts = events.map((e) => e.text);
    const broken = file("one-bad.json.gz", log([texts[0], JSON.stringify(timeless), ...texts.slice(2)]));
    const whole = log(texts);
    const cut = file("cut-short.json.gz", whole.subarray(0, Math.floor(whole.length * 0.8)));
    const json = await replay(["--json", "--keep-going", broken]);
    assert.equal(json.status, 1);
    assert.equal(
      json.stderr,
      `${broken}#2: a record without eventTime: not a CloudTrail record; passed over`,
    );
    const report = JSON.parse(json.stdout);
    assert.deepEqual([report.events, report.files], [events.length - 1, 1]);
    assert.deepEqual(report.leftOut, { records: 1, filesReadInPart: 0, unreadable: 0 });

    const cutAlone = JSON.parse((await replay(["--json", "--keep-going", cut])).stdout);
    assert.ok(cutAlone.events > 0 && cutAlone.events < events.length, "the cut file has some events");
    assert.equal(cutAlone.files, 1, "a file read up to its break is a file read");
    const goodFiles = JSON.parse((await replay(["--json", good])).stdout).files;
    const text = await replay(["--keep-going", broken, cut, good]);
    assert.equal(text.status, 1);
    const [header, note] = text.stdout.split("\n");
    const total = events.length - 1 + cutAlone.events + events.length;
    assert.match(header, new RegExp(`: ${total} events in ${2 + goodFiles} files, `));
    assert.equal(
      note,
      "Not replayed (--keep-going; each is named on standard error): 1 record, the rest of 1 file after its break.",
    );
    assert.match(text.stderr, /cut-short\.json\.gz: truncated gzip data after byte \d+ of the file/);
  });

  it("exits 2 on bad arguments, adding the usage when the command line cannot be read", async () => {
    // usage: whether the usage follows the message; it does not when the arguments parse but name
    // a control, pattern set or stack that does not exist.
    for (const [args, message, usage] of [
      [["--frobnicate", good], /^unknown option --frobnicate\n/, true],
      [[], /^no PATH given: name the CloudTrail files or folders to read, or - for standard input/, true],
      [
        ["--controls", "no-such-control", good],
        /^error: --controls no-such-control is not a control: use unauthorized-api-calls/,
        false,
      ],
      [
        ["--pattern-set", "cis-4", good],
        /^error: --pattern-set cis-4 was renamed to cis-latest: use security-hub or cis-latest$/,
        false,
      ],
      [
        ["--stack", "nowhere", good],
        /^error: unknown stack 'nowhere': .*Pulumi\.nowhere\.yaml does not exist/,
        false,
      ],
    ] as const) {
      const run = await replay([...args]);
      assert.equal(run.status, 2, args.join(" "));
      assert.match(run.stderr, message);
      assert.equal(run.stderr.endsWith(`\n\n${REPLAY_USAGE}`), usage, args.join(" "));
      if (!usage) assert.ok(!run.stderr.includes("usage:"), args.join(" "));
      assertNoStackTrace(run);
    }
  });

  it("prints the text report even when the HTML page cannot be written, and exits 2", async () => {
    const page = path.join(dir, "no-such-folder", "replay.html");
    const run = await replay(["--html", page, good]);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^Replay of stack dev .*: 20 events in /);
    assert.match(run.stderr, new RegExp(`^error: cannot write ${page}: ENOENT`));
  });

  it("prints control characters of replayed events escaped, in text, JSON and messages", async () => {
    const forged = "\u001b[2K\r\u001b[32m✔ Passed\u001b[39m\u009b31m\u202e";
    const record = {
      ...JSON.parse(events[0].text),
      userIdentity: { type: "IAMUser", arn: `arn:aws:iam::111122223333:user/x${forged}` },
      eventName: `Get${forged}`,
      errorCode: "AccessDenied",
    };
    const forgedFile = file(`forged\u001b[31m.jsonl`, `${JSON.stringify(record)}\n{"eventName": 1}\n`);
    // eslint-disable-next-line no-control-regex -- what must not be printed raw
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
    const text = await replay(["--keep-going", "--controls", "unauthorized-api-calls", forgedFile]);
    assert.equal(text.status, 1);
    assert.doesNotMatch(text.stdout, raw);
    assert.match(
      text.stdout,
      /user\/x\\u001b\[2K\\r\\u001b\[32m✔ Passed\\u001b\[39m\\u009b31m\\u202e \(1\)$/m,
    );
    assert.doesNotMatch(text.stderr, raw);
    assert.match(text.stderr, /forged\\u001b\[31m\.jsonl:2: a record without eventTime/);
    const json = await replay(["--json", "--keep-going", "--controls", "unauthorized-api-calls", forgedFile]);
    assert.doesNotMatch(json.stdout, raw);
    assert.equal(JSON.parse(json.stdout).controls[0].contributors.eventName[0].value, `Get${forged}`);
  });

  it("exits 2 on a stack config the program would refuse, naming the key and the stack's file", async () => {
    const project = projectWithStack("broken", { alarm: { evaluationPeriods: 2, datapointsToAlarm: 3 } });
    try {
      const run = await replay(["--stack", "broken", good], project);
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        /^error: Invalid stack config cis-monitoring:alarm\.datapointsToAlarm: 3 is more than the evaluationPeriods/,
      );
      assert.match(run.stderr, / Fix it in Pulumi\.broken\.yaml /);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it("reads JSON lines from standard input as a command, and prints JSON", () => {
    const result = runCommand("replay", ["--json", "-"], events.map((e) => e.text).join("\n"));
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.events, events.length);
    assert.deepEqual(Object.keys(report.controls[0]).slice(0, 7), [
      "id",
      "title",
      "pattern",
      "metricName",
      "alarm",
      "matched",
      "periodsWithMatches",
    ]);
    for (const key of ["alarmPeriods", "alarmTransitions", "contributors", "proposals"])
      assert.ok(key in report.controls[0], key);
    assert.equal(result.stderr, "", "no progress bar when standard error is not a terminal");
  });

  it("exits 1 as a command on unreadable input, with one line on standard error", () => {
    const result = runCommand("replay", [path.join(dir, "nothing-here.json.gz")]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^cannot read .*nothing-here\.json\.gz: ENOENT: no such file or directory/);
    assert.equal(result.stderr.trim().split("\n").length, 1);
  });
});
