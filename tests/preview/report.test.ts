import { strict as assert } from "assert";
import { StackAnalysis } from "../../preview/pack";
import { buildPreviewReport, PreviewReportInput } from "../../preview/report/build";
import { renderPreviewText } from "../../preview/report/text";

const info = {
  name: "pack",
  version: "1.0.0",
  policies: [
    { name: "p", description: "Checks things.", enforcementLevel: "mandatory" as const, configSchema: {} },
    { name: "q", description: "Checks trails.", enforcementLevel: "advisory" as const, configSchema: {} },
  ],
};
const violation = {
  policyName: "p",
  description: "Checks things.",
  message: "Checks things.\nBucket b is wrong.",
  enforcementLevel: "mandatory" as const,
  urn: "urn:a",
};
const base: PreviewReportInput = {
  stack: "dev",
  source: { program: "infra" },
  resources: [{ urn: "urn:a", type: "aws:s3/bucket:Bucket", name: "b", summary: "" }],
  notExpanded: [],
  unknownStackOutputs: [],
  notes: {},
  info,
  config: {},
  resourceAnalyses: [],
  stackAnalysis: { diagnostics: [], notApplicable: [] },
};
const hidden = [{ urn: "urn:c", type: "awsx:cloudtrail:Trail", name: "with-logs" }];

describe("the npm start report", () => {
  const report = buildPreviewReport({
    ...base,
    stackAnalysis: { diagnostics: [violation], notApplicable: [] },
  });

  it("shows each violation once, without the policy description the pack puts before it", () => {
    assert.deepEqual(report.policies[0].violations, [
      { message: "Bucket b is wrong.", urn: "urn:a", enforcementLevel: "mandatory" },
    ]);
    assert.deepEqual(report.verdict, {
      status: "failed",
      exitCode: 1,
      summary: "Failed: 1 mandatory policy violation.",
      mandatoryViolations: 1,
      advisoryViolations: 0,
      notExpanded: [],
      unknownStackOutputs: [],
    });
  });

  it("is plain text when piped, and coloured on a terminal", () => {
    const plain = renderPreviewText(report, false);
    assert.ok(!plain.includes("\u001b["), "no escape codes");
    assert.match(
      plain,
      / {2}✖ p \[mandatory\] 1 violation\n {6}mandatory: aws:s3\/bucket:Bucket b\n {8}Bucket b is wrong\.\n/,
    );
    const coloured = renderPreviewText(report, true);
    assert.ok(coloured.endsWith("\u001b[31m✖ Failed: 1 mandatory policy violation.\u001b[39m"), coloured);
  });

  it("shows the reason a policy does not apply, instead of a bare pass", () => {
    const reason = "no CloudTrail trail in this stack: nothing to check";
    const quiet = buildPreviewReport({
      ...base,
      stackAnalysis: { diagnostics: [], notApplicable: [{ policyName: "q", reason }] },
    });
    assert.deepEqual(
      quiet.policies.map((p) => [p.name, p.status, p.notApplicable]),
      [
        ["p", "passed", undefined],
        ["q", "not applicable", reason],
      ],
    );
    assert.match(
      renderPreviewText(quiet, false),
      new RegExp(`\n {2}- q \\[advisory\\] not applicable: ${reason}\n`),
    );
  });

  it("calls a resource policy not applicable only when no resource was checked by it", () => {
    const reason = "Policy only applies to resources of type 'aws:s3/bucket:Bucket'";
    const skipped: StackAnalysis = { diagnostics: [], notApplicable: [{ policyName: "p", reason }] };
    const ran: StackAnalysis = { diagnostics: [], notApplicable: [] };
    const status = (resourceAnalyses: StackAnalysis[]) =>
      buildPreviewReport({ ...base, resourceAnalyses }).policies[0].status;
    assert.equal(status([skipped, skipped]), "not applicable");
    assert.equal(status([skipped, ran]), "passed");
  });

  it("never passes a stack with components it could not look inside, and a seen violation still fails it", () => {
    const incomplete = buildPreviewReport({ ...base, notExpanded: hidden });
    assert.equal(incomplete.verdict.status, "incomplete");
    assert.equal(incomplete.verdict.exitCode, 3);
    assert.equal(
      incomplete.verdict.summary,
      "Incomplete: 1 component not expanded offline: awsx:cloudtrail:Trail 'with-logs'. " +
        "A provider plugin builds its resources, which only `pulumi preview --policy-pack policy` can check.",
    );
    const failing = buildPreviewReport({
      ...base,
      notExpanded: hidden,
      stackAnalysis: { diagnostics: [violation], notApplicable: [] },
    });
    assert.equal(failing.verdict.exitCode, 1);
    assert.match(
      failing.verdict.summary,
      /^Failed: 1 mandatory policy violation; also 1 component not expanded offline: awsx:cloudtrail:Trail 'with-logs'\.$/,
    );
  });

  it("passes a stack whose stack references no resource uses, and not one whose resources use their unknown outputs", () => {
    const alarm = { urn: "urn:alarm", type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "a" };
    const unused = buildPreviewReport({
      ...base,
      unknownStackOutputs: [{ stack: "acme/net/prod", usedBy: [] }],
    });
    assert.equal(unused.verdict.status, "passed");
    const used = buildPreviewReport({
      ...base,
      notExpanded: hidden,
      unknownStackOutputs: [
        { stack: "acme/net/prod", usedBy: [alarm] },
        { stack: "acme/alerts/prod", usedBy: [alarm] },
      ],
    });
    assert.equal(used.verdict.exitCode, 3);
    assert.equal(
      used.verdict.summary,
      "Incomplete: 1 component not expanded offline: awsx:cloudtrail:Trail 'with-logs'; " +
        "1 resource uses outputs of stacks 'acme/net/prod', 'acme/alerts/prod', unknown offline. " +
        "A provider plugin builds its resources, which only `pulumi preview --policy-pack policy` can check. " +
        "Give them with --stack-reference-outputs FILE.",
    );
  });
});
