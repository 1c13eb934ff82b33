// The pack's entry point. What `npm pack` publishes holds the compiled JavaScript (bin/, built by
// the prepack script) and no TypeScript, so it starts without compiling anything. In a checkout,
// the TypeScript sources are here and run as they are, so a stale build can never be what runs.
const fs = require("fs");
const path = require("path");

const sources = path.join(__dirname, "index.ts");
if (fs.existsSync(sources)) {
  compileTypeScriptAsLoaded();
  require(sources);
} else {
  require("./bin/index.js");
}

// The runner compiles TypeScript with a full type check of the pack, seconds at every start of
// every preview; the project's `npm test` type-checks it once instead. So in a checkout each file
// is only transpiled as it loads, with the pack's compiler options; a syntax error still stops it.
function compileTypeScriptAsLoaded() {
  const ts = require("typescript");
  const configFile = path.join(__dirname, "tsconfig.json");
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, __dirname, configFile);
  require.extensions[".ts"] = (module, filename) => {
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
}
