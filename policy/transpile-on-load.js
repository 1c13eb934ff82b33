// Pulumi's runners compile TypeScript with a full type check of everything loaded, seconds at every
// start of every preview; the project's `npm test` type-checks it once instead. So each file under
// `root` is only transpiled as it loads, with the compiler options of `tsconfigFile`; a syntax error
// still stops it. Other TypeScript files (a program that imports the component) load as before.
const fs = require("fs");
const path = require("path");

module.exports = function transpileOnLoad(tsconfigFile, root) {
  const ts = require("typescript");
  const { config } = ts.readConfigFile(tsconfigFile, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(
    config.compilerOptions,
    path.dirname(tsconfigFile),
    tsconfigFile,
  );
  const previous = require.extensions[".ts"];
  require.extensions[".ts"] = (module, filename) => {
    if (previous && !filename.startsWith(root + path.sep)) return previous(module, filename);
    const output = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: options,
      reportDiagnostics: true,
    });
    const [error] = output.diagnostics ?? [];
    if (error) {
      const { line, character } = error.file.getLineAndCharacterOfPosition(error.start);
      const message = ts.flattenDiagnosticMessageText(error.messageText, "\n");
      throw new SyntaxError(`${filename}:${line + 1}:${character + 1}: ${message}`);
    }
    module._compile(output.outputText, filename);
  };
};
