/** Runs this project's program under Pulumi's mocks and indexes what it registered. */
import * as path from "path";
import { version as awsVersion } from "@pulumi/aws/package.json";
import { Capture, CapturedResource, captureProgram } from "./capture";
import { readProjectFile } from "../../lib/pulumi/project";
import { existingStackConfig } from "../../lib/pulumi/stack-config";

export const ROOT = path.resolve(__dirname, "../..");

/** The installed @pulumi/aws: the version its resources ask for, which names the engine's default provider. */
export const AWS_VERSION: string = awsVersion;
export const DEFAULT_AWS_PROVIDER = `default_${AWS_VERSION.replace(/[.+-]/g, "_")}`;

const project = readProjectFile(ROOT);

export const DEV_CONFIG = existingStackConfig(ROOT, project.name, "dev");
/** The name of the dev stack's component, and the prefix of its children's names. */
export const DEV_NAME = `${project.name}-dev`;

export interface ProgramRun extends Capture {
  /** Resources of a type token, e.g. "aws:cloudtrail/trail:Trail". */
  ofType(type: string): CapturedResource[];
  /** The single resource of a type; fails if there is not exactly one. */
  one(type: string): CapturedResource;
  /** The resource of a type named `<stack's prefix>-<suffix>`: `named(T.logGroup, "trail-logs")`. */
  named(type: string, suffix: string): CapturedResource;
  /** The resource of a type that a control has its own of (filter, alarm, query), by control id. */
  ofControl(type: string, id: string): CapturedResource;
  byUrn(urn: string): CapturedResource;
}

const runs = new Map<string, Promise<ProgramRun>>();

/**
 * Runs the program with the dev stack's config, changed by `overrides` (undefined deletes a key).
 * Runs with the same config are shared: a run's resources are only read.
 */
export function runProgram(
  overrides: Record<string, unknown> = {},
  { preview = false } = {},
): Promise<ProgramRun> {
  const key = JSON.stringify([overrides, preview], (_, v) => (v === undefined ? "(deleted)" : v));
  if (!runs.has(key)) runs.set(key, capture(overrides, preview));
  return runs.get(key)!;
}

async function capture(overrides: Record<string, unknown>, preview: boolean): Promise<ProgramRun> {
  const config = { ...DEV_CONFIG };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete config[`cis-monitoring:${key}`];
    else config[`cis-monitoring:${key}`] = value;
  }
  const capture = await captureProgram({
    program: project.main,
    project: project.name,
    stack: "dev",
    config,
    preview,
  });
  const ofType = (type: string) => capture.resources.filter((r) => r.type === type);
  const named = (type: string, suffix: string) => {
    const found = ofType(type).filter((r) => r.name === `${DEV_NAME}-${suffix}`);
    if (found.length !== 1)
      throw new Error(`expected one ${type} named ${DEV_NAME}-${suffix}, found ${found.length}`);
    return found[0];
  };
  return {
    ...capture,
    ofType,
    one(type) {
      const found = ofType(type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0];
    },
    named,
    ofControl: named,
    byUrn(urn) {
      const found = capture.resources.find((r) => r.urn === urn);
      if (!found) throw new Error(`no resource ${urn}`);
      return found;
    },
  };
}

export const T = {
  trail: "aws:cloudtrail/trail:Trail",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  key: "aws:kms/key:Key",
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  query: "aws:cloudwatch/queryDefinition:QueryDefinition",
  lambdaFunction: "aws:lambda/function:Function",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  permission: "aws:lambda/permission:Permission",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
} as const;

/** The one resource of a type whose `bucket` is the given bucket, such as its policy or public access block. */
export function onBucket(run: ProgramRun, bucket: CapturedResource, type: string): CapturedResource {
  const found = run.ofType(type).filter((r) => r.propertyDependencies.bucket?.includes(bucket.urn));
  if (found.length !== 1) throw new Error(`expected one ${type} on ${bucket.name}, found ${found.length}`);
  return found[0];
}

/** A JSON policy document input, parsed. */
export function doc(resource: CapturedResource, key = "policy"): { Statement: Record<string, unknown>[] } {
  return JSON.parse(resource.inputs[key] as string);
}

/** The settings of an alarm that CIS prescribes, and whether it notifies. */
export function alarmSettings(alarm: CapturedResource): Record<string, unknown> {
  const keys = [
    "statistic",
    "period",
    "threshold",
    "comparisonOperator",
    "evaluationPeriods",
    "datapointsToAlarm",
    "treatMissingData",
    "actionsEnabled",
  ];
  return Object.fromEntries(keys.map((key) => [key, alarm.inputs[key]]));
}

export interface DashboardWidget {
  type: string;
  properties: { title: string; metrics?: string[][]; period?: number; query?: string };
}

/** The widgets of the run's dashboard, in order. */
export function dashboardWidgets(run: ProgramRun): DashboardWidget[] {
  return JSON.parse(run.one(T.dashboard).inputs.dashboardBody as string).widgets;
}
