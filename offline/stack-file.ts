/**
 * Reads a project's Pulumi.yaml and a stack's Pulumi.<stack>.yaml the way the Pulumi CLI does,
 * without the CLI: project-level values and declared defaults, then the stack's own values, with
 * `secure:` values decrypted when the passphrase is given and unknown otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { openSecrets, StackSecrets } from "./passphrase";
import { UNKNOWN_WIRE } from "./properties";

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

interface Declaration {
  readonly type?: string;
  readonly default?: unknown;
  readonly secret?: boolean;
}

export interface ProjectFile {
  readonly name: string;
  readonly dir: string;
  /** The project's language, from `runtime`. */
  readonly runtime: string;
  readonly runtimeOptions: Record<string, unknown>;
  /** The program: the folder or file `main` names, resolved against the project folder. */
  readonly main: string;
  /** Folder of the stack files. */
  readonly stackConfigDir: string;
  /** Project-level values (`key: value`), by full key. */
  readonly values: Record<string, unknown>;
  /** Declared keys (`key: {type, default, secret}`), by full key. */
  readonly declarations: Record<string, Declaration>;
}

export function readProjectFile(projectDir: string): ProjectFile {
  const file = path.join(projectDir, "Pulumi.yaml");
  if (!fs.existsSync(file)) {
    throw new StackFileError(`${projectDir} is not a Pulumi project: it has no Pulumi.yaml`);
  }
  const project = readYaml(file) as Record<string, unknown> | null;
  if (typeof project?.name !== "string") throw new StackFileError(`${file} has no project name`);
  const runtime = project.runtime as string | { name?: unknown; options?: unknown } | undefined;
  const { name: runtimeName, options } =
    typeof runtime === "object" && runtime !== null ? runtime : { name: runtime };
  const main = typeof project.main === "string" ? project.main : ".";
  // `config` as a folder name is the older spelling of stackConfigDir.
  const configDir = typeof project.config === "string" ? project.config : project.stackConfigDir;
  const values: Record<string, unknown> = {};
  const declarations: Record<string, Declaration> = {};
  const config = typeof project.config === "object" && project.config !== null ? project.config : {};
  for (const [key, entry] of Object.entries(config as Record<string, unknown>)) {
    const full = fullKey(project.name, key);
    if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
      const declared = entry as Declaration & { value?: unknown };
      if ("value" in declared) values[full] = declared.value;
      else declarations[full] = declared;
    } else {
      values[full] = entry;
    }
  }
  return {
    name: project.name,
    dir: projectDir,
    runtime: typeof runtimeName === "string" ? runtimeName : "",
    runtimeOptions:
      typeof options === "object" && options !== null ? (options as Record<string, unknown>) : {},
    main: path.resolve(projectDir, main),
    stackConfigDir: path.resolve(projectDir, typeof configDir === "string" ? configDir : "."),
    values,
    declarations,
  };
}

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
export function readStackConfig(project: ProjectFile, stack: string): StackConfig {
  const file = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
  const exists = fs.existsSync(file);
  const content = (exists ? (readYaml(file) ?? {}) : {}) as {
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
  for (const [key, declared] of Object.entries(project.declarations)) {
    if (!(key in values)) {
      throw new StackFileError(
        `stack '${stack}' is missing configuration value '${key}' (declared in ${path.join(project.dir, "Pulumi.yaml")}): ` +
          `set it in ${file} or give it a default`,
      );
    }
    checkType(key, values[key].value, declared.type, exists ? file : path.join(project.dir, "Pulumi.yaml"));
  }
  return {
    values,
    unknown: unknownKeys.length > 0 ? { keys: unknownKeys, reason: stackSecrets?.unknown ?? "" } : undefined,
    secrets,
    file: exists ? file : undefined,
  };
}

/**
 * The config of a stack that has its own file, as plain values, `namespace:key` → value; keys
 * without a namespace belong to `project`. For commands that name an existing stack.
 */
export function readStackConfigFile(
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
    throw new StackFileError(
      `unknown stack '${stack}': ${file} does not exist (stacks here: ${known.join(", ") || "none"})`,
    );
  }
  const config = readStackConfig({ ...readProjectFile(projectDir), name: project }, stack);
  return Object.fromEntries(Object.entries(config.values).map(([k, v]) => [k, v.value]));
}

function fullKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
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
  throw new StackFileError(
    `${file}: configuration value '${key}' must be of type ${type}, got ${JSON.stringify(value)}`,
  );
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new StackFileError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parse(text);
  } catch (e) {
    throw new StackFileError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}
