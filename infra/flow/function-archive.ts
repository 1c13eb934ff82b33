/**
 * A Lambda function's code from this repository's TypeScript: the entry file and every file it
 * imports, each transpiled on its own into CommonJS (TypeScript's `transpileModule`) and kept at its
 * path in the repository, so that their relative imports still hold. No bundler: the function is a
 * handful of files, and the AWS SDK clients it imports are those Lambda's Node.js runtime provides.
 * The same sources give the same archive, byte for byte, so `pulumi up` changes the function only
 * when its code changes.
 */
import { builtinModules } from "module";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

/** What the function may import besides its own files: Node's modules, and the SDK clients Lambda's runtime has. */
const PROVIDED = new Set([
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  "@aws-sdk/client-cloudwatch-logs",
  "@aws-sdk/client-sns",
]);

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
};

export interface FunctionCode {
  /** The archive's files, by their path in it (the repository's, with `.js` for `.ts`). */
  readonly files: Readonly<Record<string, string>>;
  /** The handler as Lambda names it: `infra/alert-function/handler.handler`. */
  readonly handler: string;
}

/**
 * The code of a function whose handler is the export `handler` of `entry`, with `data` added beside
 * it: files by name, such as the settings the function reads.
 */
export function functionCode(entry: string, data: Readonly<Record<string, string>> = {}): FunctionCode {
  const files: Record<string, string> = {};
  const pending = [path.resolve(entry)];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const file = pending.pop()!;
    const source = fs.readFileSync(file, "utf8");
    for (const { fileName: imported } of ts.preProcessFile(source, true, false).importedFiles) {
      if (!imported.startsWith(".")) {
        if (!PROVIDED.has(imported)) throw new FunctionCodeError(file, imported);
        continue;
      }
      const target = sourceFile(path.resolve(path.dirname(file), imported), file);
      if (seen.has(target)) continue;
      seen.add(target);
      pending.push(target);
    }
    files[archivePath(file).replace(/\.ts$/, ".js")] = transpiled(source, file);
  }
  const beside = path.posix.dirname(archivePath(entry));
  for (const [name, text] of Object.entries(data)) files[`${beside}/${name}`] = text;
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  return { files: sorted, handler: `${archivePath(entry).replace(/\.ts$/, "")}.handler` };
}

/** The code as the archive Pulumi uploads: one text asset per file, in path order. */
export function functionArchive(code: FunctionCode): pulumi.asset.AssetArchive {
  return new pulumi.asset.AssetArchive(
    Object.fromEntries(
      Object.entries(code.files).map(([name, text]) => [name, new pulumi.asset.StringAsset(text)]),
    ),
  );
}

/** An import the function's runtime cannot satisfy. */
export class FunctionCodeError extends Error {
  constructor(file: string, imported: string) {
    super(
      `${archivePath(file)} imports ${imported}, which Lambda's Node.js runtime does not provide: ` +
        `a function may import its own files, Node's modules and ${[...PROVIDED].filter((m) => m.startsWith("@")).join(", ")}`,
    );
    this.name = "FunctionCodeError";
  }
}

function sourceFile(base: string, importer: string): string {
  for (const candidate of [`${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${archivePath(importer)} imports ${archivePath(base)}, which is not a TypeScript file`);
}

function transpiled(source: string, file: string): string {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    compilerOptions: COMPILER_OPTIONS,
    fileName: file,
    reportDiagnostics: true,
  });
  if (diagnostics !== undefined && diagnostics.length > 0) {
    const text = ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n");
    throw new Error(`${archivePath(file)} does not compile: ${text}`);
  }
  return outputText;
}

function archivePath(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join("/");
}
