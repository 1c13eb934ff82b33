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
    const { status, mandatoryViolations, advisoryViolations } = JSON.parse(result.stdout).verdict;
    assert.deepEqual(
      { status, mandatoryViolations, advisoryViolations },
      { status: "passed", mandatoryViolations: 0, advisoryViolations: 0 },
    );
  });
});
