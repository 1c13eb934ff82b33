/** Small builders for stacks the policy pack judges: a complete monitoring chain, and its parts. */
import { CONTROLS, METRIC_NAMESPACE } from "../../policy/catalog";
import { checkControl, ChainOptions, DEFAULT_CHAIN_OPTIONS } from "../../policy/rules/chain";
import { RawResource, StackIndex, UNKNOWN } from "../../policy/stack";

export const control = CONTROLS[0];
export { UNKNOWN };

const ACCOUNT = "111122223333";

/** The chain rule's verdict on {@link control} in `stack`, with the default options unless overridden. */
export function verdict(stack: RawResource[], options: Partial<ChainOptions> = {}) {
  return checkControl(new StackIndex(stack), control, { ...DEFAULT_CHAIN_OPTIONS, ...options });
}

/** The pattern a fix names for {@link control}. */
export const PATTERN = control.patterns["security-hub"];
/** How a violation of {@link control} names it, after the trail. */
export const NOT_MONITORED =
  "is not monitored for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2)";
/** How an advisory on {@link control} says what only deployment will tell. */
export const UNVERIFIABLE =
  "monitoring for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2) cannot be verified until deployment";

/** The messages of a verdict's findings, in order. */
export const messages = (findings: { message: string }[]) => findings.map((f) => f.message);

/** The alarm settings the catalog prescribes, as @pulumi/aws and @pulumi/aws-native both spell them. */
export const CIS_ALARM = {
  namespace: METRIC_NAMESPACE,
  metricName: control.metricName,
  statistic: control.alarm.statistic,
  period: control.alarm.periodSeconds,
  threshold: control.alarm.threshold,
  comparisonOperator: control.alarm.comparisonOperator,
  evaluationPeriods: control.alarm.evaluationPeriods,
};

/** A resource with properties, linked to the resources its properties came from. */
export function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  links: Record<string, RawResource[]> = {},
): RawResource {
  return {
    type,
    name,
    urn: `urn:pulumi:test::test::${type}::${name}`,
    props,
    propertyDependencies: Object.fromEntries(
      Object.entries(links).map(([k, rs]) => [k, rs.map((r) => r.urn)]),
    ),
    dependencies: Object.values(links)
      .flat()
      .map((r) => r.urn),
  };
}

export const aws = {
  logGroup: (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:cloudwatch/logGroup:LogGroup", name, { name, ...props }),
  trail: (name: string, logGroup: RawResource | undefined, props: Record<string, unknown> = {}) =>
    resource(
      "aws:cloudtrail/trail:Trail",
      name,
      {
        name,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogging: true,
        ...(logGroup
          ? { cloudWatchLogsGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${logGroup.props.name}:*` }
          : {}),
        ...props,
      },
      logGroup ? { cloudWatchLogsGroupArn: [logGroup] } : {},
    ),
  filter: (name: string, logGroup: RawResource, props: Record<string, unknown> = {}) =>
    resource(
      "aws:cloudwatch/logMetricFilter:LogMetricFilter",
      name,
      {
        logGroupName: logGroup.props.name,
        pattern: control.patterns["security-hub"],
        metricTransformation: {
          namespace: "CloudTrailMetrics",
          name: "AuthorizationFailureCount",
          value: "1",
        },
        ...props,
      },
      { logGroupName: [logGroup] },
    ),
  alarm: (name: string, topic: RawResource | undefined, props: Record<string, unknown> = {}) =>
    resource(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      name,
      {
        ...CIS_ALARM,
        alarmActions: topic ? [topic.props.arn] : [],
        ...props,
      },
      topic ? { alarmActions: [topic] } : {},
    ),
  topic: (name: string) =>
    resource("aws:sns/topic:Topic", name, { name, arn: `arn:aws:sns:us-east-1:${ACCOUNT}:${name}` }),
  subscription: (name: string, topic: RawResource) =>
    resource(
      "aws:sns/topicSubscription:TopicSubscription",
      name,
      { topic: topic.props.arn, protocol: "email", endpoint: "secops@example.com" },
      { topic: [topic] },
    ),
};

/** The same resource, its properties also linked to the given resources, as when they came from their outputs. */
export function linked(r: RawResource, links: Record<string, RawResource[]>): RawResource {
  const more = resource(r.type, r.name, r.props, links);
  return {
    ...r,
    propertyDependencies: { ...r.propertyDependencies, ...more.propertyDependencies },
    dependencies: [...r.dependencies, ...more.dependencies],
  };
}

export const ALL_PUBLIC_ACCESS_BLOCKED = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};

export const s3 = {
  bucket: (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:s3/bucket:Bucket", name, { bucket: name, ...props }),
  /** Server access logging of `bucket`, as a resource of its own. */
  logging: (bucket: RawResource, type = "aws:s3/bucketLogging:BucketLogging") =>
    resource(
      type,
      bucket.name,
      { bucket: bucket.props.bucket, targetBucket: "access-logs", targetPrefix: "trail-bucket/" },
      { bucket: [bucket] },
    ),
  publicAccessBlock: (bucket: RawResource, settings: Record<string, unknown> = {}) =>
    resource(
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      bucket.name,
      { bucket: bucket.props.bucket, ...ALL_PUBLIC_ACCESS_BLOCKED, ...settings },
      { bucket: [bucket] },
    ),
};

/** Trail settings that validate log files and encrypt them with a KMS key. */
export const VALIDATED_AND_ENCRYPTED = {
  enableLogFileValidation: true,
  kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b2f6f5e-4c4e-4d3a-9d59-6a1f6c1f0e01`,
};

/**
 * A trail that meets CIS section 3 itself: validated, KMS-encrypted log files in a bucket that
 * blocks public access and logs access. The trail comes first.
 */
export function hardenedTrail(name: string, logGroup: RawResource | undefined): RawResource[] {
  const bucket = s3.bucket(`${name}-bucket`);
  const trail = aws.trail(name, logGroup, { s3BucketName: bucket.props.bucket, ...VALIDATED_AND_ENCRYPTED });
  return [
    linked(trail, { s3BucketName: [bucket] }),
    bucket,
    s3.publicAccessBlock(bucket),
    s3.logging(bucket),
  ];
}

/** The parts of a complete, passing chain; override any part to break one link. */
export interface Chain {
  logGroup: RawResource;
  trail: RawResource;
  filter: RawResource;
  alarm: RawResource;
  topic: RawResource;
  subscription: RawResource;
}

export function chain(): Chain {
  const logGroup = aws.logGroup("audit-logs");
  const topic = aws.topic("security-alerts");
  return {
    logGroup,
    trail: aws.trail("audit", logGroup),
    filter: aws.filter("unauthorized", logGroup),
    alarm: aws.alarm("unauthorized", topic),
    topic,
    subscription: aws.subscription("secops", topic),
  };
}

export function resources(
  parts: Partial<Record<keyof Chain, RawResource | undefined>>,
  ...more: RawResource[]
): RawResource[] {
  return [...Object.values(parts).filter((r): r is RawResource => r !== undefined), ...more];
}

/** The resource as created through an explicit provider for `region` (and the account of `roleArn`). */
export function through(r: RawResource, region: string | typeof UNKNOWN, roleArn?: string): RawResource {
  const name = `${String(region)}${roleArn ? "-assumed" : ""}`;
  return {
    ...r,
    provider: {
      type: "pulumi:providers:aws",
      urn: `urn:pulumi:test::test::pulumi:providers:aws::${name}`,
      name,
      props: { region, ...(roleArn ? { assumeRoles: [{ roleArn }] } : {}) },
    },
  };
}

/** The same resource under another URN, its links renamed alike: copies stamped out by one module. */
export function uniquely(r: RawResource, id: string): RawResource {
  const urn = (u: string) => `${u}::${id}`;
  return {
    ...r,
    urn: urn(r.urn),
    propertyDependencies: Object.fromEntries(
      Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map(urn)]),
    ),
    dependencies: r.dependencies.map(urn),
  };
}
