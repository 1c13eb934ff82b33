/** Reads a stack's config from Pulumi.<stack>.yaml the way the Pulumi CLI does, without the CLI. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export interface ProjectFile {
  readonly name: string;
  /** Folder of the program, resolved against the project folder. */
  readonly main: string;
}

export function readProjectFile(projectDir: string): ProjectFile {
  const file = path.join(projectDir, "Pulumi.yaml");
  const project = readYaml(file) as { name?: unknown; main?: unknown };
  if (typeof project?.name !== "string") throw new StackFileError(`${file} has no project name`);
  const main = typeof project.main === "string" ? project.main : ".";
  return { name: project.name, main: path.resolve(projectDir, main) };
}

/** The stack's config as `namespace:key` → value; keys without a namespace belong to the project. */
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
  const content = (readYaml(file) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content.config ?? {})) {
    if (value !== null && typeof value === "object" && "secure" in value) {
      throw new StackFileError(`${file}: ${key} is encrypted (secure:), which an offline run cannot decrypt`);
    }
    config[key.includes(":") ? key : `${project}:${key}`] = value;
  }
  return config;
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
