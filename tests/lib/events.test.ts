import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import {
  EventInputError,
  eventPlace,
  listEventFiles,
  LogEvent,
  MAX_RECORD_LENGTH,
  readEventFile,
} from "../../lib/events";
import { temporaryFolder } from "../helpers/temp-files";

describe("reading events as a stream", () => {
  const dir = temporaryFolder("events");
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const records = [
    { eventName: "a", quote: 'say "hi"', slash: "a\\b", brace: "{[" },
    { eventName: "b", nested: { list: [1, { x: "]}" }] } },
    { eventName: "c", unicode: "é\u2028" },
  ];

  async function read(name: string, content: string | Buffer): Promise<LogEvent[]> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const events: LogEvent[] = [];
    await readEventFile(file, (e) => events.push(e));
    return events;
  }

  async function failure(name: string, content: string | Buffer): Promise<string> {
    const error = await read(name, content).then(
      () => assert.fail("expected an error"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof EventInputError, String(error));
    return error.message;
  }

  const parsed = (events: LogEvent[]) => events.map((e) => JSON.parse(e.text));

  it("splits a CloudTrail log file into its records, as written, gzipped or not", async () => {
    const document = JSON.stringify({ Records: records });
    for (const [name, content] of [
      ["log.json", document],
      ["log.json.gz", zlib.gzipSync(document)],
    ] as const) {
      const events = await read(name, content);
      assert.deepEqual(parsed(events), records);
      assert.deepEqual(
        events.map((e) => e.text),
        records.map((r) => JSON.stringify(r)),
      );
      assert.deepEqual(
        events.map(eventPlace),
        [1, 2, 3].map((i) => `${path.join(dir, name)}#${i}`),
      );
    }
  });

  it("splits a log file larger than the read buffers, records crossing every kind of boundary", async () => {
    const many = Array.from({ length: 40_000 }, (_, i) => ({
      i,
      text: 'x\\"y'.repeat(i % 13),
      deep: [[{ i }]],
    }));
    const document = JSON.stringify({ Records: many });
    const events = await read("big.json.gz", zlib.gzipSync(document));
    assert.equal(events.length, many.length);
    assert.ok(events.every((e, i) => e.record === i + 1 && JSON.parse(e.text).i === i));
  });

  it("reads pretty-printed log files, JSON arrays, single objects and concatenated log files", async () => {
    assert.deepEqual(
      parsed(await read("pretty.json", JSON.stringify({ Records: records }, null, 2))),
      records,
    );
    assert.deepEqual(parsed(await read("array.json", `\uFEFF${JSON.stringify(records)}`)), records);
    const single = await read("single.json", JSON.stringify(records[1], null, 2));
    assert.deepEqual(parsed(single), [records[1]]);
    assert.equal(eventPlace(single[0]), path.join(dir, "single.json"));
    const log = JSON.stringify({ Records: records });
    assert.deepEqual(parsed(await read("zcat.json", `${log}${log}\n`)), [...records, ...records]);
  });

  it("reads JSON lines and CloudWatch Logs exports line by line, naming each line", async () => {
    const lines = records.map((r) => JSON.stringify(r));
    const jsonLines = await read("events.jsonl", `${lines[0]}\r\n\n${lines[1]}\n${lines[2]}`);
    assert.deepEqual(parsed(jsonLines), records);
    assert.deepEqual(
      jsonLines.map((e) => e.line),
      [1, 3, 4],
    );
    const exported = lines.map((l, i) => `2026-03-01T00:0${i}:00.000Z ${l}`).join("\n");
    assert.deepEqual(parsed(await read("000000.gz", zlib.gzipSync(exported))), records);
  });

  it("names the file and where it broke when the input is not readable as events", async () => {
    const log = zlib.gzipSync(JSON.stringify({ Records: records }));
    assert.match(
      await failure("cut.json.gz", log.subarray(0, log.length - 12)),
      /cut\.json\.gz: truncated gzip data after byte \d+ of the file/,
    );
    assert.match(
      await failure("cut.json", JSON.stringify({ Records: records }).slice(0, 60)),
      /cut\.json: the log file stops inside record #1, at byte 60: it is truncated$/,
    );
    assert.match(
      await failure("notes.txt", "hello\nworld\n"),
      /notes\.txt: not CloudTrail events: it starts with "hello\\nworld\\n"/,
    );
    assert.match(
      await failure("scalar.json", '{"Records": [{"a": 1}, 2]}'),
      /scalar\.json: record #2 is not a JSON object, at byte 23$/,
    );
    assert.match(
      await failure("export.txt", "2026-03-01T00:00:00Z {}\nnot a line\n"),
      /export\.txt:2: not a CloudWatch Logs export line/,
    );
    assert.match(
      await failure("broken.json", '{\n  "a": 1,\n  "b": \n}\n'),
      /broken\.json:4: not valid JSON \(expected a JSON value\)/,
    );
    const missing = await readEventFile(path.join(dir, "missing.json"), () => {}).catch(
      (e: Error) => e.message,
    );
    assert.match(String(missing), /^cannot read .*missing\.json: ENOENT/);
  });

  describe("records longer than a record may be", () => {
    const long = (n: number) => JSON.stringify({ eventName: "long", padding: "x".repeat(n) });
    const short = JSON.stringify(records[0]);
    const tooLong = long(MAX_RECORD_LENGTH);

    async function readSkipping(name: string, content: string | Buffer) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      const events: LogEvent[] = [];
      const skipped: string[] = [];
      await readEventFile(file, (e) => events.push(e), {
        onSkip: (problem) => skipped.push(problem.message),
      });
      return { events, skipped };
    }

    it("reads a record of many read buffers whole, as JSON lines and in a log file", async () => {
      const record = long(MAX_RECORD_LENGTH - 100);
      const lines = await read("long.jsonl", `${short}\n${record}\n${short}\n`);
      assert.deepEqual(
        lines.map((e) => [e.line, e.text.length]),
        [
          [1, short.length],
          [2, record.length],
          [3, short.length],
        ],
      );
      const log = await read("long.json.gz", zlib.gzipSync(`{"Records":[${short},${record}]}`));
      assert.deepEqual(
        log.map((e) => e.text),
        [short, record],
      );
    });

    it("stops at a longer one, naming the file, where, and the limit, rather than calling the gzip corrupt", async () => {
      const limit = /a record longer than 16 MiB \(16,777,216 characters\), the most one record may be/;
      for (const [name, content, where] of [
        ["huge.jsonl", `${short}\n${tooLong}\n`, "huge.jsonl:2"],
        ["huge.json.gz", zlib.gzipSync(`{"Records":[${short},${tooLong}]}`), "huge.json.gz#2"],
        ["huge-document.json", `{\n"padding": "${"x".repeat(MAX_RECORD_LENGTH)}"\n}`, "huge-document.json"],
        [
          "spaces.json.gz",
          zlib.gzipSync(`{"Records":[{"a":${" ".repeat(MAX_RECORD_LENGTH)}1}]}`),
          "spaces.json.gz#1",
        ],
      ] as const) {
        const message = await failure(name, content);
        assert.ok(message.startsWith(`${path.join(dir, where)}: `), message);
        assert.match(message, limit);
      }
    });

    it("passes over a longer one and reads the rest of the file, when told to", async () => {
      const lines = await readSkipping("skip.jsonl", `${short}\n${tooLong}\n${short}\n`);
      assert.deepEqual(
        lines.events.map((e) => e.line),
        [1, 3],
      );
      assert.equal(lines.skipped.length, 1);
      assert.match(lines.skipped[0], /skip\.jsonl:2: a record longer than 16 MiB/);
      const log = await readSkipping(
        "skip.json.gz",
        zlib.gzipSync(`{"Records":[${tooLong},${short},${short}]}`),
      );
      assert.deepEqual(
        log.events.map((e) => [e.record, e.text]),
        [
          [2, short],
          [3, short],
        ],
      );
      assert.match(log.skipped[0], /skip\.json\.gz#1: a record longer than 16 MiB/);
    });

    it("reads a file of white space only as no events, and counts the lines and bytes before the first event", async () => {
      assert.deepEqual(await read("blank.json.gz", zlib.gzipSync(" ".repeat(2 * MAX_RECORD_LENGTH))), []);
      const lines = await read("indented.jsonl", `\n\n   ${short}\n${short}`);
      assert.deepEqual(
        lines.map((e) => e.line),
        [3, 4],
      );
      assert.match(
        await failure("late.json", `\n\n    {"Records": [{"a": 1}, 2]}`),
        /late\.json: record #2 is not a JSON object, at byte 29$/,
      );
    });
  });

  it("lists a folder's files recursively in name order, without hidden files and digest folders", () => {
    const root = path.join(dir, "tree");
    for (const file of [
      "b/2.json",
      "b/10.json",
      "a/1.json.gz",
      ".hidden",
      "CloudTrail-Digest/d.json.gz",
      "c.json",
    ]) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), "{}");
    }
    assert.deepEqual(
      listEventFiles(root).map((f) => path.relative(root, f)),
      ["a/1.json.gz", "b/10.json", "b/2.json", "c.json"],
    );
    assert.deepEqual(listEventFiles("-"), ["-"]);
    assert.throws(
      () => listEventFiles(path.join(dir, "nowhere")),
      /^EventInputError: cannot read .*nowhere: ENOENT/,
    );
  });
});
