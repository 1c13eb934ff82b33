import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers/program";

const POLICY = path.join(ROOT, "policy");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(file);
    return entry.name.endsWith(".ts") ? [file] : [];
  });
}

describe("the policy pack as `pulumi policy publish` ships it (only the policy/ folder)", () => {
  const imports = sources(POLICY).flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => ({
      file,
      spec: m[1],
    })),
  );

  it("imports nothing from outside policy/", () => {
    const outside = imports.filter(
      ({ file, spec }) =>
        spec.startsWith(".") && !path.resolve(path.dirname(file), spec).startsWith(POLICY + path.sep),
    );
    assert.deepEqual(outside, []);
    assert.ok(imports.length > 20, "the scan found the pack's imports");
  });

  it("lists every package it imports in its own package.json", () => {
    const { dependencies } = JSON.parse(fs.readFileSync(path.join(POLICY, "package.json"), "utf8"));
    const packages = new Set(
      imports
        .filter(({ spec }) => !spec.startsWith("."))
        .map(({ spec }) =>
          spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0],
        ),
    );
    assert.deepEqual(
      [...packages].filter((p) => !(p in dependencies)),
      [],
    );
    assert.ok(packages.has("@pulumi/policy"));
  });
});
