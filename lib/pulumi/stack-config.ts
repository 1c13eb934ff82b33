/**
 * Reads a stack's config the way the Pulumi CLI does, without the CLI: project-level values and
 * declared defaults from Pulumi.yaml, then the stack's own values from Pulumi.<stack>.yaml, with
 * `secure:` values decrypted when the passphrase is given and unknown otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import { fullKey, ProjectFile, ProjectFileError, readProjectFile, readYamlFile } from "./project";
import { openSecrets, StackSecrets } from "./passphrase";
import { UNKNOWN_WIRE } from "./property-values";

/** One config value as the program receives it. */
export interface ConfigValue {
  /** A string, number, boolean, list or object; an undecryptable secret is {@link UNKNOWN_WIRE}. */
  readonly value: unknown;
  readonly secret: boolean;
}

export interface StackConfig {
  /** By full key, `namespace:key`. */
  readonly values: Record<string, ConfigValue>;
  /** Secret keys whose value is unknown here (no passphrase, or another secrets provider), and why. */
  readonly unknown?: { readonly keys: string[]; readonly reason: string };
  /** The decrypted secrets, so that no output shows them. */
  readonly secrets: unknown[];
  /** The stack file, when the stack has one. */
  readonly file?: string;
}

/**
 * The stack's config: project values, then declared defaults, then the stack file's values. A stack
 * without a file has only the project's config, as Pulumi allows.
 */
export function stackConfig(project: ProjectFile, stack: string): StackConfig {
  const file = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
  const exists = fs.existsSync(file);
  const content = (exists ? (readYamlFile(file) ?? {}) : {}) as {
    config?: Record<string, unknown>;
    encryptionsalt?: unknown;
    secretsprovider?: unknown;
  };
  const values: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(project.values)) values[key] = { value, secret: false };
  for (const [key, declared] of Object.entries(project.declarations)) {
    if ("default" in declared) values[key] = { value: declared.default, secret: declared.secret === true };
  }
  const unknownKeys: string[] = [];
  const secrets: unknown[] = [];
  // Opened at the first secret: a stack file without secrets needs no passphrase.
  let stackSecrets: StackSecrets | undefined;
  const openStackSecrets = () =>
    (stackSecrets ??= openSecrets(
      typeof content.encryptionsalt === "string" ? content.encryptionsalt : undefined,
      String(content.secretsprovider ?? "Pulumi Cloud"),
    ));
  for (const [key, raw] of Object.entries(content.config ?? {})) {
    const full = fullKey(project.name, key);
    let secret = false;
    let opened = true;
    const value = mapSecure(raw, (ciphertext) => {
      secret = true;
      const open = openStackSecrets().decrypt;
      if (!open) {
        opened = false;
        return UNKNOWN_WIRE;
      }
      const plain = open(ciphertext);
      secrets.push(plain);
      return plain;
    });
    if (!opened) unknownKeys.push(full);
    values[full] = { value, secret: secret || project.declarations[full]?.secret === true };
  }
  checkDeclared(project, stack, values, file, exists);
  return {
    values,
    unknown: unknownKeys.length > 0 ? { keys: unknownKeys, reason: stackSecrets?.unknown ?? "" } : undefined,
    secrets,
    file: exists ? file : undefined,
  };
}

/** Every key the project declares has a value of its declared type, or the file to fix is named. */
function checkDeclared(
  project: ProjectFile,
  stack: string,
  values: Record<string, ConfigValue>,
  file: string,
  exists: boolean,
): void {
  const projectFile = path.join(project.dir, "Pulumi.yaml");
  for (const [key, declared] of Object.entries(project.declarations)) {
    if (!(key in values)) {
      throw new ProjectFileError(
        `stack '${stack}' is missing configuration value '${key}' (declared in ${projectFile}): ` +
          `set it in ${file} or give it a default`,
      );
    }
    checkType(key, values[key].value, declared.type, exists ? file : projectFile);
  }
}

/** Config values as a program receives them: strings as they are, any other value as JSON. */
export function configStrings(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

/**
 * The config of a stack that has its own file, as plain values, `namespace:key` → value; keys
 * without a namespace belong to `project`. For commands that name an existing stack.
 */
export function existingStackConfig(
  projectDir: string,
  project: string,
  stack: string,
): Record<string, unknown> {
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const known = fs
      .readdirSync(projectDir)
      .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
      .filter((s): s is string => s !== undefined);
    throw new ProjectFileError(
      `unknown stack '${stack}': ${file} does not exist (stacks here: ${known.join(", ") || "none"})`,
    );
  }
  const config = stackConfig({ ...readProjectFile(projectDir), name: project }, stack);
  return Object.fromEntries(Object.entries(config.values).map(([k, v]) => [k, v.value]));
}

/** `value` with each `{secure: <ciphertext>}` inside it replaced by `open(ciphertext)`. */
function mapSecure(value: unknown, open: (ciphertext: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapSecure(v, open));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === "secure" && typeof entries[0][1] === "string") {
    return open(entries[0][1]);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, mapSecure(v, open)]));
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  integer: (v) => Number.isInteger(typeof v === "string" ? Number(v) : v) && v !== "",
  boolean: (v) => typeof v === "boolean" || v === "true" || v === "false",
  array: Array.isArray,
  object: (v) => v !== null && typeof v === "object" && !Array.isArray(v),
};

function checkType(key: string, value: unknown, type: string | undefined, file: string): void {
  if (type === undefined || value === UNKNOWN_WIRE || TYPE_CHECKS[type]?.(value) !== false) return;
  throw new ProjectFileError(
    `${file}: configuration value '${key}' must be of type ${type}, got ${JSON.stringify(value)}`,
  );
}
