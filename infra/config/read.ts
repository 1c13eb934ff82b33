import * as pulumi from "@pulumi/pulumi";
import Ajv, { ErrorObject } from "ajv";
import { CONTROLS, PATTERN_SETS, RENAMED_PATTERN_SETS } from "../../policy/catalog";
import { stackConfigSchema } from "./schema";
import { AlarmSettings, ControlSettings, MonitoringSettings } from "./settings";

/** Bad stack config: names the key, what it is, and what is allowed. */
export class StackConfigError extends pulumi.RunError {
  constructor(
    readonly key: string,
    problem: string,
    allowed: string,
  ) {
    super(
      `Invalid stack config ${key}: ${problem}. Allowed: ${allowed}. ` +
        `Fix it in Pulumi.<stack>.yaml or with \`pulumi config set --path ${key.replace(/^[^:]*:/, "")} <value>\`.`,
    );
    this.name = "StackConfigError";
  }
}

type Properties = typeof stackConfigSchema.properties;
type Raw = Record<string, unknown>;

const ajv = new Ajv({ useDefaults: true, coerceTypes: true, verbose: true, strict: true });
const validate = ajv.compile<ValidConfig>(stackConfigSchema);

/** Reads this project's keys from the stack config, validates them, and returns typed settings. */
export function readStackConfig(namespace = pulumi.getProject()): MonitoringSettings {
  const raw: Raw = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    const [ns, name] = splitKey(key);
    if (ns === namespace) raw[name] = decode(name, value);
  }
  return parseStackConfig(raw, namespace);
}

/** Validates config values (already decoded from their string form) into settings. */
export function parseStackConfig(raw: Raw, namespace: string): MonitoringSettings {
  renamedSettings(raw, namespace);
  const config: unknown = structuredClone(raw);
  if (!validate(config)) throw schemaError(validate.errors![0], namespace);
  return toSettings(config, namespace);
}

// Pulumi hands every config value over as a string; objects, lists, numbers and booleans are JSON.
function decode(name: string, value: string): unknown {
  const property = (stackConfigSchema.properties as Record<string, { type: string }>)[name];
  if (property === undefined || property.type === "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return [key.slice(0, colon), key.slice(colon + 1)];
}

function schemaError(error: ErrorObject, namespace: string): StackConfigError {
  const path = error.instancePath.split("/").slice(1);
  const topLevel = path[0] as keyof Properties | undefined;
  if (error.keyword === "additionalProperties") {
    const unknown = [...path, error.params.additionalProperty].join(".");
    const known = Object.keys(error.parentSchema?.properties ?? {}).join(", ");
    return new StackConfigError(
      `${namespace}:${unknown}`,
      "is not a setting of this project",
      `one of ${known}`,
    );
  }
  if (error.propertyName !== undefined) {
    const key = `${namespace}:${[...path, error.propertyName].join(".")}`;
    return new StackConfigError(
      key,
      "names no control in the catalog",
      stackConfigSchema.properties.controls.items.description,
    );
  }
  const key = `${namespace}:${path
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("")
    .slice(1)}`;
  const description =
    error.parentSchema?.description ?? (topLevel ? stackConfigSchema.properties[topLevel].description : "");
  return new StackConfigError(key, `${JSON.stringify(error.data)} ${error.message}`, description);
}

// Settings of earlier releases that now have another name: say which, rather than "unknown".
function renamedSettings(raw: Raw, namespace: string): void {
  if ("patternVersion" in raw) {
    const renamed = RENAMED_PATTERN_SETS[String(raw.patternVersion)];
    throw new StackConfigError(
      `${namespace}:patternVersion`,
      "was renamed to patternSet",
      `patternSet: ${renamed ?? PATTERN_SETS.join(" or ")}${renamed ? ` (what ${String(raw.patternVersion)} was)` : ""}`,
    );
  }
  const renamed = RENAMED_PATTERN_SETS[String(raw.patternSet)];
  if (renamed !== undefined) {
    throw new StackConfigError(
      `${namespace}:patternSet`,
      `${JSON.stringify(raw.patternSet)} was renamed to ${renamed}`,
      PATTERN_SETS.join(" or "),
    );
  }
}

type PartialAlarm = Partial<Omit<AlarmSettings, "datapointsToAlarm">> & { datapointsToAlarm?: number };

interface ValidConfig {
  createTrail: boolean;
  existingLogGroupName?: string;
  accessLogBucketName?: string;
  logRetentionDays: number;
  controls: string[];
  patternSet: MonitoringSettings["patternSet"];
  metricNamespace: string;
  metricNames: Record<string, string>;
  alarm: Omit<AlarmSettings, "datapointsToAlarm"> & { datapointsToAlarm?: number };
  alarmOverrides: Record<string, PartialAlarm>;
  alertEmails: string[];
  existingTopicArn?: string;
  opsItemSeverity?: "1" | "2" | "3" | "4";
  retainOnDelete: boolean;
}

// The rules that tie two keys together, which a per-key schema cannot say clearly.
function toSettings(config: ValidConfig, namespace: string): MonitoringSettings {
  const key = (name: string) => `${namespace}:${name}`;
  if (config.createTrail && config.existingLogGroupName !== undefined) {
    throw new StackConfigError(
      key("existingLogGroupName"),
      "is set while createTrail is true",
      "either createTrail: true (a new trail), or createTrail: false with existingLogGroupName (an existing trail's log group), not both",
    );
  }
  if (!config.createTrail && config.existingLogGroupName === undefined) {
    throw new StackConfigError(
      key("existingLogGroupName"),
      "is missing while createTrail is false",
      "the name of the log group your existing trail delivers to, or createTrail: true",
    );
  }
  const chosen = new Set(config.controls);
  for (const setting of ["metricNames", "alarmOverrides"] as const) {
    for (const id of Object.keys(config[setting])) {
      if (!chosen.has(id)) {
        throw new StackConfigError(
          key(`${setting}.${id}`),
          `is set for control ${id}, which controls does not choose`,
          `an override for one of the chosen controls (${config.controls.join(", ")}); add ${id} to controls or remove the override`,
        );
      }
    }
  }
  const accessLogBucket = config.accessLogBucketName;
  if (accessLogBucket !== undefined && !config.createTrail) {
    throw new StackConfigError(
      key("accessLogBucketName"),
      `"${accessLogBucket}" is set while createTrail is false, so there is no trail bucket to log access to`,
      "a bucket for the access logs of the trail bucket this stack creates, only with createTrail: true",
    );
  }
  // Pulumi names the trail bucket <project>-<stack>-trail-bucket-<7 hex digits>.
  if (
    accessLogBucket?.startsWith(`${namespace.toLowerCase()}-`) &&
    /-trail-bucket-[0-9a-f]{7}$/.test(accessLogBucket)
  ) {
    throw new StackConfigError(
      key("accessLogBucketName"),
      `"${accessLogBucket}" is a trail bucket of this project, encrypted with a KMS key, and S3 delivers no access logs to such a bucket`,
      "another bucket, encrypted with S3-managed keys (SSE-S3), or no value for a dedicated log bucket",
    );
  }
  const controls = CONTROLS.filter((control) => chosen.has(control.id)).map((control): ControlSettings => ({
    control,
    metricName: config.metricNames[control.id] ?? control.metricName,
    alarm: alarmSettings(config, control.id, key),
  }));
  if (
    config.existingTopicArn === undefined &&
    config.alertEmails.length === 0 &&
    controls.some((c) => c.alarm.actionsEnabled)
  ) {
    throw new StackConfigError(
      key("alertEmails"),
      "is empty, so the new alarm topic would notify nobody",
      'at least one email address (["secops@example.com"]), or existingTopicArn for a topic that already has subscribers',
    );
  }
  return {
    source: config.createTrail
      ? {
          kind: "new-trail",
          logRetentionDays: config.logRetentionDays,
          accessLogs:
            accessLogBucket === undefined
              ? { kind: "new-bucket" }
              : { kind: "existing-bucket", bucketName: accessLogBucket },
        }
      : { kind: "existing-log-group", logGroupName: config.existingLogGroupName! },
    patternSet: config.patternSet,
    metricNamespace: config.metricNamespace,
    controls,
    notifications: {
      topic:
        config.existingTopicArn === undefined
          ? { kind: "new-topic" }
          : { kind: "existing-topic", arn: config.existingTopicArn },
      emails: config.alertEmails,
      opsItemSeverity: config.opsItemSeverity,
    },
    retainOnDelete: config.retainOnDelete,
  };
}

/** One control's alarm: `alarm`, changed by that control's overrides; all datapoints by default. */
function alarmSettings(config: ValidConfig, id: string, key: (name: string) => string): AlarmSettings {
  const override = config.alarmOverrides[id];
  const merged = { ...config.alarm, ...override };
  const datapointsToAlarm = merged.datapointsToAlarm ?? merged.evaluationPeriods;
  if (datapointsToAlarm > merged.evaluationPeriods) {
    const where = override?.datapointsToAlarm !== undefined ? `alarmOverrides.${id}` : "alarm";
    throw new StackConfigError(
      key(`${where}.datapointsToAlarm`),
      `${datapointsToAlarm} is more than the evaluationPeriods of control ${id} (${merged.evaluationPeriods})`,
      "an integer from 1 to evaluationPeriods",
    );
  }
  return { ...merged, datapointsToAlarm };
}
