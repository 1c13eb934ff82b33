/** What `npm start` prints: the resources as a tree, the policy results by policy, and a verdict. */
import { Diagnostic, EnforcementLevel, PackInfo, PolicyConfig } from "./analyzer";

export interface ReportResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  /** The few settings that matter for monitoring, in words. */
  readonly summary: string;
}

export interface PolicyResult {
  readonly name: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly status: "passed" | "failed" | "disabled";
  readonly violations: {
    readonly message: string;
    readonly urn?: string;
    readonly enforcementLevel: EnforcementLevel;
  }[];
}

export interface Report {
  readonly stack: string;
  readonly source: { readonly program: string } | { readonly state: string };
  readonly resources: ReportResource[];
  readonly policyPack: { readonly name: string; readonly version: string };
  readonly policies: PolicyResult[];
  readonly verdict: {
    readonly passed: boolean;
    readonly mandatoryViolations: number;
    readonly advisoryViolations: number;
  };
}

export function buildReport(
  stack: string,
  source: Report["source"],
  resources: ReportResource[],
  info: PackInfo,
  config: Record<string, PolicyConfig>,
  diagnostics: Diagnostic[],
): Report {
  const descriptions = new Map(info.policies.map((p) => [p.name, p.description]));
  const policies: PolicyResult[] = info.policies.map((policy) => {
    const enforcementLevel = config[policy.name]?.enforcementLevel ?? policy.enforcementLevel;
    const violations = diagnostics
      .filter((d) => d.policyName === policy.name)
      .map((d) => ({
        // The pack puts the policy's description before each message; the report shows it once.
        message: d.message.startsWith(`${descriptions.get(policy.name)}\n`)
          ? d.message.slice(descriptions.get(policy.name)!.length + 1)
          : d.message,
        urn: d.urn,
        enforcementLevel: d.enforcementLevel,
      }));
    const status = enforcementLevel === "disabled" ? "disabled" : violations.length > 0 ? "failed" : "passed";
    return { name: policy.name, enforcementLevel, status, violations };
  });
  const all = policies.flatMap((p) => p.violations);
  const mandatoryViolations = all.filter((v) => v.enforcementLevel === "mandatory").length;
  return {
    stack,
    source,
    resources,
    policyPack: { name: info.name, version: info.version },
    policies,
    verdict: {
      passed: mandatoryViolations === 0,
      mandatoryViolations,
      advisoryViolations: all.length - mandatoryViolations,
    },
  };
}

// ANSI styles: [start, end].
const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export function renderText(report: Report, colour: boolean): string {
  const paint = (style: keyof typeof STYLES, text: string) =>
    colour ? `\u001b[${STYLES[style][0]}m${text}\u001b[${STYLES[style][1]}m` : text;
  const lines: string[] = [];
  const source =
    "program" in report.source
      ? `program ${report.source.program}, previewed offline`
      : `state ${report.source.state}`;
  lines.push(paint("bold", `Stack ${report.stack}`) + paint("dim", ` (${source})`), "");

  lines.push(paint("bold", `Resources (${report.resources.length})`));
  const names = new Map(report.resources.map((r) => [r.urn, `${r.type} ${r.name}`]));
  const children = new Map<string | undefined, ReportResource[]>();
  for (const r of report.resources) {
    const parent = r.parent !== undefined && names.has(r.parent) ? r.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const walk = (parent: string | undefined, indent: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const branch = parent === undefined ? "" : last ? "└─ " : "├─ ";
      const summary = r.summary ? `  ${paint("dim", r.summary)}` : "";
      lines.push(`  ${indent}${branch}${paint("cyan", r.type)} ${r.name}${summary}`);
      walk(r.urn, parent === undefined ? indent : indent + (last ? "   " : "│  "));
    });
  };
  walk(undefined, "");
  lines.push("");

  lines.push(paint("bold", `Policies (${report.policyPack.name} ${report.policyPack.version})`));
  for (const policy of report.policies) {
    const mark =
      policy.status === "passed"
        ? paint("green", "✔")
        : policy.status === "disabled"
          ? paint("dim", "-")
          : paint(policy.enforcementLevel === "mandatory" ? "red" : "yellow", "✖");
    const count = policy.violations.length;
    const status = policy.status === "failed" ? `${count} violation${count === 1 ? "" : "s"}` : policy.status;
    lines.push(`  ${mark} ${policy.name} ${paint("dim", `[${policy.enforcementLevel}]`)} ${status}`);
    for (const v of policy.violations) {
      const where = v.urn ? (names.get(v.urn) ?? v.urn) : "the stack";
      lines.push(
        `      ${paint(v.enforcementLevel === "mandatory" ? "red" : "yellow", `${v.enforcementLevel}:`)} ${where}`,
      );
      for (const line of v.message.split("\n")) lines.push(`        ${line}`);
    }
  }
  lines.push("");

  const { passed, mandatoryViolations: m, advisoryViolations: a } = report.verdict;
  const advisories = a > 0 ? `, ${a} advisory` : "";
  lines.push(
    passed
      ? paint("green", `✔ Passed: no mandatory policy violations${advisories}.`)
      : paint("red", `✖ Failed: ${m} mandatory policy violation${m === 1 ? "" : "s"}${advisories}.`),
  );
  return lines.join("\n");
}
