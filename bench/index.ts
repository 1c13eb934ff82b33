/** `npm run bench`: the project's benchmarks. Figures, not pass/fail: compare them with the targets shown. */
import { benchPolicyPack } from "./policy-pack";
import { benchTestPattern } from "./test-pattern";

async function main(): Promise<void> {
  benchTestPattern();
  await benchPolicyPack();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
