/**
 * The replay's speed and memory:
 * - the tally of ≥100 MB of CloudTrail JSON lines built from the corpus, every control together and
 *   the unauthorized-API-calls control alone, as a ratio to JSON.parse alone over the same lines
 *   (targets: at least 1.0 and 1.5); with the corpus as it is, and mixed as in an account's archive,
 *   where few events match. Each record gets an eventTime two seconds after the one before: some of
 *   the corpus's are missing or not in CloudTrail's format;
 * - the whole command over a gzipped archive in CloudTrail's S3 layout, in MB/s of gzipped input;
 * - the command's peak resident memory over archives of 10 MB to 2 GB of events (target: well under
 *   300 MB however large). The archives are generated once, file by file, under .bench/ and kept;
 * - the command's time and peak memory on the same 10,000 events spread over a day to the years 1 to
 *   9999 (target: flat, as they follow the events, not the time they span);
 * - reading one long record, as a JSON line and in a log file, from 2 MB to the 16 MiB a record may
 *   be, and passing over longer ones up to 256 MB (target: linear, the same MB/s at every length).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { main } from "../replay/main";
import { replayPlan } from "../replay/plan";
import { ReplayControl, Tally } from "../replay/count/tally";
import { isoTime } from "../replay/time";
import { readEventFile } from "../lib/events";
import { best, bestAsync, report } from "./measure";

const ROOT = path.resolve(__dirname, "..");
const CORPUS = path.resolve(ROOT, "tests/data/cloudtrail-events.jsonl");
const ARCHIVES = path.join(ROOT, ".bench", "replay");
const MB = 1024 * 1024;
const START = Date.parse("2026-03-01T00:00:00Z");
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"];

export async function benchReplay(): Promise<void> {
  benchTally();
  await benchArchive();
  benchMemory();
  benchSpan();
  await benchLongRecords();
}

let corpusEvents: Record<string, unknown>[] | undefined;

/** The corpus's events, read the first time they are needed. */
function corpus(): Record<string, unknown>[] {
  corpusEvents ??= fs
    .readFileSync(CORPUS, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line).event);
  return corpusEvents;
}

/** `events` one after another, two seconds apart, as JSON texts, until `bytes` are written. */
function* records(bytes: number, region?: (index: number) => string, events = corpus()): Generator<string> {
  for (let i = 0, written = 0; written < bytes; i++) {
    const time = isoTime((START + i * 2000) / 1000);
    const text = JSON.stringify({
      ...events[i % events.length],
      eventTime: time,
      ...(region ? { awsRegion: region(i) } : {}),
    });
    written += text.length + 1;
    yield text;
  }
}

/**
 * The corpus as an account's archive mixes it: one event in `every` matches a control. (Of the
 * corpus as it is, built to exercise the controls, two events in five match one.)
 */
function archiveMix(controls: readonly ReplayControl[], every: number): Record<string, unknown>[] {
  const tally = new Tally(controls);
  const matched = () => tally.controls.reduce((sum, c) => sum + c.matched, 0);
  const matching: Record<string, unknown>[] = [];
  const others: Record<string, unknown>[] = [];
  for (const event of corpus()) {
    const before = matched();
    tally.add(JSON.stringify({ ...event, eventTime: "2026-03-01T00:00:00Z" }));
    (matched() > before ? matching : others).push(event);
  }
  return Array.from({ length: every * matching.length }, (_, i) =>
    i % every === 0 ? matching[i / every] : others[i % others.length],
  );
}

function benchTally(): void {
  const plan = replayPlan(ROOT, { stack: "dev" });
  const alone = plan.controls.filter((c) => c.control.id === "unauthorized-api-calls");
  for (const [mix, events] of [
    ["the corpus as it is", corpus()],
    ["1 in 100 events matching", archiveMix(plan.controls, 100)],
  ] as const) {
    const lines = [...records(100 * MB, undefined, events)];
    const mb = lines.reduce((sum, line) => sum + line.length + 1, 0) / MB;
    let parsed = 0;
    const floor = best(3, () => {
      for (const line of lines) if (JSON.parse(line) !== null) parsed++;
    });
    if (parsed === 0) throw new Error("nothing parsed");
    const rows: [string, string][] = [["JSON.parse alone", `${(mb / floor).toFixed(1)} MB/s`]];
    for (const [name, controls, target] of [
      [`all ${plan.controls.length} controls`, plan.controls, "1.0"],
      ["unauthorized-api-calls alone", alone, "1.5"],
    ] as const) {
      let matched = 0;
      const seconds = best(3, () => {
        const tally = new Tally(controls);
        for (const line of lines) tally.add(line);
        matched = tally.controls.reduce((sum, c) => sum + c.matched, 0);
      });
      rows.push(
        [`${name}`, `${(mb / seconds).toFixed(1)} MB/s, ${matched} matches`],
        [`  ratio (target >= ${target})`, (floor / seconds).toFixed(2)],
      );
    }
    report(`replay tally, ${mix}: ${lines.length} events, ${mb.toFixed(0)} MB of JSON lines`, rows);
  }
}

async function benchArchive(): Promise<void> {
  const archive = generatedArchive(100 * MB);
  const quiet = { out: () => {}, err: (text: string) => console.error(text) };
  const seconds = await bestAsync(3, async () => {
    if ((await main(["--json", archive.dir], quiet)) !== 0) throw new Error("the replay failed");
  });
  report(
    `replay command, gzipped S3 archive: ${archive.files} files, ${size(archive.gzipped)} gzipped, ${size(archive.bytes)} of events`,
    [
      ["gzipped input", `${(archive.gzipped / MB / seconds).toFixed(1)} MB/s`],
      ["events", `${(archive.bytes / MB / seconds).toFixed(1)} MB/s`],
    ],
  );
}

function benchMemory(): void {
  const rows: [string, string][] = [];
  for (const bytes of [10 * MB, 100 * MB, 2048 * MB]) {
    const archive = generatedArchive(bytes);
    const { maxRSS, seconds } = replayProcess(archive.dir);
    rows.push([
      `${size(archive.bytes)} (${size(archive.gzipped)} gzipped)`,
      `peak RSS ${maxRSS.toFixed(0)} MB, ${seconds.toFixed(1)} s, ${(archive.bytes / MB / seconds).toFixed(0)} MB/s of events`,
    ]);
  }
  report("replay command, peak resident memory by archive size (target: well under 300 MB)", rows);
}

/** The replay of `path` as a command in a fresh process, so that its peak is its own: in MB, and seconds. */
function replayProcess(target: string, html?: string): { maxRSS: number; seconds: number } {
  const args = ["--json", ...(html ? ["--html", html] : []), target];
  const script =
    `require("./replay/main").main(${JSON.stringify(args)}, { out() {}, err: console.error })` +
    `.then((code) => process.stderr.write(JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS })))`;
  const started = Date.now();
  const run = spawnSync(process.execPath, ["-r", "ts-node/register", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const seconds = (Date.now() - started) / 1000;
  const result = JSON.parse(run.stderr.trim().split("\n").pop() ?? "{}");
  if (result.code !== 0) throw new Error(`the replay of ${target} failed: ${run.stderr}`);
  return { maxRSS: result.maxRSS / 1024, seconds };
}

/** The same 10,000 events, evenly spread over longer and longer times; the page written too. */
function benchSpan(): void {
  const events = 10_000;
  const rows: [string, string][] = [];
  let first: number | undefined;
  for (const [label, from, to] of [
    ["a day", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"],
    ["a year", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"],
    ["1970 to 2099", "1970-01-01T00:00:00Z", "2099-12-31T00:00:00Z"],
    ["the years 1 to 9999", "0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z"],
  ]) {
    const start = Date.parse(from);
    const step = (Date.parse(to) - start) / (events - 1);
    const file = path.join(ARCHIVES, `span-${label.replace(/\W+/g, "-")}.jsonl`);
    fs.mkdirSync(ARCHIVES, { recursive: true });
    fs.writeFileSync(
      file,
      Array.from({ length: events }, (_, i) =>
        JSON.stringify({
          ...corpus()[i % corpus().length],
          eventTime: isoTime(Math.floor((start + i * step) / 1000)),
        }),
      ).join("\n"),
    );
    const { maxRSS, seconds } = replayProcess(file, path.join(ARCHIVES, "span.html"));
    first ??= maxRSS;
    rows.push([
      label,
      `peak RSS ${maxRSS.toFixed(0)} MB (${(maxRSS / first).toFixed(2)} of a day's), ${seconds.toFixed(1)} s`,
    ]);
  }
  report(`replay command with --html, ${events} events over a time span (target: flat)`, rows);
}

/**
 * Reading one record of each length, as a JSON line and in a CloudTrail log file: records up to
 * the 16 MiB a record may be are read, longer ones passed over.
 */
async function benchLongRecords(): Promise<void> {
  const rows: [string, string][] = [];
  fs.mkdirSync(ARCHIVES, { recursive: true });
  for (const mb of [2, 4, 8, 16, 64, 256]) {
    const padding = "x".repeat(mb * MB - 100);
    const record = `{"eventTime":"2026-03-01T00:00:00Z","eventName":"Long","padding":"${padding}"}`;
    for (const [shape, text] of [
      ["JSON line", `${record}\n`],
      ["log file", `{"Records":[${record}]}`],
    ] as const) {
      const file = path.join(ARCHIVES, `long-${mb}mb-${shape.replace(" ", "-")}.json`);
      if (!fs.existsSync(file)) fs.writeFileSync(file, text);
      // Each timing reads at least 256 MB, so that short records are timed as well as long ones.
      const times = Math.ceil(256 / mb);
      let read = 0;
      let passed = 0;
      const seconds = await bestAsync(3, async () => {
        read = passed = 0;
        for (let i = 0; i < times; i++) await readEventFile(file, () => read++, { onSkip: () => passed++ });
      });
      rows.push([
        `${mb} MB, ${shape}`,
        `${((mb * times) / seconds).toFixed(0)} MB/s, ${read ? "read" : passed ? "passed over (longer than 16 MiB)" : "?"}`,
      ]);
    }
  }
  report("reading one long record (target: linear, the same MB/s at every length)", rows);
}

interface Archive {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
  readonly gzipped: number;
}

/**
 * An archive in CloudTrail's S3 layout holding `bytes` of events, one region after another, in log
 * files of 4 MB of events; written file by file, and kept for later runs.
 */
function generatedArchive(bytes: number): Archive {
  const dir = path.join(ARCHIVES, `archive-${bytes / MB}mb`);
  const done = path.join(dir, ".complete.json");
  if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, "utf8"));
  fs.rmSync(dir, { recursive: true, force: true });
  const archive = { dir, files: 0, bytes: 0, gzipped: 0 };
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = (index: number) => {
    const region = REGIONS[archive.files % REGIONS.length];
    const time = new Date(START + index * 2000).toISOString();
    const [year, month, day] = time.slice(0, 10).split("-");
    const name = `111122223333_CloudTrail_${region}_${time.slice(0, 16).replace(/[-:]/g, "")}Z_${archive.files}.json.gz`;
    const file = path.join(dir, "AWSLogs", "111122223333", "CloudTrail", region, year, month, day, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const gzipped = zlib.gzipSync(`{"Records":[${batch.join(",")}]}`, { level: 1 });
    fs.writeFileSync(file, gzipped);
    archive.files++;
    archive.bytes += batchBytes;
    archive.gzipped += gzipped.length;
    batch = [];
    batchBytes = 0;
  };
  let index = 0;
  for (const text of records(bytes, () => REGIONS[archive.files % REGIONS.length])) {
    batch.push(text);
    batchBytes += text.length + 1;
    if (batchBytes >= 4 * MB) flush(index);
    index++;
  }
  if (batch.length > 0) flush(index);
  fs.writeFileSync(done, JSON.stringify(archive));
  return archive;
}

function size(bytes: number): string {
  return bytes >= 1024 * MB ? `${(bytes / 1024 / MB).toFixed(1)} GB` : `${(bytes / MB).toFixed(0)} MB`;
}
