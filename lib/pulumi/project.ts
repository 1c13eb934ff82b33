/**
 * Reads a project's Pulumi.yaml the way the Pulumi CLI does, without the CLI: its name, runtime,
 * program, stack file folder, and config values and declarations.
 */
import * as fs from "fs";
import * as path from "path";
import { ProjectFileError, readYamlFile } from "./yaml-file";

export { ProjectFileError, readYamlFile };

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
    throw new ProjectFileError(`${projectDir} is not a Pulumi project: it has no Pulumi.yaml`);
  }
  const project = readYamlFile(file) as Record<string, unknown> | null;
  if (typeof project?.name !== "string") throw new ProjectFileError(`${file} has no project name`);
  const { name: runtimeName, options } = runtimeOf(project.runtime);
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

/**
 * The `runtime` of a Pulumi.yaml or PulumiPolicy.yaml, written as a name (`nodejs`) or as
 * `{name, options}`.
 */
export function runtimeOf(runtime: unknown): { name?: unknown; options?: unknown } {
  return typeof runtime === "object" && runtime !== null ? runtime : { name: runtime };
}

/** A config key with its namespace: keys without one belong to the project. */
export function fullKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}
