/**
 * The resources the monitoring chain is made of, in one shape whichever provider declared them
 * (@pulumi/aws or @pulumi/aws-native). Values are plain data; UNKNOWN marks what a preview cannot know.
 */
import { Location } from "./location";
import { Field, Unknown } from "./read";

/** What a property points at: the resources its value came from, and the value itself. */
export interface Reference {
  readonly urns: readonly string[];
  readonly value: Field<string>;
}

interface Node {
  readonly urn: string;
  /** The Pulumi resource name, which is how people find it in their program. */
  readonly name: string;
  readonly type: string;
  /** Its region and account. */
  readonly where: Location;
}

export type ManagementEvents = "all" | "read-only" | "write-only" | "none";

export interface Trail extends Node {
  readonly trailName: Field<string>;
  readonly multiRegion: Field<boolean>;
  readonly logging: Field<boolean>;
  readonly globalServiceEvents: Field<boolean>;
  readonly managementEvents: ManagementEvents | Unknown;
  /** The log group ARN it delivers to (`arn:…:log-group:NAME:*`). */
  readonly logGroup: Reference;
}

export interface LogGroup extends Node {
  readonly groupName: Field<string>;
}

export interface Metric {
  readonly namespace: Field<string>;
  readonly name: Field<string>;
}

export interface MetricFilter extends Node {
  readonly logGroupName: Reference;
  readonly pattern: Field<string>;
  readonly metrics: readonly Metric[] | Unknown;
}

export interface AlarmMetric extends Metric {
  readonly statistic: Field<string>;
  readonly period: Field<number>;
}

export interface Alarm extends Node {
  /** The metrics it watches: the one named directly, or those inside metric math queries. */
  readonly metrics: readonly AlarmMetric[] | Unknown;
  readonly threshold: Field<number>;
  readonly comparisonOperator: Field<string>;
  readonly evaluationPeriods: Field<number>;
  readonly datapointsToAlarm: Field<number>;
  readonly actionsEnabled: Field<boolean>;
  /** The alarm actions: resources they came from, and each ARN. */
  readonly actions: { readonly urns: readonly string[]; readonly values: readonly Field<string>[] | Unknown };
}

export interface Topic extends Node {
  readonly arn: Field<string>;
  /** Subscriptions declared inside the topic itself (aws-native). */
  readonly inlineSubscriptions: number;
}

export interface Subscription extends Node {
  readonly topic: Reference;
}
