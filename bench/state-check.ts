/** One `npm start --state FILE --json` run, timed phase by phase; prints the figures as JSON. See ./state.ts. */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackServer } from "../preview/pack";
import { fromExport } from "../preview/checked";
import { judge } from "../preview/judge";
import { Redactor } from "../preview/report/redact";

/** Peak resident memory of a process, in kB, from /proc (Linux). */
function peakRss(pid: number | undefined): number {
  const status = pid === undefined ? "" : fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

async function main(file: string): Promise<void> {
  const start = Date.now();
  const starting = PolicyPackServer.start(path.resolve(__dirname, "../policy"));
  const checked = fromExport(file, new Redactor());
  const read = Date.now() - start;
  const pack = await starting;
  const packStart = Date.now() - start;
  try {
    const before = Date.now();
    const verdict = await judge(pack, checked);
    const analyze = Date.now() - before;
    const output = JSON.stringify(verdict, null, 2);
    const total = Date.now() - start;
    process.stdout.write(
      JSON.stringify({
        total,
        read,
        packStart,
        analyze,
        report: total - (before - start) - analyze,
        bytes: output.length,
        verdict: verdict.verdict.status,
        runnerRss: process.resourceUsage().maxRSS,
        packRss: peakRss(pack.pid),
      }),
    );
  } finally {
    await pack.stop();
  }
}

main(process.argv[2]).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
