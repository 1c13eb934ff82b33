// TypeScript's transpileModule, keeping what it makes on disk. Every `npm start` starts three
// processes (the command, the program, the policy pack) that each transpile the same files, seconds
// of CPU at every start; a file whose text, name and compiler options are unchanged is read back
// instead. ts-node takes it as its transpiler (tsconfig.json's "ts-node" section), and
// ./transpile-on-load.js uses it for the pack. Where the cache cannot be written, nothing is kept.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const process = require("process");
const ts = require("typescript");

const CACHE = path.join(
  path.dirname(require.resolve("typescript/package.json")),
  "..",
  ".cache",
  "cis-monitoring",
);

function transpileModule(input, transpileOptions) {
  // Custom transformers are code, not data: such output is never cached.
  if (transpileOptions.transformers !== undefined) return ts.transpileModule(input, transpileOptions);
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([ts.version, transpileOptions]))
    .update(input)
    .digest("hex");
  const file = path.join(CACHE, `${key}.json`);
  try {
    const { outputText, sourceMapText } = JSON.parse(fs.readFileSync(file, "utf8"));
    return { outputText, sourceMapText, diagnostics: [] };
  } catch {
    // Not cached yet, or unreadable: transpiled below.
  }
  const result = ts.transpileModule(input, transpileOptions);
  // A file with errors is transpiled again each time, so that its errors are always reported.
  if ((result.diagnostics ?? []).length === 0) keep(file, result);
  return result;
}

function keep(file, { outputText, sourceMapText }) {
  // Written whole under another name, then renamed: a process reading at the same time sees all or nothing.
  const partial = `${file}.${process.pid}.partial`;
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(partial, JSON.stringify({ outputText, sourceMapText }));
    fs.renameSync(partial, file);
  } catch {
    fs.rmSync(partial, { force: true });
  }
}

/** A file's transpile errors as one error naming the file, line and column, as ts-node's own would. */
function transpileError(fileName, [diagnostic]) {
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  return new SyntaxError(`${fileName}:${line + 1}:${character + 1}: ${message}`);
}

/** ts-node's custom transpiler interface, with the compiler options of the project's tsconfig.json. */
function create({ service }) {
  const compilerOptions = service.config.options;
  return {
    transpile(input, { fileName }) {
      const result = transpileModule(input, { fileName, compilerOptions, reportDiagnostics: true });
      if ((result.diagnostics ?? []).length > 0) throw transpileError(fileName, result.diagnostics);
      return result;
    },
  };
}

module.exports = { transpileModule, transpileError, create };
