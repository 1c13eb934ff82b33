/**
 * The one check of the monitoring's settings, whether they come from stack config or from a program
 * that creates the component: the schema key by key, with its defaults, then the rules that tie keys
 * together, into the settings the component is built from. Only the origin decides how a bad
 * setting is named in the message.
 */
import * as pulumi from "@pulumi/pulumi";
import Ajv, { ErrorObject } from "ajv";
import { PATTERN_SETS, RENAMED_PATTERN_SETS } from "../../policy/catalog";
import { CisMonitoringArgs } from "./args";
import { SettingsError, SettingsOrigin } from "./error";
import { allowedAt, stackConfigSchema } from "./schema";
import { MonitoringSettings } from "./settings";
import { toSettings, ValidConfig, whenKnown } from "./to-settings";

// No type coercion: Ajv's would read a blank value or 0 as false and true as 1.
const ajv = new Ajv({ useDefaults: true, verbose: true, strict: true });
const validate = ajv.compile<ValidConfig>(stackConfigSchema);

/** The arguments another resource of the program may compute: names of things outside the component. */
type Computed = {
  [K in keyof CisMonitoringArgs]-?: pulumi.Output<string> extends CisMonitoringArgs[K] ? K : never;
}[keyof CisMonitoringArgs];
const COMPUTED: Record<Computed, true> = {
  existingLogGroupName: true,
  existingTopicArn: true,
  accessLogBucketName: true,
};

/** Checks settings, as values (an output only where {@link CisMonitoringArgs} allows one), into typed settings. */
export function monitoringSettings(given: object, origin: SettingsOrigin): MonitoringSettings {
  const known: Record<string, unknown> = {};
  const computed: [Computed, pulumi.Output<string>][] = [];
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (Object.hasOwn(COMPUTED, name) && (pulumi.Output.isInstance(value) || value instanceof Promise)) {
      computed.push([name as Computed, pulumi.output(value as pulumi.Input<string>)]);
    } else if (holdsOutput(value)) {
      // What the component creates (which filters, alarms, subscriptions) follows from these values.
      throw new SettingsError(
        origin,
        [name],
        "is an output (computed at deployment, or a secret), and the component decides from it what to create",
        `a plain value, known when the program runs: ${allowedAt([name])}`,
      );
    } else known[name] = value;
  }
  renamedSettings(known, origin);
  // Ajv writes the defaults into what it checks, so it checks a copy.
  const config = structuredClone(known);
  if (!validate(config)) throw schemaError(validate.errors![0], origin);
  for (const [name, value] of computed) {
    config[name] = whenKnown(value, (text) => checkSetting(name, text, origin));
  }
  return toSettings(config, origin);
}

function holdsOutput(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise || pulumi.isUnknown(value)) return true;
  if (value === null || typeof value !== "object") return false;
  return Object.values(value).some(holdsOutput);
}

const settingChecks = new Map<string, ReturnType<typeof ajv.compile>>();

/** One setting, known only now, checked against its part of the schema. */
function checkSetting(name: Computed, value: string, origin: SettingsOrigin): void {
  const check =
    settingChecks.get(name) ??
    ajv.compile({ type: "object", properties: { [name]: stackConfigSchema.properties[name] } });
  settingChecks.set(name, check);
  if (!check({ [name]: value })) throw schemaError(check.errors![0], origin);
}

function schemaError(error: ErrorObject, origin: SettingsOrigin): SettingsError {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === "additionalProperties") {
    const known = Object.keys(error.parentSchema?.properties ?? {}).join(", ");
    return new SettingsError(
      origin,
      [...path, error.params.additionalProperty],
      "is not a setting of this project",
      `one of ${known}`,
    );
  }
  if (error.propertyName !== undefined) {
    return new SettingsError(
      origin,
      [...path, error.propertyName],
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
  return new SettingsError(origin, path, problem, description);
}

// Settings of earlier releases that now have another name: say which, rather than "unknown".
function renamedSettings(raw: Record<string, unknown>, origin: SettingsOrigin): void {
  if ("patternVersion" in raw) {
    const renamed = RENAMED_PATTERN_SETS[String(raw.patternVersion)];
    throw new SettingsError(
      origin,
      ["patternVersion"],
      "was renamed to patternSet",
      `patternSet: ${renamed ?? PATTERN_SETS.join(" or ")}${renamed ? ` (what ${String(raw.patternVersion)} was)` : ""}`,
    );
  }
  const renamed = RENAMED_PATTERN_SETS[String(raw.patternSet)];
  if (renamed !== undefined) {
    throw new SettingsError(
      origin,
      ["patternSet"],
      `${JSON.stringify(raw.patternSet)} was renamed to ${renamed}`,
      PATTERN_SETS.join(" or "),
    );
  }
}
