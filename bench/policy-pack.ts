/**
 * The policy pack over synthetic stacks of 1,000, 10,000 and 100,000 resources through the same
 * gRPC path the Pulumi CLI uses, as a ratio to a no-op stack policy over the same stack (the
 * serialisation floor). Target: at most 1.5x the floor at 10,000 and 100,000 resources.
 */
import * as path from "path";
import { AnalyzerInput, PolicyPackServer, PulumiStruct } from "../offline/analyzer";
import { CONTROLS } from "../policy/catalog";
import { bestAsync, report } from "./measure";

const SIZES = [1_000, 10_000, 100_000];
const CHAINS = 5;

function resource(
  type: string,
  name: string,
  props: object,
  links: Record<string, string[]> = {},
): AnalyzerInput {
  return {
    type,
    name,
    urn: `urn:pulumi:bench::bench::${type}::${name}`,
    properties: PulumiStruct.fromJavaScript(props as never),
    dependencies: Object.values(links).flat(),
    propertyDependencies: links,
    protect: false,
  };
}

/** A few complete monitoring chains among many unrelated resources. */
function syntheticStack(size: number): AnalyzerInput[] {
  const resources: AnalyzerInput[] = [];
  for (let i = 0; i < CHAINS; i++) {
    const group = resource("aws:cloudwatch/logGroup:LogGroup", `logs-${i}`, {
      name: `logs-${i}`,
      retentionInDays: 365,
    });
    const topic = resource("aws:sns/topic:Topic", `alerts-${i}`, {
      name: `alerts-${i}`,
      arn: `arn:aws:sns:us-east-1:111122223333:alerts-${i}`,
    });
    resources.push(
      group,
      topic,
      resource(
        "aws:cloudtrail/trail:Trail",
        `trail-${i}`,
        {
          isMultiRegionTrail: true,
          includeGlobalServiceEvents: true,
          enableLogging: true,
          cloudWatchLogsGroupArn: `arn:aws:logs:us-east-1:111122223333:log-group:logs-${i}:*`,
        },
        { cloudWatchLogsGroupArn: [group.urn] },
      ),
      resource(
        "aws:cloudwatch/logMetricFilter:LogMetricFilter",
        `filter-${i}`,
        {
          logGroupName: `logs-${i}`,
          pattern: CONTROLS[0].securityHubPattern,
          metricTransformation: {
            namespace: "CloudTrailMetrics",
            name: "AuthorizationFailureCount",
            value: "1",
          },
        },
        { logGroupName: [group.urn] },
      ),
      resource(
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        `alarm-${i}`,
        {
          namespace: "CloudTrailMetrics",
          metricName: "AuthorizationFailureCount",
          statistic: "Sum",
          period: 300,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          evaluationPeriods: 1,
          alarmActions: [`arn:aws:sns:us-east-1:111122223333:alerts-${i}`],
        },
        { alarmActions: [topic.urn] },
      ),
      resource(
        "aws:sns/topicSubscription:TopicSubscription",
        `people-${i}`,
        {
          topic: `arn:aws:sns:us-east-1:111122223333:alerts-${i}`,
          protocol: "email",
          endpoint: "secops@example.com",
        },
        { topic: [topic.urn] },
      ),
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
  return resources;
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
