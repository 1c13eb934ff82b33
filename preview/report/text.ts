/**
 * The `npm start` report as text: the resources as a tree, notes, the policy results by policy, and
 * the verdict; coloured on a terminal. Every text from the stack or the pack is printed with its
 * control characters escaped, so none can redraw the report (a fake "✔ Passed").
 */
import { terminalText as t } from "../../lib/cli";
import { plural, PolicyResult, PreviewReport, ReportResource } from "./build";

// ANSI styles: [start, end].
const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

type Paint = (style: keyof typeof STYLES, text: string) => string;

export function renderPreviewText(report: PreviewReport, colour: boolean): string {
  const paint: Paint = (style, text) =>
    colour ? `\u001b[${STYLES[style][0]}m${text}\u001b[${STYLES[style][1]}m` : text;
  const source =
    "program" in report.source
      ? `program ${t(report.source.program)}, previewed offline`
      : `state ${t(report.source.state)}`;
  // Resources are named `type name` wherever the report refers to them.
  const names = new Map(report.resources.map((r) => [r.urn, `${t(r.type)} ${t(r.name)}`]));
  const notes = noteLines(report, names);
  return [
    paint("bold", `Stack ${t(report.stack)}`) + paint("dim", ` (${source})`),
    "",
    paint("bold", `Resources (${report.resources.length})`),
    ...resourceTree(report.resources, names, paint),
    "",
    ...(notes.length > 0 ? [paint("bold", "Notes"), ...notes.map((n) => `  ${n}`), ""] : []),
    paint("bold", `Policies (${t(report.policyPack.name)} ${t(report.policyPack.version)})`),
    ...report.policies.flatMap((policy) => policyLines(policy, names, paint)),
    "",
    verdictLine(report.verdict, paint),
  ].join("\n");
}

/** The resources as a tree of parents and children, each with its summary. */
function resourceTree(resources: ReportResource[], names: Map<string, string>, paint: Paint): string[] {
  const children = new Map<string | undefined, ReportResource[]>();
  for (const r of resources) {
    const parent = r.parent !== undefined && names.has(r.parent) ? r.parent : undefined;
    const siblings = children.get(parent);
    if (siblings) siblings.push(r);
    else children.set(parent, [r]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, indent: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const branch = parent === undefined ? "" : last ? "└─ " : "├─ ";
      const summary = r.summary ? `  ${paint("dim", t(r.summary))}` : "";
      lines.push(`  ${indent}${branch}${paint("cyan", t(r.type))} ${t(r.name)}${summary}`);
      walk(r.urn, parent === undefined ? indent : indent + (last ? "   " : "│  "));
    });
  };
  walk(undefined, "");
  return lines;
}

/** A policy's result, and each of its violations with where it is and its message. */
function policyLines(policy: PolicyResult, names: Map<string, string>, paint: Paint): string[] {
  const mark = {
    passed: paint("green", "✔"),
    disabled: paint("dim", "-"),
    "not applicable": paint("dim", "-"),
    failed: paint(policy.enforcementLevel === "mandatory" ? "red" : "yellow", "✖"),
  }[policy.status];
  const count = policy.violations.length;
  const status =
    policy.status === "failed"
      ? plural(count, "violation")
      : policy.status === "not applicable"
        ? `not applicable: ${t(policy.notApplicable ?? "")}`
        : policy.status;
  const lines = [`  ${mark} ${t(policy.name)} ${paint("dim", `[${policy.enforcementLevel}]`)} ${status}`];
  for (const v of policy.violations) {
    const where = v.urn ? (names.get(v.urn) ?? t(v.urn)) : "the stack";
    lines.push(
      `      ${paint(v.enforcementLevel === "mandatory" ? "red" : "yellow", `${v.enforcementLevel}:`)} ${where}`,
    );
    // The pack's message keeps its lines, each indented under the violation.
    for (const line of v.message.split("\n")) lines.push(`        ${t(line)}`);
  }
  return lines;
}

function verdictLine({ status, summary }: PreviewReport["verdict"], paint: Paint): string {
  return status === "passed"
    ? paint("green", `✔ ${t(summary)}`)
    : status === "failed"
      ? paint("red", `✖ ${t(summary)}`)
      : paint("yellow", `? ${t(summary)}`);
}

function noteLines(report: PreviewReport, names: Map<string, string>): string[] {
  const { unknownConfig, unknownSecrets, resources, noStackFile } = report.notes;
  const lines: string[] = [];
  if (noStackFile) lines.push(t(noStackFile));
  if (unknownConfig) {
    lines.push(t(`secret config values unknown: ${unknownConfig.keys.join(", ")} (${unknownConfig.reason})`));
  }
  if (unknownSecrets) {
    lines.push(`${plural(unknownSecrets.count, "secret value")} unknown (${t(unknownSecrets.reason)})`);
  }
  for (const { stack, usedBy } of report.verdict.unknownStackOutputs) {
    lines.push(
      t(`outputs of stack '${stack}' unknown offline (give them with --stack-reference-outputs FILE)`) +
        `: ${usedBy.length === 0 ? "no resource uses them" : `${plural(usedBy.length, "resource")} ${usedBy.length === 1 ? "uses" : "use"} them`}`,
    );
  }
  for (const { urn, note } of resources ?? [])
    lines.push(`${names.get(urn) ?? t(urnLabel(urn))}: ${t(note)}`);
  return lines;
}

/** `type name` of a URN: `urn:pulumi:stack::project::parent$type::name`. */
function urnLabel(urn: string): string {
  const parts = urn.split("::");
  return parts.length < 4 ? urn : `${parts[2].split("$").pop()} ${parts.slice(3).join("::")}`;
}
