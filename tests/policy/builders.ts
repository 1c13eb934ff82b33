/** Small builders for stacks the policy pack judges: a complete monitoring chain, and its parts. */
import { Control, CONTROLS, METRIC_NAMESPACE } from "../../policy/catalog";
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

/** The delivery alarm's settings as the program writes them, in both providers' spelling but for its dimensions. */
export const DELIVERY_ALARM_SETTINGS = {
  namespace: "AWS/Logs",
  metricName: "IncomingLogEvents",
  statistic: "Sum",
  period: 3600,
  threshold: 1,
  comparisonOperator: "LessThanThreshold",
  evaluationPeriods: 1,
  treatMissingData: "breaching",
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

/** IAM policy documents as programs write them: a statement list, a JSON string (@pulumi/aws) or an object (aws-native). */
export function policyDocument(...statements: object[]): { Version: string; Statement: object[] } {
  return { Version: "2012-10-17", Statement: statements };
}

/** A trust policy that lets a service assume the role. */
export const TRUSTS = (service: string, more: object = {}) =>
  policyDocument({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...more });

/** What CloudTrail needs to write to a log group, of ARN `logGroupArn`. */
export const DELIVERS = (logGroupArn: string, more: object = {}) =>
  policyDocument({
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: `${logGroupArn}:log-stream:*`,
    ...more,
  });

/** A key policy that lets the account administer the key and CloudWatch alarms use it. */
export const CLOUDWATCH_MAY_USE = (more: object = {}) =>
  policyDocument(
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      ...more,
    },
  );

const arn = (service: string, resource: string, region = "us-east-1") =>
  `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;

export const aws = {
  logGroup: (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:cloudwatch/logGroup:LogGroup", name, {
      name,
      arn: arn("logs", `log-group:${name}`),
      ...props,
    }),
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
        name,
        arn: arn("cloudwatch", `alarm:${name}`),
        ...CIS_ALARM,
        alarmActions: topic ? [topic.props.arn] : [],
        ...props,
      },
      topic ? { alarmActions: [topic] } : {},
    ),
  topic: (name: string, key?: RawResource) =>
    resource(
      "aws:sns/topic:Topic",
      name,
      { name, arn: arn("sns", name), ...(key ? { kmsMasterKeyId: key.props.arn } : {}) },
      key ? { kmsMasterKeyId: [key] } : {},
    ),
  subscription: (name: string, topic: RawResource) =>
    resource(
      "aws:sns/topicSubscription:TopicSubscription",
      name,
      { topic: topic.props.arn, protocol: "email", endpoint: "secops@example.com" },
      { topic: [topic] },
    ),
  key: (name: string, policy: object | undefined) =>
    resource("aws:kms/key:Key", name, {
      arn: arn("kms", `key/${name}`),
      keyId: name,
      ...(policy ? { policy: JSON.stringify(policy) } : {}),
    }),
  alias: (name: string, key: RawResource) =>
    resource(
      "aws:kms/alias:Alias",
      name,
      { name, arn: arn("kms", name), targetKeyId: key.props.keyId },
      { targetKeyId: [key] },
    ),
  role: (name: string, trust: object, props: Record<string, unknown> = {}) =>
    resource("aws:iam/role:Role", name, {
      name,
      arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      assumeRolePolicy: JSON.stringify(trust),
      ...props,
    }),
  rolePolicy: (name: string, role: RawResource, policy: object, links: RawResource[] = []) =>
    resource(
      "aws:iam/rolePolicy:RolePolicy",
      name,
      { role: role.props.name, policy: JSON.stringify(policy) },
      { role: [role], policy: links },
    ),
  managedPolicy: (name: string, policy: object, links: RawResource[] = []) =>
    resource(
      "aws:iam/policy:Policy",
      name,
      { name, arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`, policy: JSON.stringify(policy) },
      { policy: links },
    ),
  attachment: (name: string, role: RawResource, policy: RawResource | string) =>
    resource(
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name,
      { role: role.props.name, policyArn: typeof policy === "string" ? policy : policy.props.arn },
      { role: [role], ...(typeof policy === "string" ? {} : { policyArn: [policy] }) },
    ),
  composite: (name: string, rule: string, topic: RawResource | undefined, alarms: RawResource[]) =>
    resource(
      "aws:cloudwatch/compositeAlarm:CompositeAlarm",
      name,
      {
        alarmName: name,
        arn: arn("cloudwatch", `alarm:${name}`),
        alarmRule: rule,
        alarmActions: topic ? [topic.props.arn] : [],
      },
      { alarmRule: alarms, ...(topic ? { alarmActions: [topic] } : {}) },
    ),
};

/** The same resources as @pulumi/aws-native declares them. */
export const native = {
  logGroup: (name: string) =>
    resource("aws-native:logs:LogGroup", name, {
      logGroupName: name,
      arn: arn("logs", `log-group:${name}:*`),
    }),
  trail: (
    name: string,
    logGroup: RawResource,
    role: RawResource | undefined,
    props: Record<string, unknown> = {},
  ) =>
    resource(
      "aws-native:cloudtrail:Trail",
      name,
      {
        trailName: name,
        isLogging: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        cloudWatchLogsLogGroupArn: logGroup.props.arn,
        ...(role ? { cloudWatchLogsRoleArn: role.props.arn } : {}),
        ...props,
      },
      { cloudWatchLogsLogGroupArn: [logGroup], ...(role ? { cloudWatchLogsRoleArn: [role] } : {}) },
    ),
  filter: (
    name: string,
    logGroup: RawResource,
    transformation: Record<string, unknown> = {},
    filterPattern = control.patterns["security-hub"],
  ) =>
    resource(
      "aws-native:logs:MetricFilter",
      name,
      {
        logGroupName: logGroup.props.logGroupName,
        filterPattern,
        metricTransformations: [
          {
            metricNamespace: METRIC_NAMESPACE,
            metricName: control.metricName,
            metricValue: "1",
            ...transformation,
          },
        ],
      },
      { logGroupName: [logGroup] },
    ),
  alarm: (name: string, topic: RawResource | undefined, props: Record<string, unknown> = {}) =>
    resource(
      "aws-native:cloudwatch:Alarm",
      name,
      {
        ...CIS_ALARM,
        alarmName: name,
        arn: arn("cloudwatch", `alarm:${name}`),
        alarmActions: topic ? [topic.props.topicArn] : [],
        ...props,
      },
      topic ? { alarmActions: [topic] } : {},
    ),
  topic: (name: string, key?: RawResource) =>
    resource(
      "aws-native:sns:Topic",
      name,
      {
        topicName: name,
        topicArn: arn("sns", name),
        subscription: [{ protocol: "email", endpoint: "secops@example.com" }],
        ...(key ? { kmsMasterKeyId: key.props.arn } : {}),
      },
      key ? { kmsMasterKeyId: [key] } : {},
    ),
  key: (name: string, keyPolicy: object | undefined) =>
    resource("aws-native:kms:Key", name, {
      arn: arn("kms", `key/${name}`),
      keyId: name,
      ...(keyPolicy ? { keyPolicy } : {}),
    }),
  role: (name: string, trust: object, props: Record<string, unknown> = {}) =>
    resource("aws-native:iam:Role", name, {
      roleName: name,
      arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      assumeRolePolicyDocument: trust,
      ...props,
    }),
  rolePolicy: (name: string, role: RawResource, policyDocument: object, links: RawResource[] = []) =>
    resource(
      "aws-native:iam:RolePolicy",
      name,
      { roleName: role.props.roleName, policyName: name, policyDocument },
      { roleName: [role], policyDocument: links },
    ),
  composite: (name: string, rule: string, topic: RawResource | undefined, alarms: RawResource[]) =>
    resource(
      "aws-native:cloudwatch:CompositeAlarm",
      name,
      {
        alarmName: name,
        arn: arn("cloudwatch", `alarm:${name}`),
        alarmRule: rule,
        alarmActions: topic ? [topic.props.topicArn] : [],
      },
      { alarmRule: alarms, ...(topic ? { alarmActions: [topic] } : {}) },
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

export type Provider = "aws" | "aws-native";
export const PROVIDERS: readonly Provider[] = ["aws", "aws-native"];

/** A condition of an advanced event selector, its operators as aws-native spells them. */
export interface FieldSelectorSpec {
  readonly field: string;
  readonly equals?: string[];
  readonly notEquals?: string[];
  readonly startsWith?: string[];
  readonly notStartsWith?: string[];
}

/** What a complete chain may be changed in, whichever provider spells it. */
export interface ChainChanges {
  /** The control whose filter and alarm it has; {@link control} by default. */
  readonly control?: Control;
  /** The delivery role's trust policy. */
  readonly trust?: object;
  /** Its policy's document, given the log group's ARN; null for none. */
  readonly delivery?: ((logGroupArn: string) => object) | null;
  /** The topic key's policy; null for the default key policy. */
  readonly keyPolicy?: object | null;
  /** The topic's kmsMasterKeyId, in place of the key of the stack. */
  readonly kmsMasterKeyId?: string;
  readonly excludeManagementEventSources?: string[];
  readonly advancedEventSelectors?: { name: string; fieldSelectors: FieldSelectorSpec[] }[];
  readonly filter?: { value?: string; dimensions?: Record<string, string>; unit?: string };
  readonly alarm?: { comparisonOperator?: string; dimensions?: Record<string, string>; unit?: string };
  /** An alarm without actions of its own. */
  readonly silentAlarm?: boolean;
}

/**
 * The chain of {@link control} as this project's program builds it, in @pulumi/aws or
 * @pulumi/aws-native: a trail delivering through a role to its log group, a filter and an alarm, and
 * a topic encrypted with a key of the stack, with a subscription. The trail comes first.
 */
export function fullChain(provider: Provider, changes: ChainChanges = {}): RawResource[] {
  const { trust = TRUSTS("cloudtrail.amazonaws.com"), keyPolicy = CLOUDWATCH_MAY_USE() } = changes;
  const delivery = changes.delivery === undefined ? DELIVERS : changes.delivery;
  const b = provider === "aws" ? aws : native;
  const logGroup = b.logGroup("audit-logs");
  const groupArn = arn("logs", "log-group:audit-logs");
  const role = b.role("trail-delivery", trust);
  const rolePolicy = delivery && b.rolePolicy("trail-delivery", role, delivery(groupArn), [logGroup]);
  const key = b.key("alarm-topic-key", keyPolicy ?? undefined);
  let topic = b.topic("security-alerts", key);
  if (changes.kmsMasterKeyId !== undefined) {
    topic = {
      ...topic,
      props: { ...topic.props, kmsMasterKeyId: changes.kmsMasterKeyId },
      propertyDependencies: {},
      dependencies: [],
    };
  }
  const selectors = {
    ...(changes.excludeManagementEventSources
      ? {
          eventSelectors: [
            {
              readWriteType: "All",
              includeManagementEvents: true,
              excludeManagementEventSources: changes.excludeManagementEventSources,
            },
          ],
        }
      : {}),
    ...(changes.advancedEventSelectors
      ? { advancedEventSelectors: spellSelectors(provider, changes.advancedEventSelectors) }
      : {}),
  };
  const trail =
    provider === "aws"
      ? linked(aws.trail("audit", logGroup, { cloudWatchLogsRoleArn: role.props.arn, ...selectors }), {
          cloudWatchLogsRoleArn: [role],
        })
      : native.trail("audit", logGroup, role, selectors);
  const { value = "1", dimensions, unit } = changes.filter ?? {};
  const monitored = changes.control ?? control;
  const filter =
    provider === "aws"
      ? aws.filter("unauthorized", logGroup, {
          pattern: monitored.patterns["security-hub"],
          metricTransformation: {
            namespace: METRIC_NAMESPACE,
            name: monitored.metricName,
            value,
            ...(dimensions ? { dimensions } : {}),
            ...(unit ? { unit } : {}),
          },
        })
      : native.filter(
          "unauthorized",
          logGroup,
          {
            metricName: monitored.metricName,
            metricValue: value,
            ...(dimensions
              ? { dimensions: Object.entries(dimensions).map(([key, v]) => ({ key, value: v })) }
              : {}),
            ...(unit ? { unit } : {}),
          },
          monitored.patterns["security-hub"],
        );
  const a = changes.alarm ?? {};
  const alarmProps = {
    metricName: monitored.metricName,
    ...(a.comparisonOperator ? { comparisonOperator: a.comparisonOperator } : {}),
    ...(a.unit ? { unit: a.unit } : {}),
    ...(a.dimensions
      ? {
          dimensions:
            provider === "aws"
              ? a.dimensions
              : Object.entries(a.dimensions).map(([name, v]) => ({ name, value: v })),
        }
      : {}),
  };
  const alarm = b.alarm("unauthorized", changes.silentAlarm ? undefined : topic, alarmProps);
  const subscription = provider === "aws" ? [aws.subscription("secops", topic)] : [];
  return [
    trail,
    logGroup,
    role,
    ...(rolePolicy ? [rolePolicy] : []),
    filter,
    alarm,
    key,
    topic,
    ...subscription,
  ];
}

function spellSelectors(provider: Provider, selectors: NonNullable<ChainChanges["advancedEventSelectors"]>) {
  if (provider === "aws-native") return selectors;
  const plural = { startsWith: "startsWiths", notStartsWith: "notStartsWiths" } as Record<string, string>;
  return selectors.map(({ name, fieldSelectors }) => ({
    name,
    fieldSelectors: fieldSelectors.map((f) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [plural[k] ?? k, v])),
    ),
  }));
}

/** Resource outputs, known only after deployment. */
const OUTPUTS = ["arn", "keyId", "topicArn"];

/**
 * The stack as a first preview shows it: outputs unknown, and every input made from one unknown
 * too (a JSON string that contains an ARN as a whole, an object in its parts), linked by dependencies.
 */
export function previewed(stack: RawResource[]): RawResource[] {
  const outputs = stack.flatMap((r) =>
    OUTPUTS.map((k) => r.props[k]).filter((v): v is string => typeof v === "string"),
  );
  const unknownIn = (value: unknown): unknown => {
    if (typeof value === "string") return outputs.some((o) => value.includes(o)) ? UNKNOWN : value;
    if (Array.isArray(value)) return value.map(unknownIn);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownIn(v)]));
    return value;
  };
  return stack.map((r) => ({
    ...r,
    props: Object.fromEntries(
      Object.entries(r.props).map(([k, v]) => [k, OUTPUTS.includes(k) ? UNKNOWN : unknownIn(v)]),
    ),
  }));
}

/** The stack once deployed, as `pulumi stack export` gives it: every value known, linked by names and ARNs alone. */
export function deployed(stack: RawResource[]): RawResource[] {
  return stack.map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] }));
}

/** A first preview and the deployed stack, by name. */
export const PHASES = { "in a first preview": previewed, "after pulumi up": deployed } as const;

/** Declares tests for each provider's spelling of a stack, in a first preview and after pulumi up. */
export function inEveryForm(
  declare: (form: (stack: RawResource[]) => RawResource[], provider: Provider, named: string) => void,
): void {
  for (const provider of PROVIDERS)
    for (const [phase, form] of Object.entries(PHASES)) declare(form, provider, `${provider}, ${phase}`);
}
