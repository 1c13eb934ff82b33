/**
 * What CisMonitoring takes, from a program in any language or from stack config: the stack config
 * keys, each optional, with the defaults README.md lists. Pulumi infers the component's schema from
 * these interfaces, so they hold only what it can describe: no unions, and plain values except
 * where noted. Both ways in are validated by the same code (validate.ts), with the same messages.
 */
import * as pulumi from "@pulumi/pulumi";

export interface CisMonitoringArgs {
  /** Email addresses subscribed to the alarm topic; required unless existingTopicArn is set. */
  alertEmails?: string[];
  /** The control ids to monitor, or "cis" for the fifteen CIS controls (default: every control, README "The controls"). */
  controls?: string[];
  /** Which wording of the filter patterns to deploy: "security-hub" (default) or "cis-latest". */
  patternSet?: string;
  /** true (default): create a multi-region trail, its bucket, key and log group; false: use existingLogGroupName. */
  createTrail?: boolean;
  /** true: the new trail is an organization trail, recording every account of the organization (default false). */
  organizationTrail?: boolean;
  /** The organization's ID (o-…) for organizationTrail; default: looked up. */
  organizationId?: string;
  /** The log group an existing trail delivers to; only with createTrail false. */
  existingLogGroupName?: pulumi.Input<string>;
  /** An SNS topic to notify instead of creating one, by ARN. */
  existingTopicArn?: pulumi.Input<string>;
  /** Days the trail's log group keeps events: a retention CloudWatch Logs offers (default 365). */
  logRetentionDays?: number;
  /** The CloudWatch namespace of the metrics (default "CloudTrailMetrics"). */
  metricNamespace?: string;
  /** Metric names by control id, for the chosen controls you rename. */
  metricNames?: Record<string, string>;
  /** The settings of every control's alarm. */
  alarm?: Alarm;
  /** Alarm settings by control id, naming only what differs from alarm. */
  alarmOverrides?: Record<string, Alarm>;
  /** Also open a Systems Manager OpsItem with this severity when an alarm fires: "1" to "4". */
  opsItemSeverity?: string;
  /** true (default): keep the log group, the buckets and the trail key on destroy; false: delete them. */
  retainOnDelete?: boolean;
  /** An existing SSE-S3 bucket for the trail bucket's access logs, by name, instead of a new log bucket. */
  accessLogBucketName?: pulumi.Input<string>;
  /** true (default): when an alarm fires, also publish the events behind it (who, what, from where). */
  alertDetails?: boolean;
  /** true (default): an alarm when the trail's log group receives no events for deliveryAlarmMinutes. */
  deliveryAlarm?: boolean;
  /** Minutes without a single event in the trail's log group that raise the delivery alarm: 15 to 1440 (default 60). */
  deliveryAlarmMinutes?: number;
}

/** A CIS alarm's settings; each one left out takes the CIS default. */
export interface Alarm {
  /** Seconds per period: a multiple of 60 up to 86400 (default 300). */
  periodSeconds?: number;
  /** Matching events in one period that raise the alarm: 1 to 1000000 (default 1). */
  threshold?: number;
  /** Periods CloudWatch evaluates (default 1). */
  evaluationPeriods?: number;
  /** Evaluated periods that must breach (default: all). */
  datapointsToAlarm?: number;
  /** How periods without data count: "notBreaching" (default), "missing", "ignore" or "breaching". */
  treatMissingData?: string;
  /** Whether the alarm notifies anyone (default true). */
  actionsEnabled?: boolean;
}
