/**
 * The resources the monitoring chain is made of, in one shape whichever provider declared them
 * (@pulumi/aws or @pulumi/aws-native). Values are plain data; UNKNOWN marks what a preview cannot know.
 */
import { Location } from "./location";
import { Field, Unknown } from "./maybe-unknown";

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
  /** Whether CloudTrail writes digest files, with which log files can be validated. */
  readonly logFileValidation: Field<boolean>;
  /** The KMS key that encrypts its log files; absent for S3-managed encryption. */
  readonly kmsKey: Field<string>;
  /** The S3 bucket it stores log files in, by name. */
  readonly bucket: Reference;
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

/** The four settings of an S3 public access block; a bucket is kept private only with all four on. */
export interface PublicAccessSettings {
  readonly blockPublicAcls: Field<boolean>;
  readonly blockPublicPolicy: Field<boolean>;
  readonly ignorePublicAcls: Field<boolean>;
  readonly restrictPublicBuckets: Field<boolean>;
}

export interface Bucket extends Node {
  readonly bucketName: Field<string>;
  /** Server access logging declared inside the bucket itself: on, off (or not declared), or unknown. */
  readonly accessLogging: boolean | Unknown;
  /** A public access block declared inside the bucket itself (aws-native). */
  readonly publicAccessBlock?: PublicAccessSettings;
}

/** Server access logging of a bucket, declared as a resource of its own. */
export interface BucketLogging extends Node {
  readonly bucket: Reference;
}

/** A public access block declared as a resource of its own, on one bucket or on the whole account. */
export interface PublicAccessBlock extends Node {
  /** The bucket it applies to; undefined for an account-wide block. */
  readonly bucket?: Reference;
  readonly settings: PublicAccessSettings;
}
