// The pack's entry point. What `npm pack` publishes holds the compiled JavaScript (bin/, built by
// the prepack script) and no TypeScript, so it starts without compiling anything. In a checkout,
// the TypeScript sources are here and run as they are, so a stale build can never be what runs.
const fs = require("fs");
const path = require("path");

const sources = path.join(__dirname, "index.ts");
if (fs.existsSync(sources)) {
  require("./transpile-on-load")(path.join(__dirname, "tsconfig.json"), __dirname);
  require(sources);
} else {
  require("./bin/index.js");
}
