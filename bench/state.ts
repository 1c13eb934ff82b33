/**
 * `npm start --state` over a stack export of 100,000 resources (five monitoring chains among buckets,
 * each resource with its provider, some secrets and resource references), in a process of its own so
 * its peak memory is its own. Prints the total time and the runner's share of it (reading the export
 * and writing the report) next to the pack's (the Analyze and AnalyzeStack calls), and the peak
 * resident memory of the runner and of the pack. Target: well under a minute, within 1 GB.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SECRET_SIG, SIG_KEY, RESOURCE_REFERENCE_SIG } from "../lib/pulumi/property-values";
import { CONTROLS } from "../policy/catalog";
import { report } from "./measure";

const SIZE = 100_000;
const CHAINS = 5;
const DIR = path.resolve(__dirname, "../.bench");
const STACK = "urn:pulumi:prod::platform";
const PROVIDER = `${STACK}::pulumi:providers:aws::default_7_48_0`;

function resource(type: string, name: string, outputs: Record<string, unknown>, custom = true): object {
  return {
    urn: `${STACK}::${type}::${name}`,
    custom,
    id: `${name}-id`,
    type,
    inputs: outputs,
    outputs: {
      ...outputs,
      arn: `arn:aws:${type.split(":")[1].split("/")[0]}:us-east-1:111122223333:${name}`,
    },
    parent: `${STACK}::pulumi:pulumi:Stack::platform-prod`,
    provider: `${PROVIDER}::a1b2c3d4`,
    dependencies: [],
    propertyDependencies: {},
  };
}

function chain(i: number): object[] {
  const logGroup = `trail-logs-${i}`;
  const topicArn = `arn:aws:sns:us-east-1:111122223333:alerts-${i}`;
  const topicUrn = `${STACK}::aws:sns/topic:Topic::alerts-${i}`;
  return [
    resource("aws:cloudwatch/logGroup:LogGroup", logGroup, { name: logGroup, retentionInDays: 365 }),
    {
      ...resource("aws:sns/topic:Topic", `alerts-${i}`, { name: `alerts-${i}` }),
      outputs: { arn: topicArn },
    },
    resource("aws:cloudtrail/trail:Trail", `trail-${i}`, {
      isMultiRegionTrail: true,
      enableLogging: true,
      includeGlobalServiceEvents: true,
      cloudWatchLogsGroupArn: `arn:aws:logs:us-east-1:111122223333:log-group:${logGroup}:*`,
    }),
    resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", `filter-${i}`, {
      logGroupName: logGroup,
      pattern: CONTROLS[0].patterns["security-hub"],
      metricTransformation: { namespace: "CloudTrailMetrics", name: CONTROLS[0].metricName, value: "1" },
    }),
    resource("aws:cloudwatch/metricAlarm:MetricAlarm", `alarm-${i}`, {
      namespace: "CloudTrailMetrics",
      metricName: CONTROLS[0].metricName,
      statistic: "Sum",
      threshold: 1,
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      actionsEnabled: true,
      alarmActions: [{ [SIG_KEY]: RESOURCE_REFERENCE_SIG, urn: topicUrn, id: topicArn }],
    }),
    resource("aws:sns/topicSubscription:TopicSubscription", `people-${i}`, {
      topic: topicArn,
      protocol: "email",
      endpoint: { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(`secops-${i}@example.com`) },
    }),
  ];
}

/** Writes the export resource by resource, so the benchmark itself stays small. */
function writeExport(file: string): void {
  const out = fs.openSync(file, "w");
  fs.writeSync(
    out,
    '{"version":3,"deployment":{"manifest":{"time":"2026-11-24T08:00:00Z","magic":"","version":"v3.200.0"},',
  );
  fs.writeSync(out, '"secrets_providers":{"type":"service"},"resources":[');
  const head = [
    resource("pulumi:pulumi:Stack", "platform-prod", {}, false),
    {
      urn: PROVIDER,
      custom: true,
      id: "a1b2c3d4",
      type: "pulumi:providers:aws",
      inputs: { region: "us-east-1" },
      outputs: { region: "us-east-1" },
    },
    ...Array.from({ length: CHAINS }, (_, i) => chain(i)).flat(),
  ];
  let written = 0;
  const write = (r: object) => fs.writeSync(out, (written++ > 0 ? "," : "") + JSON.stringify(r));
  head.forEach(write);
  for (let i = written; i < SIZE; i++) {
    write(
      resource("aws:s3/bucket:Bucket", `bucket-${i}`, {
        bucket: `bucket-${i}`,
        tags: { team: "platform", env: "prod", index: String(i) },
        versioning: { enabled: true },
        serverSideEncryptionConfiguration: {
          rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } },
        },
      }),
    );
  }
  fs.writeSync(out, "]}}");
  fs.closeSync(out);
}

export function benchState(): void {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `state-${SIZE}.json`);
  writeExport(file);
  const run = spawnSync(
    process.execPath,
    ["-r", "ts-node/register", path.join(__dirname, "state-check.ts"), file],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (run.status !== 0) throw new Error(`state check failed:\n${run.stderr}`);
  const m = JSON.parse(run.stdout) as Record<string, number | string>;
  const seconds = (ms: unknown) => `${(Number(ms) / 1000).toFixed(1)} s`;
  report(
    `npm start --state: ${SIZE.toLocaleString("en")} resources (${(fs.statSync(file).size / 1e6).toFixed(0)} MB export, verdict ${m.verdict})`,
    [
      ["total (target well under 60 s)", seconds(m.total)],
      ["runner: read and convert", seconds(m.read)],
      ["runner: report", seconds(m.report)],
      ["pack: start-up (in parallel)", seconds(m.packStart)],
      ["pack: Analyze + AnalyzeStack", seconds(m.analyze)],
      [
        "runner share of total",
        `${((100 * (Number(m.read) + Number(m.report))) / Number(m.total)).toFixed(0)} %`,
      ],
      ["peak RSS runner (target 1 GB)", `${(Number(m.runnerRss) / 1024).toFixed(0)} MB`],
      ["peak RSS pack", `${(Number(m.packRss) / 1024).toFixed(0)} MB`],
    ],
  );
  if (!process.env.KEEP) fs.rmSync(file);
}

if (require.main === module) benchState();
