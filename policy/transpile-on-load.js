// Pulumi's runners compile TypeScript with a full type check of everything loaded, seconds at every
// start of every preview; the project's `npm test` type-checks it once instead. So each file under
// `root` is only transpiled as it loads, with the compiler options of `tsconfigFile`; a syntax error
// still stops it. Other TypeScript files (a program that imports the component) load as before.
const fs = require("fs");
const path = require("path");

module.exports = function transpileOnLoad(tsconfigFile, root) {
  const ts = require("typescript");
  const { transpileModule, transpileError } = require("./cached-transpile");
  const { config } = ts.readConfigFile(tsconfigFile, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(
    config.compilerOptions,
    path.dirname(tsconfigFile),
    tsconfigFile,
  );
  const previous = require.extensions[".ts"];
  require.extensions[".ts"] = (module, filename) => {
    if (previous && !filename.startsWith(root + path.sep)) return previous(module, filename);
    const output = transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: options,
      reportDiagnostics: true,
    });
    if ((output.diagnostics ?? []).length > 0) throw transpileError(filename, output.diagnostics);
    module._compile(output.outputText, filename);
  };
};
