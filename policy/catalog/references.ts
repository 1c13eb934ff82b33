import { CIS_VERSIONS, CisControl, CisVersion, Control } from "./control";

/**
 * Where auditors find a control, in words: "CIS AWS Foundations Benchmark v1.2.0 3.1, v1.3.0-v5.0.0 4.1,
 * v6.0.0-v7.0.0 5.1; AWS Security Hub CloudWatch.2", or that it is beyond them.
 */
export function referenceText(control: Control): string {
  if (control.beyondCis !== undefined) {
    return "beyond the CIS AWS Foundations Benchmark; no AWS Security Hub control";
  }
  const securityHub = control.securityHub ? `; AWS Security Hub ${control.securityHub.id}` : "";
  return `CIS AWS Foundations Benchmark ${cisNumbering([control]).text}${securityHub}`;
}

/** How policy messages cite a control briefly: "CIS 3.1/4.1/5.1, Security Hub CloudWatch.2", or "beyond CIS". */
export function shortReference(control: Control): string {
  if (control.beyondCis !== undefined) return "beyond CIS";
  const sections = [...new Set(Object.values(control.cis))].join("/");
  return `CIS ${sections}${control.securityHub ? `, Security Hub ${control.securityHub.id}` : ""}`;
}

/**
 * The controls' numbers in each CIS version that has them, "v1.2.0 3.1, v1.3.0-v5.0.0 4.1, v6.0.0-v7.0.0
 * 5.1" for one control, "v1.2.0 3.1-3.14, ..." for several (first and last in catalog order);
 * consecutive versions with the same numbers are a range. With the first and last of those versions.
 */
export function cisNumbering(controls: readonly CisControl[]): { text: string; first: string; last: string } {
  const runs: { from: CisVersion; to: CisVersion; section: string }[] = [];
  for (const version of CIS_VERSIONS) {
    const sections = controls.flatMap((control) => control.cis[version] ?? []);
    const section = sections.length < 2 ? sections[0] : `${sections[0]}-${sections[sections.length - 1]}`;
    const last = runs.at(-1);
    if (section === undefined) continue;
    if (
      last &&
      last.section === section &&
      CIS_VERSIONS.indexOf(last.to) === CIS_VERSIONS.indexOf(version) - 1
    )
      last.to = version;
    else runs.push({ from: version, to: version, section });
  }
  const name = (v: CisVersion) => `v${v}.0`;
  const text = runs
    .map(({ from, to, section }) => `${from === to ? name(from) : `${name(from)}-${name(to)}`} ${section}`)
    .join(", ");
  return { text, first: `${runs[0].from}.0`, last: `${runs.at(-1)!.to}.0` };
}
