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

/** What a list property points at: the resources its items came from, and each item. */
export interface ListReference {
  readonly urns: readonly string[];
  readonly values: readonly Field<string>[] | Unknown;
}

/**
 * An IAM policy document as the program gave it: a JSON string or an object, parts of which may be
 * UNKNOWN; undefined where none is given. Judged by ../rules/permissions.ts.
 */
export type PolicyDocument = unknown;

export interface Node {
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
  /** Which management events it records, and which it leaves out. */
  readonly eventSelectors: EventSelectors | Unknown;
  /** The role CloudTrail assumes to write to the log group (`cloudWatchLogsRoleArn`). */
  readonly logGroupRole: Reference;
  /** An organization trail, whose log streams are named after the organization. */
  readonly organization: Field<boolean>;
}

/** A trail's event selectors: basic or advanced ones (a trail has one kind); none records every management event. */
export type EventSelectors =
  | { readonly kind: "none" }
  | { readonly kind: "basic"; readonly selectors: readonly BasicEventSelector[] }
  | { readonly kind: "advanced"; readonly selectors: readonly AdvancedEventSelector[] };

export interface BasicEventSelector {
  readonly includeManagementEvents: Field<boolean>;
  readonly readWriteType: Field<string>;
  readonly excludeManagementEventSources: readonly Field<string>[] | Unknown;
}

export interface AdvancedEventSelector {
  readonly name: Field<string>;
  readonly fieldSelectors: readonly FieldSelector[] | Unknown;
}

export const FIELD_OPERATORS = [
  "equals",
  "notEquals",
  "startsWith",
  "notStartsWith",
  "endsWith",
  "notEndsWith",
] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

/** One condition of an advanced event selector on one field of the event, its operators as aws-native spells them. */
export interface FieldSelector {
  readonly field: Field<string>;
  readonly operators: Readonly<Partial<Record<FieldOperator, readonly Field<string>[] | Unknown>>>;
}

/** An unexpanded trail component (awsx:cloudtrail:Trail): a trail whose resources a provider plugin builds. */
export type TrailComponent = Node;

export interface LogGroup extends Node {
  readonly groupName: Field<string>;
}

export interface Metric {
  readonly namespace: Field<string>;
  readonly name: Field<string>;
}

/** A metric's dimensions: each name, and its value (for a metric filter, the event field it comes from). */
export type Dimensions = Readonly<Record<string, Field<string>>>;

/** A metric as a metric filter publishes it. */
export interface PublishedMetric extends Metric {
  /** What each matching event adds to it: a number, or a field of the event (`$.field`). */
  readonly value: Field<string>;
  readonly dimensions: Dimensions | Unknown;
  readonly unit: Field<string>;
}

export interface MetricFilter extends Node {
  readonly logGroupName: Reference;
  readonly pattern: Field<string>;
  readonly metrics: readonly PublishedMetric[] | Unknown;
}

export interface AlarmMetric extends Metric {
  readonly statistic: Field<string>;
  readonly period: Field<number>;
  readonly dimensions: Dimensions | Unknown;
  /** The unit of the datapoints it takes; undefined takes any. */
  readonly unit: Field<string>;
}

/** What notifies people: a metric alarm or a composite alarm. */
export interface Notifier extends Node {
  readonly alarmName: Field<string>;
  readonly arn: Field<string>;
  readonly actionsEnabled: Field<boolean>;
  /** The alarm actions: resources they came from, and each ARN. */
  readonly actions: ListReference;
}

export interface Alarm extends Notifier {
  /** The metrics it watches: the one named directly, or those inside metric math queries. */
  readonly metrics: readonly AlarmMetric[] | Unknown;
  readonly threshold: Field<number>;
  readonly comparisonOperator: Field<string>;
  readonly evaluationPeriods: Field<number>;
  readonly datapointsToAlarm: Field<number>;
  /** How it counts a period without data: "missing" when not given, as CloudWatch does. */
  readonly treatMissingData: Field<string>;
  /** The resources its metrics' dimensions came from (a log group whose name is known only after deployment). */
  readonly metricsFrom: readonly string[];
}

/** An alarm whose state follows a rule over other alarms' states. */
export interface CompositeAlarm extends Notifier {
  /** Its rule, `ALARM("name") OR ...`, and the alarms it came from. */
  readonly rule: Reference;
  /** The alarm whose ALARM state suppresses its actions, if any. */
  readonly suppressor: Field<string>;
}

export interface Topic extends Node {
  readonly arn: Field<string>;
  /** Subscriptions declared inside the topic itself (aws-native). */
  readonly inlineSubscriptions: number;
  /** The KMS key that encrypts its messages (`kmsMasterKeyId`): a key ID or ARN, an alias name or ARN. */
  readonly kmsKey: Reference;
}

export interface KmsKey extends Node {
  readonly arn: Field<string>;
  readonly keyId: Field<string>;
  /** Its key policy; undefined for the default key policy. */
  readonly policy: PolicyDocument;
}

export interface KmsAlias extends Node {
  readonly aliasName: Field<string>;
  readonly arn: Field<string>;
  readonly targetKey: Reference;
}

export interface Role extends Node {
  readonly arn: Field<string>;
  readonly roleName: Field<string>;
  /** Who may assume it. */
  readonly trustPolicy: PolicyDocument;
  /** Its inline policies' documents. */
  readonly inlinePolicies: readonly PolicyDocument[] | Unknown;
  /** The managed policies attached to it by the role itself. */
  readonly managedPolicies: ListReference;
  readonly permissionsBoundary: Reference;
}

/** An inline policy of a role, declared as a resource of its own. */
export interface RolePolicy extends Node {
  readonly role: Reference;
  readonly document: PolicyDocument;
}

/** A managed policy attached to roles, declared as a resource of its own. */
export interface PolicyAttachment extends Node {
  readonly roles: ListReference;
  readonly policyArn: Reference;
}

export interface ManagedPolicy extends Node {
  readonly arn: Field<string>;
  readonly document: PolicyDocument;
  /** The roles it attaches itself to (aws-native). */
  readonly roles: ListReference;
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
