// The plugin's entry point: the component's TypeScript (here, in infra/ and policy/), transpiled as
// it loads rather than type-checked at every start (`npm test` type-checks it). Pulumi reads the
// component's schema from the TypeScript of index.ts.
const path = require("path");

require("../policy/transpile-on-load")(path.join(__dirname, "tsconfig.json"), path.dirname(__dirname));
module.exports = require("./index.ts");
