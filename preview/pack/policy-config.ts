/**
 * The configuration the Pulumi CLI sends a policy pack: each policy's schema defaults, overridden
 * by a `--policy-pack-config` file, validated against the schemas the pack declares.
 */
import Ajv from "ajv";
import { readJsonObjectFile } from "../../lib/pulumi/limited-file";
import { ENFORCEMENT_LEVELS, EnforcementLevel, PackInfo, PolicyConfig } from "./protocol";

/** A `--policy-pack-config` file the pack cannot take: the message names the file and the problem. */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

/**
 * A `--policy-pack-config` file, read before anything runs. It holds, per policy name, an
 * enforcement level or an object with `enforcementLevel` and config properties; the key `all` sets
 * the level of every policy.
 */
export interface PolicyConfigFile {
  readonly file: string;
  readonly given: Record<string, unknown>;
}

/** The pack's configuration: its schemas' defaults, with what `configFile` gives. */
export function policyPackConfig(
  info: PackInfo,
  configFile?: PolicyConfigFile,
): Record<string, PolicyConfig> {
  const file = configFile?.file;
  const given = configFile?.given ?? {};
  const names = new Set(info.policies.map((p) => p.name));
  for (const key of Object.keys(given)) {
    if (key !== "all" && !names.has(key)) {
      throw new PolicyConfigError(
        `${file}: '${key}' is not a policy of pack ${info.name}; its policies: ${[...names].join(", ")}`,
      );
    }
  }
  const all = level(given.all, file, "all");
  const ajv = new Ajv({ useDefaults: true, allErrors: false, strict: false });
  return Object.fromEntries(
    info.policies.map((policy) => {
      const entry = given[policy.name];
      const { enforcementLevel: entryLevel, ...properties } =
        entry !== null && typeof entry === "object"
          ? (entry as Record<string, unknown>)
          : { enforcementLevel: entry };
      const validate = ajv.compile({
        type: "object",
        properties: policy.configSchema,
        additionalProperties: false,
      });
      if (!validate(properties)) {
        const error = validate.errors![0];
        const where =
          error.instancePath.replace(/^\//, "").replace(/\//g, ".") || error.params.additionalProperty;
        throw new PolicyConfigError(`${file}: ${policy.name}.${where} ${error.message}`);
      }
      const enforcementLevel = level(entryLevel, file, policy.name) ?? all ?? policy.enforcementLevel;
      return [policy.name, { enforcementLevel, properties }];
    }),
  );
}

export function readPolicyConfigFile(file: string): PolicyConfigFile {
  const given = readJsonObjectFile(
    file,
    "policy pack config",
    "a JSON object of policy names",
    (message) => new PolicyConfigError(message),
  );
  return { file, given };
}

function level(value: unknown, file: string | undefined, name: string): EnforcementLevel | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !ENFORCEMENT_LEVELS.includes(value as EnforcementLevel)) {
    throw new PolicyConfigError(
      `${file}: ${name} has enforcement level ${JSON.stringify(value)}; use one of ${ENFORCEMENT_LEVELS.join(", ")}`,
    );
  }
  return value as EnforcementLevel;
}
