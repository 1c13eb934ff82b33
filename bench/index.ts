/** `npm run bench`: the project's benchmarks. Figures, not pass/fail: compare them with the targets shown. */
import { benchPolicyPack } from "./policy-pack";
import { benchStartup } from "./startup";
import { benchTestPattern } from "./test-pattern";

async function main(): Promise<void> {
  benchTestPattern();
  await benchPolicyPack();
  await benchStartup();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
