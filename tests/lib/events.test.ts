import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { EventInputError, eventPlace, listEventFiles, LogEvent, readEventFile } from "../../lib/events";
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
