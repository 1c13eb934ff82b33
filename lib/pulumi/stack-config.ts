/**
 * Reads a stack's config the way the Pulumi CLI does, without the CLI: project-level values and
 * declared defaults from Pulumi.yaml, then the stack's own values from Pulumi.<stack>.yaml, with
 * `secure:` values decrypted when the passphrase is given and unknown otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import { Document, isAlias, isMap, isScalar, Node, Scalar } from "yaml";
import { fullKey, ProjectFile, ProjectFileError, readProjectFile } from "./project";
import { openSecrets, PassphraseError, StackSecrets } from "./passphrase";
import { UNKNOWN_WIRE } from "./property-values";
import { plainValue, readYamlDocument } from "./yaml-file";

/** One config value, as plain data and as the program receives it. */
export interface ConfigValue {
  /** A string, number, boolean, list or object; an undecryptable secret is {@link UNKNOWN_WIRE}. */
  readonly value: unknown;
  /**
   * The text the program gets, as the Pulumi CLI hands it over: a scalar of the stack file as
   * written (`9007199254740993` unrounded, a YAML null as ""), anything else as JSON.
   */
  readonly text: string;
  readonly secret: boolean;
}

/** Pulumi's rule for stack names: a name, never a path. */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function checkStackName(stack: string): void {
  if (!STACK_NAME.test(stack)) {
    throw new ProjectFileError(
      `${JSON.stringify(stack)} is not a stack name: a stack name is 1 to 100 letters, digits, '-', '_' or '.'`,
    );
  }
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
  checkStackName(stack);
  const file = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
  const exists = fs.existsSync(file);
  const doc = exists ? readYamlDocument(file) : undefined;
  const scalar = (key: string) => {
    const value = doc?.get(key);
    return typeof value === "string" ? value : undefined;
  };
  const values: Record<string, ConfigValue> = {};
  const given = (value: unknown, secret: boolean) => ({ value, text: configText(value), secret });
  for (const [key, value] of Object.entries(project.values)) values[key] = given(value, false);
  for (const [key, declared] of Object.entries(project.declarations)) {
    if ("default" in declared) values[key] = given(declared.default, declared.secret === true);
  }
  const unknownKeys: string[] = [];
  const secrets: unknown[] = [];
  // Opened at the first secret: a stack file without secrets needs no passphrase.
  let stackSecrets: StackSecrets | undefined;
  const openStackSecrets = () =>
    (stackSecrets ??= openSecrets(scalar("encryptionsalt"), scalar("secretsprovider") ?? "Pulumi Cloud"));
  for (const [key, node] of configEntries(doc, file)) {
    const full = fullKey(project.name, key);
    let secret = false;
    let opened = true;
    const raw = mapSecure(toJs(node, doc!, file), (ciphertext) => {
      secret = true;
      const open = openStackSecrets().decrypt;
      if (!open) {
        opened = false;
        return UNKNOWN_WIRE;
      }
      let plain: string;
      try {
        plain = open(ciphertext);
      } catch (e) {
        if (!(e instanceof PassphraseError)) throw e;
        throw new ProjectFileError(`${file}: the secure value of ${full}: ${e.message}`);
      }
      secrets.push(plain);
      return plain;
    });
    if (!opened) unknownKeys.push(full);
    values[full] = {
      value: plainValue(raw),
      text: isScalar(node) ? scalarText(node) : configText(raw),
      secret: secret || project.declarations[full]?.secret === true,
    };
  }
  checkDeclared(project, stack, values, file, exists);
  return {
    values,
    unknown: unknownKeys.length > 0 ? { keys: unknownKeys, reason: stackSecrets?.unknown ?? "" } : undefined,
    secrets,
    file: exists ? file : undefined,
  };
}

/** The `config:` map's entries of a stack file, each key with its value's node (an alias resolved). */
function configEntries(doc: Document | undefined, file: string): [string, Node][] {
  const config = doc?.get("config", true);
  if (config === undefined || config === null || (isScalar(config) && config.value === null)) return [];
  if (!isMap(config)) throw new ProjectFileError(`${file}: config is not a map of keys to values`);
  return config.items.map(({ key, value }) => {
    const node = (isAlias(value) ? value.resolve(doc!) : value) as Node | null;
    return [String(isScalar(key) ? key.value : key), node ?? new Scalar(null)];
  });
}

function toJs(node: Node, doc: Document, file: string): unknown {
  try {
    return node.toJS(doc);
  } catch (e) {
    throw new ProjectFileError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** A scalar as written, as the Pulumi CLI reads it into a string: a null is "". */
function scalarText(node: Node): string {
  const { value, source } = node as Node & { value: unknown; source?: string };
  if (value === null) return "";
  if (typeof value === "string") return value;
  return source ?? String(value);
}

/** A config value as a program receives it: a string as it is, a null as "", anything else as JSON (integers exact). */
export function configText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : json(value);
}

function json(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(json).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
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

/** Config values as a program receives them, from plain values. */
export function configStrings(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, configText(value)]));
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
  checkStackName(stack);
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new ProjectFileError(
      `unknown stack '${stack}': ${file} does not exist (${stacksHere(projectDir)})`,
    );
  }
  const config = stackConfig({ ...readProjectFile(projectDir), name: project }, stack);
  return Object.fromEntries(Object.entries(config.values).map(([k, v]) => [k, v.value]));
}

/** The stacks with a file in `dir`. */
export function stackNames(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined);
}

/** `stacks here: dev, prod`: for a message about a stack that has no file in `dir`. */
export function stacksHere(dir: string): string {
  return `stacks here: ${stackNames(dir).join(", ") || "none"}`;
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
