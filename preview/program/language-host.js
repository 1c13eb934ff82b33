// What the Pulumi CLI's Node.js language host does before a program's @pulumi/pulumi starts it, in the
// program's own process: `node language-host.js <the SDK's cmd/run> <its arguments>` (see ./child.ts).
// It is the main script rather than a --require, which the SDK would take for a custom loader and
// then not load a TypeScript ES module itself.
const { Buffer } = require("buffer");
const fs = require("fs");
const process = require("process");
const util = require("util");

// The stack's config comes on standard input, as the JSON of the two variables the Pulumi CLI sets
// (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS): a variable given to a new process holds at most
// 128 KiB, less than the config of a stack with thousands of alert addresses.
Object.assign(process.env, JSON.parse(readStandardInput()));

function readStandardInput() {
  const chunks = [];
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      if (e.code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (n === 0) return Buffer.concat(chunks).toString("utf8");
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
}

// @pulumi/pulumi shows a program's uncaught error with util.inspect(error, { colors: true }). On
// Node.js 20, colouring a stack frame whose path ends in node_modules/<scope>/<file>, as source maps
// make of the SDK's own frames (a `config.require` of an unset key throws from one), loops until the
// string is too long: about 20 s at full CPU (nodejs/node#64011). Errors are shown uncoloured instead,
// which is how npm start shows them anyway.
const inspect = util.inspect;
function inspectErrorsUncoloured(value, options, ...rest) {
  const uncoloured = value instanceof Error && options?.colors ? { ...options, colors: false } : options;
  return inspect.call(this, value, uncoloured, ...rest);
}
Object.defineProperties(inspectErrorsUncoloured, Object.getOwnPropertyDescriptors(inspect));
util.inspect = inspectErrorsUncoloured;

// The SDK's cmd/run, with the arguments it expects after its own path.
process.argv.splice(1, 1);
require(process.argv[1]);
