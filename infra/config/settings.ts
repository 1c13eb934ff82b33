import * as pulumi from "@pulumi/pulumi";
import { Control, PatternSet } from "../../policy/catalog";

/**
 * Typed, validated settings: what the monitoring component is built from, derived from its arguments
 * (validate.ts). A name that another resource computes stays an input, checked once it is known.
 */
export interface MonitoringSettings {
  /** Where the CloudTrail events come from. */
  readonly source:
    NewTrail | { readonly kind: "existing-log-group"; readonly logGroupName: pulumi.Input<string> };
  readonly patternSet: PatternSet;
  readonly metricNamespace: string;
  /** The controls to monitor, in catalog order, each with its own metric name and alarm settings. */
  readonly controls: readonly ControlSettings[];
  readonly notifications: {
    readonly topic:
      | { readonly kind: "new-topic" }
      | { readonly kind: "existing-topic"; readonly arn: pulumi.Input<string> };
    readonly emails: readonly string[];
    readonly opsItemSeverity?: "1" | "2" | "3" | "4";
  };
  /**
   * Tell people what set an alarm off: a function publishes the events behind each alarm that goes
   * into ALARM to the alarm topic, besides the alarm's own notification.
   */
  readonly alertDetails: boolean;
  /**
   * Tell people when the trail's log group receives nothing for this many minutes, which every
   * other alarm, silent while no events arrive, would take for quiet.
   */
  readonly deliveryAlarm?: { readonly minutes: number };
  /**
   * Keep the evidence when the stack is destroyed: the log group, the trail bucket and its key, the
   * access log bucket the stack creates, and the buckets' protections and access logging.
   */
  readonly retainOnDelete: boolean;
}

/** A trail the monitoring creates, and the log group it delivers to. */
export interface NewTrail {
  readonly kind: "new-trail";
  /** An organization trail, of the organization with this ID or, without one, the caller's; absent: this account's trail. */
  readonly organization?: { readonly id?: string };
  readonly logRetentionDays: number;
  /** Where S3 server access logs of the trail's bucket go. */
  readonly accessLogs: AccessLogTarget;
}

export interface ControlSettings {
  readonly control: Control;
  readonly metricName: string;
  readonly alarm: AlarmSettings;
}

/** A dedicated log bucket created with the trail, or an existing bucket by name. */
export type AccessLogTarget =
  | { readonly kind: "new-bucket" }
  | { readonly kind: "existing-bucket"; readonly bucketName: pulumi.Input<string> };

export interface AlarmSettings {
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: "notBreaching" | "missing" | "ignore" | "breaching";
  readonly actionsEnabled: boolean;
}
