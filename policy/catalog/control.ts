/**
 * The shape of one CIS monitoring control: everything the program needs to build the
 * filter and alarm, and everything the policy pack needs to recognise them in any stack.
 */

/** Which published wording of a control's filter pattern to deploy. */
export const PATTERN_VERSIONS = ["cis-1.2", "cis-4"] as const;
export type PatternVersion = (typeof PATTERN_VERSIONS)[number];

/** A CloudTrail record, as CloudWatch Logs receives it from the trail. */
export type CloudTrailRecord = Record<string, unknown>;

export interface SampleEvent {
  /** Shown in policy messages when a pattern gets this sample wrong. */
  readonly description: string;
  readonly record: CloudTrailRecord;
}

export interface AlarmDefaults {
  readonly statistic: "Sum";
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly comparisonOperator: "GreaterThanOrEqualToThreshold";
  readonly evaluationPeriods: number;
  readonly treatMissingData: "notBreaching";
}

export interface Control {
  /** Stable identifier, used in resource names, config keys and policy names. */
  readonly id: string;
  readonly title: string;
  /** What the alarm catches, as policy messages say it: "unauthorized API calls". */
  readonly catches: string;
  /** Where auditors find this control: CIS benchmark sections and Security Hub controls. */
  readonly references: readonly string[];
  /** The filter pattern, as each CIS version publishes it. */
  readonly patterns: Readonly<Record<PatternVersion, string>>;
  /** The exact string Security Hub's check compares against. */
  readonly securityHubPattern: string;
  readonly metric: { readonly namespace: string; readonly name: string };
  readonly alarm: AlarmDefaults;
  /**
   * Logs Insights `filter` clause that selects the same events as the pattern,
   * so the person who gets the alarm can list who did what.
   */
  readonly insightsFilter: string;
  /** Events the control exists to catch, and events it must ignore. */
  readonly samples: {
    readonly mustMatch: readonly SampleEvent[];
    readonly mustNotMatch: readonly SampleEvent[];
  };
}
