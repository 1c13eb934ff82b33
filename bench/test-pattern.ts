/**
 * Throughput of test-pattern's evaluation over ≥100 MB of CloudTrail JSON lines built from the
 * corpus, as a ratio to JSON.parse alone over the same lines (target: at least 0.7).
 */
import * as fs from "fs";
import * as path from "path";
import { CONTROLS } from "../policy/catalog";
import { compileFilterPattern } from "../policy/filter-pattern";
import { testLines } from "../test-pattern/test-events";
import { best, report } from "./measure";

const CORPUS = path.resolve(__dirname, "../tests/data/cloudtrail-events.jsonl");
const TARGET_BYTES = 100 * 1024 * 1024;

export function benchTestPattern(): void {
  const records = fs
    .readFileSync(CORPUS, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.stringify(JSON.parse(line).event));
  const lines: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    for (const record of records) {
      lines.push(record);
      bytes += record.length + 1;
    }
  }
  const text = lines.join("\n");
  const mb = bytes / (1024 * 1024);

  for (const [name, source] of Object.entries(CONTROLS[0].patterns)) {
    const pattern = compileFilterPattern(source);
    let parsed = 0;
    const floor = best(3, () => {
      for (const line of lines) if (JSON.parse(line) !== null) parsed++;
    });
    let matched = 0;
    const evaluation = best(3, () => {
      matched = testLines(pattern, text, "bench").filter((r) => r.matched).length;
    });
    report(
      `test-pattern, ${CONTROLS[0].id} (${name}): ${lines.length} events, ${mb.toFixed(0)} MB, ${matched} match`,
      [
        ["JSON.parse alone", `${(mb / floor).toFixed(1)} MB/s`],
        ["test-pattern evaluation", `${(mb / evaluation).toFixed(1)} MB/s`],
        ["ratio (target >= 0.7)", (floor / evaluation).toFixed(2)],
      ],
    );
    if (parsed === 0) throw new Error("nothing parsed");
  }
}
