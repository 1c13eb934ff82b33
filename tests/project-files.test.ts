import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { CONTROLS } from "../policy/catalog";
import { ROOT } from "./helpers/program";

const SCHEMA = path.resolve(ROOT, "tests/data/pulumi-project.schema.json");

describe("Pulumi.yaml", () => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
    JSON.parse(fs.readFileSync(SCHEMA, "utf8")),
  );

  it("is valid against Pulumi's own project schema", () => {
    const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    assert.ok(validate(project), JSON.stringify(validate.errors, null, 2));
  });

  it("is checked by a schema that rejects a broken project file", () => {
    assert.equal(validate({ name: "x", runtime: { name: "nodejs", typo: true } }), false);
  });

  it("runs the TypeScript program in infra/", () => {
    const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    assert.deepEqual(project.runtime, { name: "nodejs", options: { typescript: true } });
    assert.ok(fs.existsSync(path.join(ROOT, project.main, "index.ts")));
  });
});

describe("Pulumi.dev.yaml", () => {
  const stack = parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8"));

  it("holds only namespaced config keys, this project's among them", () => {
    const keys = Object.keys(stack.config);
    assert.deepEqual(Object.keys(stack), ["config"]);
    assert.deepEqual(
      keys.filter((k) => !/^[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9]*$/.test(k)),
      [],
    );
    assert.ok(keys.includes("aws:region") && keys.some((k) => k.startsWith("cis-monitoring:")));
  });

  it("shows, commented, every control id to choose from and its default metric name", () => {
    const text = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
    for (const control of CONTROLS) {
      assert.match(text, new RegExp(`^ {2}# {3}- ${control.id} `, "m"), control.id);
      assert.match(text, new RegExp(`^ {2}# {3}${control.id}: ${control.metricName}$`, "m"), control.id);
    }
  });
});

describe("policy/PulumiPolicy.yaml", () => {
  it("names the nodejs runtime and only keys Pulumi knows", () => {
    const manifest = parse(fs.readFileSync(path.join(ROOT, "policy/PulumiPolicy.yaml"), "utf8"));
    assert.equal(manifest.runtime, "nodejs");
    const known = ["runtime", "description", "version", "main", "author", "website", "license"];
    assert.deepEqual(
      Object.keys(manifest).filter((k) => !known.includes(k)),
      [],
    );
  });
});
