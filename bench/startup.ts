/**
 * Start-up of the policy pack as members get it (`npm pack`, unpacked, `npm install`): from launching
 * run-policy-pack to the port it prints, as a ratio to a no-op JavaScript pack started the same way
 * beside it, on the same installed packages. Target: at most 1.3x. The pack as it runs in this
 * checkout, compiling its TypeScript at start, is shown for comparison.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackServer } from "../preview/pack";
import { installPublishedPack, POLICY } from "../tests/helpers/published-pack";
import { report } from "./measure";

const RUNS = 7;
const CHECKOUT_RUNS = 3;

/** Seconds from launching the pack in `dir` to its printed port. */
async function startup(dir: string): Promise<number> {
  const start = process.hrtime.bigint();
  const server = await PolicyPackServer.start(dir);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await server.stop();
  return seconds;
}

export async function benchStartup(): Promise<void> {
  const published = await installPublishedPack();
  try {
    // The no-op pack sits inside the installed one, so both load the same @pulumi/pulumi and TypeScript.
    const noop = path.join(published.dir, "noop-pack");
    fs.cpSync(path.join(__dirname, "noop-pack"), noop, { recursive: true });
    const times = { noop: [] as number[], published: [] as number[], checkout: [] as number[] };
    // Alternate the packs, and keep each one's best run: other work on the machine only ever adds time.
    for (let i = 0; i < RUNS; i++) {
      times.noop.push(await startup(noop));
      times.published.push(await startup(published.dir));
      if (i < CHECKOUT_RUNS) times.checkout.push(await startup(POLICY));
    }
    const best = (t: number[]) => Math.min(...t);
    const seconds = (t: number[]) => `${best(t).toFixed(2)} s`;
    report(`policy pack start-up: run-policy-pack launched to port printed, best of ${RUNS}`, [
      ["no-op JavaScript pack", seconds(times.noop)],
      ["cis-monitoring as published", seconds(times.published)],
      ["ratio (target <= 1.3)", (best(times.published) / best(times.noop)).toFixed(2)],
      [
        "cis-monitoring in a checkout",
        `${seconds(times.checkout)} (compiles its TypeScript at start; best of ${CHECKOUT_RUNS})`,
      ],
    ]);
  } finally {
    published.remove();
  }
}
