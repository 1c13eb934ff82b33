/**
 * The shape of one CIS monitoring control: everything the program needs to build the
 * filter and alarm, and everything the policy pack needs to recognise them in any stack.
 */

/**
 * Which wording of each control's filter pattern to deploy:
 * - `security-hub`: byte for byte the string AWS Security Hub checks (CloudWatch.1-14), so its
 *   controls pass; for a control Security Hub does not check, the CIS text.
 * - `cis-latest`: the newest CIS text, with its published precedence defects fixed by grouping.
 */
export const PATTERN_SETS = ["security-hub", "cis-latest"] as const;
export type PatternSet = (typeof PATTERN_SETS)[number];

/** Pattern set names of earlier releases, and the set each is called now. */
export const RENAMED_PATTERN_SETS: Readonly<Record<string, PatternSet>> = {
  "cis-1.2": "security-hub",
  "cis-4": "cis-latest",
};

/** The CIS AWS Foundations Benchmark versions whose numbering the catalog records. */
export const CIS_VERSIONS = ["1.2", "1.3", "1.4", "1.5", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0"] as const;
export type CisVersion = (typeof CIS_VERSIONS)[number];

/**
 * A control's section number in each CIS version, from the versions where it changed: each number
 * holds until the next one given, `null` where the control is not in the benchmark.
 * `cisSections({ "1.2": "3.1", "1.3": "4.1", "6.0": "5.1" })` numbers it 4.1 from v1.3 to v5.0.
 */
export function cisSections(
  changes: Readonly<Partial<Record<CisVersion, string | null>>>,
): Readonly<Partial<Record<CisVersion, string>>> {
  const sections: Partial<Record<CisVersion, string>> = {};
  let section: string | null | undefined;
  for (const version of CIS_VERSIONS) {
    if (version in changes) section = changes[version];
    if (section) sections[version] = section;
  }
  return sections;
}

/** A CloudTrail record, as CloudWatch Logs receives it from the trail. */
export type CloudTrailRecord = Record<string, unknown>;

export interface SampleEvent {
  /** Shown in policy messages when a pattern gets this sample wrong. */
  readonly description: string;
  readonly record: CloudTrailRecord;
  /**
   * For an event the control deliberately leaves out, why: a filter that catches it is noisier,
   * not wrong. Other events a filter must not catch are ordinary activity, which it must ignore.
   */
  readonly excluded?: string;
}

export interface AlarmDefaults {
  readonly statistic: "Sum";
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly comparisonOperator: "GreaterThanOrEqualToThreshold";
  readonly evaluationPeriods: number;
  readonly treatMissingData: "notBreaching";
}

/** What CIS and Security Hub expect of every control's alarm: a single event within 5 minutes. */
export const CIS_ALARM: AlarmDefaults = {
  statistic: "Sum",
  periodSeconds: 300,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  evaluationPeriods: 1,
  treatMissingData: "notBreaching",
};

/** The namespace CloudTrail's documentation and CIS audits use for these metrics. */
export const METRIC_NAMESPACE = "CloudTrailMetrics";

/** What every control has, whether the CIS benchmark asks for it or this project adds it. */
interface ControlData {
  /** Stable identifier, used in resource names, config keys and policy names. */
  readonly id: string;
  readonly title: string;
  /** What the alarm catches, as policy messages say it: "unauthorized API calls". */
  readonly catches: string;
  /** The filter pattern of each pattern set. */
  readonly patterns: Readonly<Record<PatternSet, string>>;
  /** The default metric name, in {@link METRIC_NAMESPACE}. */
  readonly metricName: string;
  readonly alarm: AlarmDefaults;
  /**
   * Fields every event of this control has, although its pattern does not test them (the service
   * the calls go to, say). Events built from the pattern to judge other filters start from these.
   */
  readonly context: CloudTrailRecord;
  /**
   * For a control that catches tampering with the monitoring itself, how: an exclusion from it
   * would hide the very act of blinding the others, so the replay proposes one only for a
   * principal behind at least half its notifications, never a whole event name, and warns with this.
   */
  readonly tampering?: string;
  /** Events the control exists to catch, and everyday events it must ignore. */
  readonly samples: {
    readonly mustMatch: readonly SampleEvent[];
    readonly mustNotMatch: readonly SampleEvent[];
  };
}

/** A monitoring control of the CIS AWS Foundations Benchmark. */
export interface CisControl extends ControlData {
  /** Its section number in each CIS version that has it. */
  readonly cis: Readonly<Partial<Record<CisVersion, string>>>;
  /** The Security Hub control that checks it, and the exact pattern string that check compares. */
  readonly securityHub?: { readonly id: string; readonly pattern: string };
  readonly beyondCis?: undefined;
}

/**
 * A control this project adds beyond the benchmark: no CIS version numbers it, no Security Hub
 * control checks it, so it has neither, and its patterns are this project's own in both sets.
 */
export interface BeyondCisControl extends ControlData {
  /** Why it is worth an alarm although no benchmark asks for one. */
  readonly beyondCis: string;
  readonly cis?: undefined;
  readonly securityHub?: undefined;
}

export type Control = CisControl | BeyondCisControl;

export function isCisControl(control: Control): control is CisControl {
  return control.beyondCis === undefined;
}
