import * as pulumi from "@pulumi/pulumi";
import Ajv, { ErrorObject } from "ajv";
import { PATTERN_SETS, RENAMED_PATTERN_SETS } from "../../policy/catalog";
import { configKey, StackConfigError } from "./error";
import { allowedAt, stackConfigSchema } from "./schema";
import { MonitoringSettings } from "./settings";
import { configText, readConfigText } from "./text";
import { toSettings, ValidConfig } from "./to-settings";

type Raw = Record<string, unknown>;

// No type coercion: Ajv's would read a blank value or 0 as false and true as 1.
const ajv = new Ajv({ useDefaults: true, verbose: true, strict: true });
const validate = ajv.compile<ValidConfig>(stackConfigSchema);

/** Reads this project's keys from the stack config, validates them, and returns typed settings. */
export function readStackConfig(namespace = pulumi.getProject()): MonitoringSettings {
  const raw: Raw = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    const [ns, name] = splitKey(key);
    if (ns === namespace) raw[name] = value;
  }
  return parseStackConfig(raw, namespace);
}

/**
 * Validates config values, as Pulumi hands them to the program (text) or as the stack file has
 * them, into settings.
 */
export function parseStackConfig(raw: Raw, namespace: string): MonitoringSettings {
  const config: Raw = {};
  for (const [name, value] of Object.entries(raw))
    config[name] = readConfigText(namespace, name, configText(value));
  renamedSettings(config, namespace);
  if (!validate(config)) throw schemaError(validate.errors![0], namespace);
  return toSettings(config, namespace);
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return [key.slice(0, colon), key.slice(colon + 1)];
}

function schemaError(error: ErrorObject, namespace: string): StackConfigError {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === "additionalProperties") {
    const known = Object.keys(error.parentSchema?.properties ?? {}).join(", ");
    return new StackConfigError(
      configKey(namespace, [...path, error.params.additionalProperty]),
      "is not a setting of this project",
      `one of ${known}`,
    );
  }
  if (error.propertyName !== undefined) {
    return new StackConfigError(
      configKey(namespace, [...path, error.propertyName]),
      "names no control in the catalog",
      stackConfigSchema.properties.controls.items.description,
    );
  }
  const description = error.parentSchema?.description ?? allowedAt(path);
  // A blank value: Pulumi hands over "" for a key left empty in the stack file, YAML reads null.
  const problem =
    error.keyword === "type" && error.data === null
      ? "has no value"
      : `${JSON.stringify(error.data)} ${error.message}`;
  return new StackConfigError(configKey(namespace, path), problem, description);
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
