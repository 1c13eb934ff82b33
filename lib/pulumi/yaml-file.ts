/**
 * Pulumi.yaml and Pulumi.<stack>.yaml as YAML documents, read within bounds: the file's size is
 * limited, each key is checked once against its map (the parser's own check compares every pair of
 * keys, minutes for 100,000 keys), and an alias inside the node it names is refused, since it
 * would make a value that contains itself.
 */
import { Document, isScalar, Node, parseDocument, visit } from "yaml";
import { FILE_LIMITS, readLimitedFile } from "./limited-file";

/** A Pulumi.yaml or Pulumi.<stack>.yaml that cannot be used: the message names the file and the problem. */
export class ProjectFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectFileError";
  }
}

/**
 * The YAML document in `file`. Integers are read as BigInt, so that none is rounded before the
 * program sees it: {@link plainValue} turns them into numbers for everything else.
 */
export function readYamlDocument(file: string): Document {
  let text: string;
  try {
    text = readLimitedFile(file, FILE_LIMITS.config, "a project or stack file");
  } catch (e) {
    throw new ProjectFileError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const invalid = (message: string) =>
    new ProjectFileError(`${file} is not valid YAML: ${message.split("\n")[0]}`);
  const doc = parseDocument(text, { uniqueKeys: false, intAsBigInt: true, prettyErrors: true });
  if (doc.errors.length > 0) throw invalid(doc.errors[0].message);
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const name = isScalar(key) ? key.value : key;
        if (seen.has(name))
          throw invalid(`${lineOf(text, key)}the key ${String(name)} appears twice in one map`);
        seen.add(name);
      }
    },
    Alias(_, alias, path) {
      if (path.includes(alias.resolve(doc) as Node)) {
        throw invalid(`${lineOf(text, alias)}the alias *${alias.source} is inside the node it names`);
      }
    },
  });
  return doc;
}

/** The file's content as plain values: numbers, strings, booleans, null, lists and objects. */
export function readYamlFile(file: string): unknown {
  const doc = readYamlDocument(file);
  try {
    return plainValue(doc.toJS());
  } catch (e) {
    throw new ProjectFileError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** `value` with each BigInt as a number. */
export function plainValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(plainValue);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
}

function lineOf(text: string, node: unknown): string {
  const offset = (node as { range?: [number] }).range?.[0];
  if (offset === undefined) return "";
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return `line ${line}: `;
}
