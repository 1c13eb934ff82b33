import { strict as assert } from "assert";
import { buildReport, renderText } from "../../offline/report";

const info = {
  name: "pack",
  version: "1.0.0",
  policies: [
    { name: "p", description: "Checks things.", enforcementLevel: "mandatory" as const, configSchema: {} },
  ],
};
const report = buildReport(
  "dev",
  { program: "infra" },
  [{ urn: "urn:a", type: "aws:s3/bucket:Bucket", name: "b", summary: "" }],
  info,
  {},
  [
    {
      policyName: "p",
      description: "Checks things.",
      message: "Checks things.\nBucket b is wrong.",
      enforcementLevel: "mandatory",
      urn: "urn:a",
    },
  ],
);

describe("the npm start report", () => {
  it("shows each violation once, without the policy description the pack puts before it", () => {
    assert.deepEqual(report.policies[0].violations, [
      { message: "Bucket b is wrong.", urn: "urn:a", enforcementLevel: "mandatory" },
    ]);
    assert.deepEqual(report.verdict, { passed: false, mandatoryViolations: 1, advisoryViolations: 0 });
  });

  it("is plain text when piped, and coloured on a terminal", () => {
    const plain = renderText(report, false);
    assert.ok(!plain.includes("\u001b["), "no escape codes");
    assert.match(
      plain,
      / {2}✖ p \[mandatory\] 1 violation\n {6}mandatory: aws:s3\/bucket:Bucket b\n {8}Bucket b is wrong\.\n/,
    );
    const coloured = renderText(report, true);
    assert.ok(coloured.endsWith("\u001b[31m✖ Failed: 1 mandatory policy violation.\u001b[39m"), coloured);
  });
});
