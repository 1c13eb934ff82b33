import * as pulumi from "@pulumi/pulumi";
import Ajv, { ErrorObject } from "ajv";
import { stackConfigSchema } from "./schema";
import { MonitoringSettings } from "./settings";

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
      stackConfigSchema.properties.metricNames.description,
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

interface ValidConfig {
  createTrail: boolean;
  existingLogGroupName?: string;
  logRetentionDays: number;
  patternVersion: MonitoringSettings["patternVersion"];
  metricNamespace: string;
  metricNames: Record<string, string>;
  alarm: Omit<MonitoringSettings["alarm"], "datapointsToAlarm"> & { datapointsToAlarm?: number };
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
  const datapointsToAlarm = config.alarm.datapointsToAlarm ?? config.alarm.evaluationPeriods;
  if (datapointsToAlarm > config.alarm.evaluationPeriods) {
    throw new StackConfigError(
      key("alarm.datapointsToAlarm"),
      `${datapointsToAlarm} is more than alarm.evaluationPeriods (${config.alarm.evaluationPeriods})`,
      "an integer from 1 to alarm.evaluationPeriods",
    );
  }
  if (
    config.existingTopicArn === undefined &&
    config.alertEmails.length === 0 &&
    config.alarm.actionsEnabled
  ) {
    throw new StackConfigError(
      key("alertEmails"),
      "is empty, so the new alarm topic would notify nobody",
      'at least one email address (["secops@example.com"]), or existingTopicArn for a topic that already has subscribers',
    );
  }
  return {
    source: config.createTrail
      ? { kind: "new-trail", logRetentionDays: config.logRetentionDays }
      : { kind: "existing-log-group", logGroupName: config.existingLogGroupName! },
    patternVersion: config.patternVersion,
    metricNamespace: config.metricNamespace,
    metricNames: config.metricNames,
    alarm: { ...config.alarm, datapointsToAlarm },
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
