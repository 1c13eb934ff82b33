/**
 * The policy pack over synthetic stacks of 10,000 and 100,000 resources through the same gRPC path
 * the Pulumi CLI uses, as a ratio to a no-op stack policy over the same stack (the serialisation
 * floor). Target: at most 1.5x the floor, for every shape of stack. Each monitoring chain has a
 * filter and an alarm for every control of the catalog.
 */
import * as path from "path";
import { AnalyzerInput, analyzerInput, PolicyPackServer } from "../preview/pack";
import { CONTROLS } from "../policy/catalog";
import { RawResource } from "../policy/stack";
import {
  aws,
  CLOUDWATCH_MAY_USE,
  DELIVERS,
  hardenedTrail,
  linked,
  resource,
  TRUSTS,
  uniquely,
} from "../tests/policy/builders";
import { bestAsync, report } from "./measure";

const SIZES = [10_000, 100_000];

/**
 * A hardened trail delivering through a role, its log group, a filter and an alarm per control, and a
 * topic encrypted with a key of the stack, with a subscription: every step the pack judges.
 */
function monitoringChain(id: string): RawResource[] {
  const logGroup = aws.logGroup("cloudtrail-logs", { retentionInDays: 365 });
  const role = aws.role("trail-delivery", TRUSTS("cloudtrail.amazonaws.com"));
  const key = aws.key("alarm-topic-key", CLOUDWATCH_MAY_USE());
  const topic = aws.topic("security-alerts", key);
  const [trail, ...storage] = hardenedTrail("org-trail", logGroup);
  const delivering = linked(
    { ...trail, props: { ...trail.props, cloudWatchLogsRoleArn: role.props.arn } },
    { cloudWatchLogsRoleArn: [role] },
  );
  const chain = [
    logGroup,
    role,
    aws.rolePolicy("trail-delivery", role, DELIVERS(String(logGroup.props.arn)), [logGroup]),
    key,
    topic,
    delivering,
    ...storage,
    aws.subscription("secops", topic),
    ...CONTROLS.flatMap((control) => [
      aws.filter(control.id, logGroup, {
        pattern: control.patterns["security-hub"],
        metricTransformation: { namespace: "CloudTrailMetrics", name: control.metricName, value: "1" },
      }),
      aws.alarm(control.id, topic, { metricName: control.metricName }),
    ]),
  ];
  return chain.map((r) => uniquely(r, id));
}

/** Another resource of the same kind, linked to the same resources. */
function renamed(r: RawResource, id: string): RawResource {
  return { ...r, urn: `${r.urn}::${id}` };
}

function bucket(i: number): RawResource {
  return resource("aws:s3/bucket:Bucket", `bucket-${i}`, {
    bucket: `bucket-${i}`,
    tags: { team: "platform", env: "prod", index: String(i) },
    versioning: { enabled: true },
  });
}

/** Pads a stack with ordinary resources up to `size`. */
function padded(resources: RawResource[], size: number): RawResource[] {
  for (let i = resources.length; i < size; i++) resources.push(bucket(i));
  return resources;
}

const SHAPES: Record<string, (size: number) => RawResource[]> = {
  "5 chains among ordinary resources": (size) =>
    padded(Array.from({ length: 5 }, (_, i) => monitoringChain(`c${i}`)).flat(), size),
  "chains sharing names and metrics, 1 in 50 resources": (size) =>
    padded(Array.from({ length: Math.floor(size / 50) }, (_, i) => monitoringChain(`c${i}`)).flat(), size),
  "thousands of alarms on one metric": (size) => {
    const chain = monitoringChain("c0");
    const topic = chain.find((r) => r.type === "aws:sns/topic:Topic")!;
    const alarms = Array.from({ length: size / 10 }, (_, i) =>
      renamed(aws.alarm(CONTROLS[0].id, topic, { metricName: CONTROLS[0].metricName }), `alarm-${i}`),
    );
    return padded([...chain, ...alarms], size);
  },
  "one topic with thousands of subscriptions": (size) => {
    const chain = monitoringChain("c0");
    const topic = chain.find((r) => r.type === "aws:sns/topic:Topic")!;
    const subscriptions = Array.from({ length: size / 10 }, (_, i) =>
      renamed(aws.subscription("secops", topic), `subscription-${i}`),
    );
    return padded([...chain, ...subscriptions], size);
  },
};

function input(r: RawResource): AnalyzerInput {
  return analyzerInput(r.type, r.name, r.urn, r.props, r.propertyDependencies as Record<string, string[]>);
}

export async function benchPolicyPack(): Promise<void> {
  const [pack, floor] = await Promise.all([
    PolicyPackServer.start(path.resolve(__dirname, "../policy")),
    PolicyPackServer.start(path.resolve(__dirname, "noop-pack")),
  ]);
  try {
    for (const size of SIZES) {
      for (const [shape, build] of Object.entries(SHAPES)) {
        const stack = build(size).map(input);
        const runs = size >= 100_000 ? 3 : 5;
        // Warm both servers on this stack before timing, and check the stack passes.
        await floor.analyzeStack(stack);
        const verdict = await pack.analyzeStack(stack);
        const mandatory = verdict.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
        if (mandatory.length > 0)
          throw new Error(`the "${shape}" stack should pass: ${mandatory[0].message}`);
        const floorSeconds = await bestAsync(runs, async () => void (await floor.analyzeStack(stack)));
        const packSeconds = await bestAsync(runs, async () => void (await pack.analyzeStack(stack)));
        report(
          `policy pack: ${size.toLocaleString("en")} resources, ${shape} (${CONTROLS.length} controls)`,
          [
            ["no-op stack policy (floor)", `${(floorSeconds * 1000).toFixed(0)} ms`],
            ["cis-monitoring pack", `${(packSeconds * 1000).toFixed(0)} ms`],
            ["ratio (target <= 1.5)", (packSeconds / floorSeconds).toFixed(2)],
          ],
        );
      }
    }
  } finally {
    await Promise.all([pack.stop(), floor.stop()]);
  }
}
