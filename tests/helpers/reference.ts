/** The reference facts about the CIS monitoring controls, from tests/data (its README says where they came from). */
import * as fs from "fs";
import * as path from "path";
import { CisVersion, CisControl } from "../../policy/catalog";

interface ProwlerVerdict {
  readonly head: boolean;
  readonly "pre_5.30": boolean;
}

export interface ReferenceControl {
  readonly id: string;
  readonly title: string;
  /** By version ("v1_2"): the section, sometimes followed by a note in parentheses; null if absent. */
  readonly cis: Readonly<Record<string, string | null>>;
  readonly securityHub: { readonly id: string | null; readonly pattern?: string };
  /** The CIS text by version range ("v1_4plus"), as published. */
  readonly cisPatterns: Readonly<Record<string, string | null>>;
  readonly prowlerRegex: {
    /** Python `re` syntax, searched for in a filter pattern's text. */
    readonly "head_>=5.30": string;
    readonly "pre_5.30": string;
    /** Prowler's verdict on the patterns the reference names ("securityHub", "cis_v1_2", ...). */
    readonly acceptsPattern: Readonly<Record<string, ProwlerVerdict>>;
  };
  readonly tfCisAlarmsName: string;
  readonly tfCisAlarmsPattern: string;
  readonly nozaqPattern: Readonly<Record<string, string>>;
}

export const REFERENCE: readonly ReferenceControl[] = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../data/cis-controls.json"), "utf8"),
);

/** A control's section in a CIS version, without the reference's notes: "4.3 (...)" is "4.3". */
export function referenceSection(entry: ReferenceControl, version: CisVersion): string | undefined {
  return entry.cis[`v${version.replace(".", "_")}`]?.split(" ")[0];
}

/** The reference entry of a catalog control: the one with its CIS v1.4 section. */
export function referenceOf(control: CisControl): ReferenceControl {
  const found = REFERENCE.filter((entry) => referenceSection(entry, "1.4") === control.cis["1.4"]);
  if (found.length !== 1) throw new Error(`${found.length} reference entries for ${control.id}`);
  return found[0];
}

/**
 * The pattern strings the reference evaluated Prowler's regexes on, with its verdicts. Names it
 * gives no string for (a superseded Security Hub string it only describes) are left out.
 */
export function evaluatedPatterns(
  entry: ReferenceControl,
): { name: string; pattern: string; verdict: ProwlerVerdict }[] {
  const patternOf = (name: string): string | null | undefined => {
    if (name === "securityHub") return entry.securityHub.pattern;
    if (name.startsWith("cis_")) return entry.cisPatterns[name.slice("cis_".length)];
    if (name === `tfcw_${entry.tfCisAlarmsName}`) return entry.tfCisAlarmsPattern;
    return entry.nozaqPattern[name];
  };
  return Object.entries(entry.prowlerRegex.acceptsPattern).flatMap(([name, verdict]) => {
    const pattern = patternOf(name);
    return typeof pattern === "string" ? [{ name, pattern, verdict }] : [];
  });
}
