/**
 * How each provider spells the resources of the chain. One entry per resource type, so that
 * supporting another provider is adding its types here.
 */
import type { PolicyProviderResource, PolicyResource } from "@pulumi/policy";
import {
  Alarm,
  AlarmMetric,
  Bucket,
  BucketLogging,
  LogGroup,
  ManagementEvents,
  Metric,
  MetricFilter,
  PublicAccessBlock,
  PublicAccessSettings,
  Reference,
  Subscription,
  Topic,
  Trail,
} from "./model";
import { locate, ProviderInfo } from "./location";
import { memo, Multimap } from "./maps";
import { UNKNOWN, Unknown, bool, list, num, obj, snapshot, str } from "./read";

/** A resource as the policy sees it: plain properties, and what each property depends on. */
export interface RawResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly dependencies: readonly string[];
  /** The provider that manages it, as the engine names it (absent: the stack's default provider). */
  readonly provider?: ProviderInfo;
}

type Kinds = {
  trail: Trail;
  logGroup: LogGroup;
  filter: MetricFilter;
  alarm: Alarm;
  topic: Topic;
  subscription: Subscription;
  bucket: Bucket;
  bucketLogging: BucketLogging;
  publicAccessBlock: PublicAccessBlock;
};
export type Kind = keyof Kinds;

type Reader<K extends Kind> = { kind: K; read(r: RawResource): Kinds[K] };

/** Reads the resources of the types in `readers`; the result lists those of one kind. */
export function readByKind(
  resources: Iterable<RawResource>,
  readers: Readonly<Record<string, Reader<Kind>>>,
): <K extends Kind>(kind: K) => Kinds[K][] {
  const nodes = new Multimap<Kind, unknown>();
  for (const resource of resources) {
    const reader = readers[resource.type];
    if (reader) nodes.add(reader.kind, reader.read(resource));
  }
  return <K extends Kind>(kind: K) => nodes.get(kind) as Kinds[K][];
}

function reference(r: RawResource, key: string): Reference {
  const value = str(r.props[key]);
  const urns = r.propertyDependencies[key] ?? [];
  // Without property dependencies, an unknown value may still be traced through dependsOn-style links.
  return { urns: urns.length === 0 && value === UNKNOWN ? r.dependencies : urns, value };
}

function base(r: RawResource) {
  return { urn: r.urn, name: r.name, type: r.type, where: locate(r.props, r.provider) };
}

/**
 * Which management events a trail records. No selectors at all means every management event;
 * basic selectors add up; an advanced selector on the Management category records both reads
 * and writes unless it filters on readOnly.
 */
function managementEvents(
  props: Record<string, unknown>,
  basicKey: string,
  advancedKey: string,
): ManagementEvents | Unknown {
  const basic = list(props[basicKey]);
  const advanced = list(props[advancedKey]);
  if (basic === UNKNOWN || advanced === UNKNOWN) return UNKNOWN;
  if (basic.length === 0 && advanced.length === 0) return "all";
  let reads = false;
  let writes = false;
  for (const selector of basic.map(obj)) {
    const includes = bool(selector.includeManagementEvents);
    const rw = str(selector.readWriteType);
    if (includes === UNKNOWN || rw === UNKNOWN) return UNKNOWN;
    if (includes === false) continue;
    if (rw === undefined || rw === "All" || rw === "ReadOnly") reads = true;
    if (rw === undefined || rw === "All" || rw === "WriteOnly") writes = true;
  }
  for (const selector of advanced.map(obj)) {
    const fields = list(selector.fieldSelectors);
    if (fields === UNKNOWN) return UNKNOWN;
    const field = (name: string) => fields.map(obj).find((f) => f.field === name);
    const category = field("eventCategory");
    if (category === undefined || !list(category.equals).toString().includes("Management")) continue;
    const readOnly = field("readOnly");
    const only = readOnly === undefined ? undefined : list(readOnly.equals);
    if (only === UNKNOWN) return UNKNOWN;
    if (only === undefined || only.length === 0 || only.includes("true")) reads = true;
    if (only === undefined || only.length === 0 || only.includes("false")) writes = true;
  }
  return reads && writes ? "all" : reads ? "read-only" : writes ? "write-only" : "none";
}

function metric(namespace: unknown, name: unknown): Metric {
  return { namespace: str(namespace), name: str(name) };
}

function actions(r: RawResource): Alarm["actions"] {
  const values = list(r.props.alarmActions);
  return {
    urns: r.propertyDependencies.alarmActions ?? [],
    values: values === UNKNOWN ? UNKNOWN : values.map(str),
  };
}

function optionalList<T>(value: unknown, map: (item: Record<string, unknown>) => T): T[] | Unknown {
  const items = list(value);
  return items === UNKNOWN ? UNKNOWN : items.map((item) => map(obj(item)));
}

const aws: Record<string, Reader<Kind>> = {
  "aws:cloudtrail/trail:Trail": {
    kind: "trail",
    read: (r): Trail => ({
      ...base(r),
      trailName: str(r.props.name),
      multiRegion: bool(r.props.isMultiRegionTrail) ?? false,
      logging: bool(r.props.enableLogging) ?? true,
      globalServiceEvents: bool(r.props.includeGlobalServiceEvents) ?? true,
      managementEvents: managementEvents(r.props, "eventSelectors", "advancedEventSelectors"),
      logGroup: reference(r, "cloudWatchLogsGroupArn"),
      ...trailStorage(r),
    }),
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    kind: "logGroup",
    read: (r): LogGroup => ({ ...base(r), groupName: str(r.props.name) }),
  },
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
    kind: "filter",
    read: (r): MetricFilter => {
      const transformation = r.props.metricTransformation;
      return {
        ...base(r),
        logGroupName: reference(r, "logGroupName"),
        pattern: str(r.props.pattern),
        metrics:
          transformation === UNKNOWN
            ? UNKNOWN
            : [metric(obj(transformation).namespace, obj(transformation).name)],
      };
    },
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    kind: "alarm",
    read: (r): Alarm => {
      const queries = optionalList(r.props.metricQueries, (q): AlarmMetric => ({
        ...metric(obj(q.metric).namespace, obj(q.metric).metricName),
        statistic: str(obj(q.metric).stat),
        period: num(obj(q.metric).period),
      }));
      return alarm(r, queries);
    },
  },
  "aws:sns/topic:Topic": {
    kind: "topic",
    read: (r): Topic => ({ ...base(r), arn: str(r.props.arn), inlineSubscriptions: 0 }),
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    kind: "subscription",
    read: (r): Subscription => ({ ...base(r), topic: reference(r, "topic") }),
  },
};

const awsNative: Record<string, Reader<Kind>> = {
  "aws-native:cloudtrail:Trail": {
    kind: "trail",
    read: (r): Trail => ({
      ...base(r),
      trailName: str(r.props.trailName),
      multiRegion: bool(r.props.isMultiRegionTrail) ?? false,
      logging: bool(r.props.isLogging) ?? false,
      globalServiceEvents: bool(r.props.includeGlobalServiceEvents) ?? true,
      managementEvents: managementEvents(r.props, "eventSelectors", "advancedEventSelectors"),
      logGroup: reference(r, "cloudWatchLogsLogGroupArn"),
      ...trailStorage(r),
    }),
  },
  "aws-native:logs:LogGroup": {
    kind: "logGroup",
    read: (r): LogGroup => ({ ...base(r), groupName: str(r.props.logGroupName) }),
  },
  "aws-native:logs:MetricFilter": {
    kind: "filter",
    read: (r): MetricFilter => ({
      ...base(r),
      logGroupName: reference(r, "logGroupName"),
      pattern: str(r.props.filterPattern),
      metrics: optionalList(r.props.metricTransformations, (t) => metric(t.metricNamespace, t.metricName)),
    }),
  },
  "aws-native:cloudwatch:Alarm": {
    kind: "alarm",
    read: (r): Alarm => {
      const queries = optionalList(r.props.metrics, (q): AlarmMetric => {
        const stat = obj(q.metricStat);
        return {
          ...metric(obj(stat.metric).namespace, obj(stat.metric).metricName),
          statistic: str(stat.stat),
          period: num(stat.period),
        };
      });
      return alarm(r, queries);
    },
  },
  "aws-native:sns:Topic": {
    kind: "topic",
    read: (r): Topic => {
      const inline = list(r.props.subscription);
      return {
        ...base(r),
        arn: str(r.props.topicArn),
        inlineSubscriptions: inline === UNKNOWN ? 0 : inline.length,
      };
    },
  },
  "aws-native:sns:Subscription": {
    kind: "subscription",
    read: (r): Subscription => ({ ...base(r), topic: reference(r, "topicArn") }),
  },
};

/** An alarm from its metric queries; both providers name the directly watched metric alike. */
function alarm(r: RawResource, queries: AlarmMetric[] | Unknown): Alarm {
  const direct: AlarmMetric = {
    ...metric(r.props.namespace, r.props.metricName),
    statistic: str(r.props.statistic),
    period: num(r.props.period),
  };
  return {
    ...base(r),
    metrics: queries === UNKNOWN ? UNKNOWN : [direct, ...queries].filter((m) => m.name !== undefined),
    threshold: num(r.props.threshold),
    comparisonOperator: str(r.props.comparisonOperator),
    evaluationPeriods: num(r.props.evaluationPeriods),
    datapointsToAlarm: num(r.props.datapointsToAlarm),
    actionsEnabled: bool(r.props.actionsEnabled) ?? true,
    actions: actions(r),
  };
}

/** Where a trail stores its log files, and how; both providers spell these alike. */
function trailStorage(r: RawResource): Pick<Trail, "logFileValidation" | "kmsKey" | "bucket"> {
  return {
    logFileValidation: bool(r.props.enableLogFileValidation) ?? false,
    kmsKey: str(r.props.kmsKeyId),
    bucket: reference(r, "s3BucketName"),
  };
}

/** The resources of the monitoring chain. */
export const READERS: Readonly<Record<string, Reader<Kind>>> = { ...aws, ...awsNative };

/** The four settings of a public access block; each is unknown while the whole block is. */
function publicAccessSettings(block: unknown): PublicAccessSettings {
  const setting = (key: string) => (block === UNKNOWN ? UNKNOWN : bool(obj(block)[key]));
  return {
    blockPublicAcls: setting("blockPublicAcls"),
    blockPublicPolicy: setting("blockPublicPolicy"),
    ignorePublicAcls: setting("ignorePublicAcls"),
    restrictPublicBuckets: setting("restrictPublicBuckets"),
  };
}

/** Access logging declared in an @pulumi/aws bucket: `logging` (v7 Bucket) or `loggings` (BucketV2, v6 Bucket). */
function inlineAccessLogging(props: Record<string, unknown>): boolean | Unknown {
  const loggings = list(props.loggings);
  if (props.logging === UNKNOWN || loggings === UNKNOWN) return UNKNOWN;
  return obj(props.logging).targetBucket !== undefined || loggings.length > 0;
}

/** The property that holds a bucket's name, by bucket type. */
export const BUCKET_NAME_KEYS: Readonly<Record<string, string>> = {
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketV2:BucketV2": "bucket",
  "aws-native:s3:Bucket": "bucketName",
};

const awsBucket: Reader<"bucket"> = {
  kind: "bucket",
  read: (r) => ({
    ...base(r),
    bucketName: str(r.props[BUCKET_NAME_KEYS[r.type]]),
    accessLogging: inlineAccessLogging(r.props),
  }),
};
const awsBucketLogging: Reader<"bucketLogging"> = {
  kind: "bucketLogging",
  read: (r) => ({ ...base(r), bucket: reference(r, "bucket") }),
};

/** Where trails store log files: buckets, their access logging and public access blocks. */
export const STORAGE_READERS: Readonly<Record<string, Reader<Kind>>> = {
  "aws:s3/bucket:Bucket": awsBucket,
  "aws:s3/bucketV2:BucketV2": awsBucket,
  "aws:s3/bucketLogging:BucketLogging": awsBucketLogging,
  "aws:s3/bucketLoggingV2:BucketLoggingV2": awsBucketLogging,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    kind: "publicAccessBlock",
    read: (r): PublicAccessBlock => ({
      ...base(r),
      bucket: reference(r, "bucket"),
      settings: publicAccessSettings(r.props),
    }),
  },
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": {
    kind: "publicAccessBlock",
    read: (r): PublicAccessBlock => ({ ...base(r), settings: publicAccessSettings(r.props) }),
  },
  "aws-native:s3:Bucket": {
    kind: "bucket",
    read: (r): Bucket => {
      const { loggingConfiguration: logging, publicAccessBlockConfiguration: block } = r.props;
      return {
        ...base(r),
        bucketName: str(r.props[BUCKET_NAME_KEYS[r.type]]),
        accessLogging: logging === UNKNOWN ? UNKNOWN : logging !== undefined,
        publicAccessBlock: block === undefined ? undefined : publicAccessSettings(block),
      };
    },
  },
};

/**
 * The resources @pulumi/policy hands a stack policy, as plain data, reading only those of the
 * types in `readers`: values read through its proxy may be unknown, which snapshot() marks.
 */
export function* rawResources(
  resources: readonly PolicyResource[],
  readers: Readonly<Record<string, unknown>>,
): Generator<RawResource> {
  // The resources of one provider share its description, read once.
  const providers = new Map<string, ProviderInfo>();
  for (const r of resources) {
    if (!readers[r.type]) continue;
    const { provider } = r;
    yield {
      type: r.type,
      urn: r.urn,
      name: r.name,
      props: snapshot(r.props) as Record<string, unknown>,
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
      ),
      dependencies: r.dependencies.map((d) => d.urn),
      provider: provider && memo(providers, provider.urn, () => providerInfo(provider)),
    };
  }
}

/** A provider as @pulumi/policy gives it, as plain data. */
function providerInfo(provider: PolicyProviderResource): ProviderInfo {
  return {
    type: provider.type,
    urn: provider.urn,
    name: provider.name,
    props: snapshot(provider.props) as Record<string, unknown>,
  };
}
