import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { CONTROLS } from "../../policy/catalog";
import { spawn } from "child_process";
import { nodeArguments, runCommand } from "../helpers/cli";
import { ROOT } from "../helpers/program";
import { cloudTrailCases } from "../helpers/corpus";
import { Results } from "../../test-pattern/results";

const SECURITY_HUB = CONTROLS[0].patterns["security-hub"];

describe("npm run test-pattern", () => {
  const records = cloudTrailCases();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-pattern-"));
  const jsonLines = path.join(dir, "events.jsonl");
  const trailLog = path.join(dir, "111122223333_CloudTrail_us-east-1_20260115T1000Z_abc.json.gz");
  before(() => {
    fs.writeFileSync(jsonLines, records.map((r) => r.text).join("\n") + "\n");
    const log = `{"Records": [${records.map((r) => r.text).join(",\n")}]}`;
    fs.writeFileSync(trailLog, zlib.gzipSync(log));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the matching CloudTrail events of a JSON-lines file and a count", () => {
    const result = runCommand("test-pattern", ["--pattern", SECURITY_HUB, jsonLines]);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.equal(lines.at(-1), "46 of 190 events match");
    assert.equal(lines.length, 47);
    assert.match(
      lines[0],
      /^.*events\.jsonl:\d+\t\{.*"errorCode": ?"(AccessDenied|.*UnauthorizedOperation)"/,
    );
  });

  it("prints one JSON object with a boolean per event, in input order, for a gzipped CloudTrail log file", () => {
    const result = runCommand("test-pattern", ["--json", "--pattern", SECURITY_HUB, trailLog]);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout);
    assert.deepEqual(output, {
      total: 190,
      matched: 46,
      matches: records.map((r) => r.expectedUnauthorized),
    });
  });

  it("reads one JSON object from standard input", () => {
    const result = runCommand(
      "test-pattern",
      ["--json", "--pattern", "{ $.errorCode = AccessDenied* }"],
      '{\n  "errorCode": "AccessDeniedException"\n}\n',
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '{"total":1,"matched":1,"matches":[true]}\n');
  });

  it("prints each match as soon as the input holding it is read, then counts in good English", async () => {
    const child = spawn(process.execPath, nodeArguments("test-pattern", ["--pattern", SECURITY_HUB]), {
      cwd: ROOT,
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const caught = records.find((r) => r.expectedUnauthorized)!.text;
    const first = new Promise<void>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("\n")) resolve();
      }),
    );
    // Standard input stays open: the match must show before the input ends, as with tail -f.
    child.stdin.write(`${caught}\n`);
    await first;
    assert.equal(stdout, `stdin:1\t${caught}\n`);
    const status = new Promise((resolve) => child.on("close", resolve));
    child.stdin.end();
    assert.equal(await status, 0, stderr);
    assert.equal(stdout, `stdin:1\t${caught}\n1 of 1 event matches\n`);
  });

  it("exits 2 on an invalid pattern, showing the column", () => {
    const result = runCommand("test-pattern", [
      "--pattern",
      '{ $.errorCode = "AccessDenied*" && }',
      jsonLines,
    ]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^invalid filter pattern: expected a selector such as \$\.field, or '\(' at column 36\n/,
    );
  });

  it("exits 1 on a file that cannot be read, naming it", () => {
    const result = runCommand("test-pattern", ["--pattern", SECURITY_HUB, path.join(dir, "missing.jsonl")]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^cannot read .*missing\.jsonl: ENOENT/);
  });

  it("exits 1 on a line that is not JSON, naming the file and the line", () => {
    const result = runCommand(
      "test-pattern",
      ["--pattern", SECURITY_HUB],
      '{"errorCode": "AccessDenied"}\n{"errorCode": \n',
    );
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^stdin:2: not a JSON event/);
  });

  it("exits 2 without a pattern, with usage", () => {
    const result = runCommand("test-pattern", [jsonLines]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^--pattern is required\n\nusage: npm run -s test-pattern/);
  });
});

describe("test-pattern's output", () => {
  it("prints each match's file and text with their control characters escaped", () => {
    let printed = "";
    const results = new Results((text) => (printed += text), false);
    results.add({
      source: "evil\u001b[2J.jsonl",
      position: ":1",
      text: '{"a": "\u001b[32m✔\r\u009b"}',
      matched: true,
    });
    results.add({ source: "evil.jsonl", position: ":2", text: "{}", matched: false });
    results.end();
    assert.equal(printed, 'evil\\u001b[2J.jsonl:1\t{"a": "\\u001b[32m✔\\r\\u009b"}\n1 of 2 events matches\n');
  });
});
