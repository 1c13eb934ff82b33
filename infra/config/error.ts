import * as pulumi from "@pulumi/pulumi";

/** A setting's place: its name, then the property names and list indexes inside it. */
export type ConfigPath = readonly (string | number)[];

/** The key a user types for a setting: `cis-monitoring:alarm.threshold`, `cis-monitoring:alertEmails[0]`. */
export function configKey(namespace: string, path: ConfigPath): string {
  const [name, ...inside] = path;
  return `${namespace}:${name}${inside.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}`;
}

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
