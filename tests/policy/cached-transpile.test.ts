import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

// The module ts-node and the pack's loader transpile with; plain JavaScript, loaded as they load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cached = require("../../policy/cached-transpile") as {
  transpileModule: typeof ts.transpileModule;
  create(options: { service: { config: { options: ts.CompilerOptions } } }): {
    transpile(input: string, options: { fileName: string }): { outputText: string };
  };
};

const CACHE = path.join(
  path.dirname(require.resolve("typescript/package.json")),
  "..",
  ".cache",
  "cis-monitoring",
);
/** The cache's files holding `text` (other test files may be filling the cache at the same time). */
const cachedWith = (text: string) =>
  fs.existsSync(CACHE)
    ? fs.readdirSync(CACHE).filter((f) => fs.readFileSync(path.join(CACHE, f), "utf8").includes(text)).length
    : 0;
const options = (fileName: string) => ({
  fileName,
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  reportDiagnostics: true,
});

describe("transpiling with a cache on disk, as npm start's processes and the pack load TypeScript", () => {
  const marker = `${process.pid}_${Date.now()}`;

  it("gives what TypeScript gives, the first time and when read back", () => {
    const text = `export const value: number = 1; // first ${marker}`;
    const fresh = ts.transpileModule(text, options("a.ts")).outputText;
    assert.equal(cachedWith(`first ${marker}`), 0);
    assert.equal(cached.transpileModule(text, options("a.ts")).outputText, fresh);
    assert.equal(cachedWith(`first ${marker}`), 1);
    assert.equal(cached.transpileModule(text, options("a.ts")).outputText, fresh);
    assert.equal(cachedWith(`first ${marker}`), 1);
  });

  it("transpiles a changed file again, never serving its old output", () => {
    const first = cached.transpileModule(`export const v = "first"; // ${marker}`, options("b.ts"));
    const second = cached.transpileModule(`export const v = "second"; // ${marker}`, options("b.ts"));
    assert.match(first.outputText, /"first"/);
    assert.match(second.outputText, /"second"/);
  });

  it("keeps nothing of a file with errors, and reports them every time, naming the file, line and column", () => {
    const transpiler = cached.create({ service: { config: { options: options("c.ts").compilerOptions } } });
    for (let i = 0; i < 2; i++) {
      assert.throws(
        () => transpiler.transpile(`const x: = 1; // broken ${marker}`, { fileName: "/project/c.ts" }),
        (e: Error) => e instanceof SyntaxError && e.message === "/project/c.ts:1:10: Type expected.",
      );
    }
    assert.equal(cachedWith(`broken ${marker}`), 0);
  });
});
