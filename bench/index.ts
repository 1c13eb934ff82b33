/**
 * `npm run bench [-- NAME ...]`: the project's benchmarks, or only those named. Figures, not
 * pass/fail: compare them with the targets shown.
 */
import { EXIT_USAGE, runMain } from "../lib/cli";

/** Each benchmark, loaded when it runs: a benchmark loads the product it measures. */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  "test-pattern": async () => (await import("./test-pattern")).benchTestPattern(),
  "policy-pack": async () => (await import("./policy-pack")).benchPolicyPack(),
  startup: async () => (await import("./startup")).benchStartup(),
  replay: async () => (await import("./replay")).benchReplay(),
  state: async () => (await import("./state")).benchState(),
};

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(
      `no benchmark named ${unknown.join(", ")}: choose from ${Object.keys(BENCHMARKS).join(", ")}, ` +
        "or name none to run them all",
    );
    return EXIT_USAGE;
  }
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (names.length === 0 || names.includes(name)) await run();
  }
  return 0;
}

runMain(main);
