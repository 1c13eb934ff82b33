import * as pulumi from "@pulumi/pulumi";

/** A setting's place: its name, then the property names and list indexes inside it. */
export type ConfigPath = readonly (string | number)[];

/**
 * Where settings come from, stack config or a program that creates the component: how a user names
 * one, and where they fix it.
 */
export interface SettingsOrigin {
  /** The name a user writes for the setting at `path`. */
  key(path: ConfigPath): string;
  /** The whole error message for a bad setting. */
  message(key: string, problem: string, allowed: string): string;
  /** What the names of the trail buckets this monitoring creates begin with. */
  readonly trailBucketPrefix: string;
}

/**
 * `cis-monitoring:alarm.threshold`, `cis-monitoring:alertEmails[0]`: keys of the stack config of
 * `stack`, named by its file where it is known.
 */
export function stackConfig(namespace: string, stack?: string): SettingsOrigin {
  const file = `Pulumi.${stack || "<stack>"}.yaml`;
  return {
    key: (path) => `${namespace}:${dotted(path)}`,
    message: (key, problem, allowed) =>
      `Invalid stack config ${key}: ${problem}. Allowed: ${allowed}. ` +
      `Fix it in ${file} or with \`pulumi config set --path ${key.slice(namespace.length + 1)} <value>\`.`,
    // Pulumi names the trail bucket <project>-<stack>-trail-bucket-<7 hex digits>.
    trailBucketPrefix: `${namespace.toLowerCase()}-`,
  };
}

/** `alarm.threshold`, `alertEmails[0]`: the arguments a program gives the component `name`. */
export function componentArgs(name: string): SettingsOrigin {
  return {
    key: dotted,
    message: (key, problem, allowed) =>
      `Invalid argument ${key} of CisMonitoring '${name}': ${problem}. Allowed: ${allowed}.`,
    // The component names its trail bucket <name>-trail-bucket-<7 hex digits>.
    trailBucketPrefix: `${name.toLowerCase()}-`,
  };
}

function dotted(path: ConfigPath): string {
  const [name, ...inside] = path;
  return `${name}${inside.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}`;
}

/** A bad setting: names it as its origin does, what is wrong, and what is allowed. */
export class SettingsError extends pulumi.RunError {
  readonly key: string;

  constructor(origin: SettingsOrigin, path: ConfigPath, problem: string, allowed: string) {
    const key = origin.key(path);
    super(origin.message(key, problem, allowed));
    this.key = key;
    this.name = "SettingsError";
  }
}
