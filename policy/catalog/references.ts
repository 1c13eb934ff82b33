import { CIS_VERSIONS, CisVersion, Control } from "./control";

/**
 * Where auditors find a control, in words: "CIS AWS Foundations Benchmark v1.2.0 3.1, v1.3.0-v5.0.0 4.1,
 * v6.0.0-v7.0.0 5.1; AWS Security Hub CloudWatch.2". Consecutive versions with one number are a range.
 */
export function referenceText(control: Control): string {
  const runs: { from: CisVersion; to: CisVersion; section: string }[] = [];
  for (const version of CIS_VERSIONS) {
    const section = control.cis[version];
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
  const cis = runs
    .map(({ from, to, section }) => `${from === to ? name(from) : `${name(from)}-${name(to)}`} ${section}`)
    .join(", ");
  const securityHub = control.securityHub ? `; AWS Security Hub ${control.securityHub.id}` : "";
  return `CIS AWS Foundations Benchmark ${cis}${securityHub}`;
}
