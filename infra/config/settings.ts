import { PatternVersion } from "../../policy/catalog";

/** Typed, validated settings for one stack: what the monitoring component is built from. */
export interface MonitoringSettings {
  /** Where the CloudTrail events come from. */
  readonly source:
    | { readonly kind: "new-trail"; readonly logRetentionDays: number }
    | { readonly kind: "existing-log-group"; readonly logGroupName: string };
  readonly patternVersion: PatternVersion;
  readonly metricNamespace: string;
  /** Metric name overrides by control id; the catalog's name otherwise. */
  readonly metricNames: Readonly<Record<string, string>>;
  readonly alarm: AlarmSettings;
  readonly notifications: {
    readonly topic:
      { readonly kind: "new-topic" } | { readonly kind: "existing-topic"; readonly arn: string };
    readonly emails: readonly string[];
    readonly opsItemSeverity?: "1" | "2" | "3" | "4";
  };
  /** Keep the evidence (log group, trail bucket and its key) when the stack is destroyed. */
  readonly retainOnDelete: boolean;
}

export interface AlarmSettings {
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: "notBreaching" | "missing" | "ignore" | "breaching";
  readonly actionsEnabled: boolean;
}
