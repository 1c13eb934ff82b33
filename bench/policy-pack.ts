/**
 * The policy pack over synthetic stacks of 1,000, 10,000 and 100,000 resources through the same
 * gRPC path the Pulumi CLI uses, as a ratio to a no-op stack policy over the same stack (the
 * serialisation floor). Target: at most 1.5x the floor at 10,000 and 100,000 resources.
 */
import * as path from "path";
import { AnalyzerInput, analyzerInput, PolicyPackServer } from "../offline/analyzer";
import { RawResource } from "../policy/stack";
import { aws, resource } from "../tests/policy/builders";
import { bestAsync, report } from "./measure";

const SIZES = [1_000, 10_000, 100_000];
const CHAINS = 5;

function input(r: RawResource): AnalyzerInput {
  return analyzerInput(r.type, r.name, r.urn, r.props, r.propertyDependencies as Record<string, string[]>);
}

/** A few complete monitoring chains among many unrelated resources. */
function syntheticStack(size: number): AnalyzerInput[] {
  const resources: RawResource[] = [];
  for (let i = 0; i < CHAINS; i++) {
    const logGroup = aws.logGroup(`logs-${i}`, { retentionInDays: 365 });
    const topic = aws.topic(`alerts-${i}`);
    resources.push(
      logGroup,
      topic,
      aws.trail(`trail-${i}`, logGroup),
      aws.filter(`filter-${i}`, logGroup),
      aws.alarm(`alarm-${i}`, topic),
      aws.subscription(`people-${i}`, topic),
    );
  }
  for (let i = resources.length; i < size; i++) {
    resources.push(
      resource("aws:s3/bucket:Bucket", `bucket-${i}`, {
        bucket: `bucket-${i}`,
        tags: { team: "platform", env: "prod", index: String(i) },
        versioning: { enabled: true },
      }),
    );
  }
  return resources.map(input);
}

export async function benchPolicyPack(): Promise<void> {
  const [pack, floor] = await Promise.all([
    PolicyPackServer.start(path.resolve(__dirname, "../policy")),
    PolicyPackServer.start(path.resolve(__dirname, "noop-pack")),
  ]);
  try {
    for (const size of SIZES) {
      const stack = syntheticStack(size);
      const runs = size >= 100_000 ? 3 : 5;
      // Warm both servers on this stack before timing.
      await floor.analyzeStack(stack);
      const verdict = await pack.analyzeStack(stack);
      if (verdict.diagnostics.length > 0)
        throw new Error(`the synthetic stack should pass: ${verdict.diagnostics[0].message}`);
      const floorSeconds = await bestAsync(runs, async () => void (await floor.analyzeStack(stack)));
      const packSeconds = await bestAsync(runs, async () => void (await pack.analyzeStack(stack)));
      report(`policy pack: ${size.toLocaleString("en")} resources (${CHAINS} monitoring chains)`, [
        ["no-op stack policy (floor)", `${(floorSeconds * 1000).toFixed(0)} ms`],
        ["cis-monitoring pack", `${(packSeconds * 1000).toFixed(0)} ms`],
        ["ratio (target <= 1.5)", (packSeconds / floorSeconds).toFixed(2)],
      ]);
    }
  } finally {
    await Promise.all([pack.stop(), floor.stop()]);
  }
}
