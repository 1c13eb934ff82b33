/** The few settings of a resource that matter for this monitoring, in words, for the resource tree. */

type Props = Record<string, unknown>;

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
const yesNo = (label: string, v: unknown) => `${label} ${v === true ? "yes" : v === false ? "no" : show(v)}`;

function trail(logging: string, logGroup: string) {
  return (p: Props) =>
    [
      yesNo("multi-region", p.isMultiRegionTrail ?? false),
      yesNo("logging", p[logging] ?? logging === "enableLogging"),
      yesNo("global events", p.includeGlobalServiceEvents ?? true),
      yesNo("log validation", p.enableLogFileValidation ?? false),
      p[logGroup] === undefined ? "no CloudWatch Logs" : `to ${show(p[logGroup])}`,
    ].join(", ");
}

function alarm(p: Props): string {
  const op = {
    GreaterThanOrEqualToThreshold: ">=",
    GreaterThanThreshold: ">",
    LessThanThreshold: "<",
    LessThanOrEqualToThreshold: "<=",
  };
  const metric = p.metricName === undefined ? "metric math" : `${show(p.namespace)}/${show(p.metricName)}`;
  const comparison = op[p.comparisonOperator as keyof typeof op] ?? show(p.comparisonOperator);
  return `${metric} ${show(p.statistic ?? "")} ${comparison} ${show(p.threshold)} per ${show(p.period ?? "?")} s, ${show(p.evaluationPeriods)} period(s)`;
}

const provider = (p: Props) => (p.region === undefined ? "default region" : `region ${show(p.region)}`);

const DESCRIBE: Record<string, (p: Props) => string> = {
  "pulumi:providers:aws": provider,
  "pulumi:providers:aws-native": provider,
  "aws:cloudtrail/trail:Trail": trail("enableLogging", "cloudWatchLogsGroupArn"),
  "aws-native:cloudtrail:Trail": trail("isLogging", "cloudWatchLogsLogGroupArn"),
  "aws:cloudwatch/logGroup:LogGroup": (p) =>
    `retention ${p.retentionInDays === undefined ? "forever" : `${show(p.retentionInDays)} days`}`,
  "aws-native:logs:LogGroup": (p) =>
    `retention ${p.retentionInDays === undefined ? "forever" : `${show(p.retentionInDays)} days`}`,
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": (p) => {
    const t = (p.metricTransformation ?? {}) as Props;
    return `pattern ${show(p.pattern)} → ${show(t.namespace)}/${show(t.name)}`;
  },
  "aws-native:logs:MetricFilter": (p) => {
    const t = ((p.metricTransformations as Props[] | undefined)?.[0] ?? {}) as Props;
    return `pattern ${show(p.filterPattern)} → ${show(t.metricNamespace)}/${show(t.metricName)}`;
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": alarm,
  "aws-native:cloudwatch:Alarm": alarm,
  "aws:sns/topic:Topic": (p) =>
    p.kmsMasterKeyId === undefined ? "not encrypted" : "encrypted with a KMS key",
  "aws-native:sns:Topic": (p) =>
    p.kmsMasterKeyId === undefined ? "not encrypted" : "encrypted with a KMS key",
  "aws:sns/topicSubscription:TopicSubscription": (p) => `${show(p.protocol)} ${show(p.endpoint)}`,
  "aws-native:sns:Subscription": (p) => `${show(p.protocol)} ${show(p.endpoint)}`,
};

export function describeResource(type: string, props: Props): string {
  return DESCRIBE[type]?.(props) ?? "";
}

/** Whether the report describes resources of `type`: those a monitoring chain is made of, and their providers. */
export function isDescribed(type: string): boolean {
  return type in DESCRIBE;
}
