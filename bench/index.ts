/**
 * `npm run bench [-- NAME ...]`: the project's benchmarks, or only those named. Figures, not
 * pass/fail: compare them with the targets shown.
 */
import { benchPolicyPack } from "./policy-pack";
import { benchReplay } from "./replay";
import { benchStartup } from "./startup";
import { benchState } from "./state";
import { benchTestPattern } from "./test-pattern";

const BENCHMARKS: Record<string, () => void | Promise<void>> = {
  "test-pattern": benchTestPattern,
  "policy-pack": benchPolicyPack,
  startup: benchStartup,
  replay: benchReplay,
  state: benchState,
};

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(`no benchmark ${unknown.join(", ")}; benchmarks: ${Object.keys(BENCHMARKS).join(", ")}`);
  }
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (names.length === 0 || names.includes(name)) await run();
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
