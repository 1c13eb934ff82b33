import { strict as assert } from "assert";
import {
  CIS_CONTROLS,
  CIS_VERSIONS,
  CloudTrailRecord,
  CONTROLS,
  METRIC_NAMESPACE,
} from "../../policy/catalog";
import { apiCall } from "../../policy/catalog/record";
import {
  compileFilterPattern,
  EventValue,
  Expression,
  parseFilterPattern,
  printFilterPattern,
} from "../../policy/filter-pattern";
import { REFERENCE, referenceOf, referenceSection } from "../helpers/reference";

/** The CIS text each cis-latest pattern follows, where it is not the one of v1.4 and later. */
const CIS_TEXT: Record<string, string> = {
  "unauthorized-api-calls": "v2_0plus",
  "console-signin-without-mfa": "v1_4plus_sso_variant",
  "security-group-changes": "v5_0plus",
  "route-table-changes": "v3_0plus_audit",
};
/**
 * The controls whose cis-latest groups the published text to fix its precedence, each with an
 * event the published text counts only because of that precedence.
 */
const REGROUPED: Record<string, CloudTrailRecord> = {
  // `A || B && C && D` is `A || (B && C && D)`: the exclusions spare only AccessDenied*.
  "unauthorized-api-calls": apiCall("ec2.amazonaws.com", "DescribeInstances", {
    errorCode: "Client.UnauthorizedOperation",
    sourceIPAddress: "delivery.logs.amazonaws.com",
  }),
  // The eventSource guard binds CreateRoute alone.
  "route-table-changes": apiCall("appmesh.amazonaws.com", "DeleteRoute"),
};

/** The comparisons of a pattern, printed, whatever joins them. */
function comparisons(pattern: string): string[] {
  const tree = parseFilterPattern(pattern);
  if (tree.kind !== "json") throw new Error(`not a JSON pattern: ${pattern}`);
  const leaves = (e: Expression): Expression[] =>
    e.kind === "or" || e.kind === "and" ? e.operands.flatMap(leaves) : [e];
  return leaves(tree.expression)
    .map((e) => printFilterPattern({ kind: "json", expression: e }))
    .sort();
}

describe("the catalog against the reference facts of the CIS monitoring controls", () => {
  it("has one control for each of the fifteen CIS controls, in CIS order and first, and unique ids and metric names", () => {
    assert.equal(new Set(CIS_CONTROLS.map((c) => referenceOf(c).id)).size, REFERENCE.length);
    assert.deepEqual(CONTROLS.slice(0, CIS_CONTROLS.length), CIS_CONTROLS);
    assert.deepEqual(
      CIS_CONTROLS.map((c) => c.cis["5.0"]),
      REFERENCE.map((_, i) => `4.${i + 1}`),
    );
    assert.equal(new Set(CONTROLS.map((c) => c.id)).size, CONTROLS.length);
    assert.equal(new Set(CONTROLS.map((c) => c.metricName)).size, CONTROLS.length);
    assert.equal(METRIC_NAMESPACE, "CloudTrailMetrics");
  });

  for (const control of CIS_CONTROLS) {
    describe(control.id, () => {
      const entry = referenceOf(control);

      it("has the reference's section number in every CIS version, and none where it has none", () => {
        for (const version of CIS_VERSIONS) {
          assert.equal(control.cis[version], referenceSection(entry, version), `CIS v${version}`);
        }
      });

      it("names the Security Hub control and its exact string, and deploys that string in the security-hub set", () => {
        if (entry.securityHub.id === null) {
          assert.equal(control.securityHub, undefined);
          assert.equal(control.patterns["security-hub"], entry.cisPatterns.v1_4plus, "the CIS text instead");
        } else {
          assert.deepEqual(control.securityHub, {
            id: entry.securityHub.id,
            pattern: entry.securityHub.pattern,
          });
          assert.equal(control.patterns["security-hub"], entry.securityHub.pattern);
        }
      });

      it("deploys in cis-latest the newest CIS text, regrouped only where its precedence is wrong", () => {
        const text = entry.cisPatterns[CIS_TEXT[control.id] ?? "v1_4plus"]!;
        const latest = control.patterns["cis-latest"];
        const regroupedFor = REGROUPED[control.id];
        if (regroupedFor) {
          assert.deepEqual(comparisons(latest), comparisons(text));
          assert.equal(compileFilterPattern(text).matches(regroupedFor as EventValue), true);
          assert.equal(compileFilterPattern(latest).matches(regroupedFor as EventValue), false);
        } else {
          assert.equal(latest, text);
        }
      });
    });
  }
});
