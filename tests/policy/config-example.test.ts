import { strict as assert } from "assert";
import * as path from "path";
import { runCommand } from "../helpers/cli";
import { ROOT } from "../helpers/program";

describe("policy/config.example.json", () => {
  it("is accepted by the pack's config schemas and keeps this project's stack passing", () => {
    const result = runCommand("start", [
      "--json",
      "--policy-pack-config",
      path.join(ROOT, "policy/config.example.json"),
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).verdict, {
      passed: true,
      mandatoryViolations: 0,
      advisoryViolations: 0,
    });
  });
});
