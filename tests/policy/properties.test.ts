import { strict as assert } from "assert";
import * as path from "path";
import fc from "fast-check";
import { AnalyzerInput, analyzerInput, PolicyPackServer } from "../../preview/pack";
import { ROOT } from "../helpers/program";
import { control } from "./builders";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

const TYPES = [
  "aws:cloudtrail/trail:Trail",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:sns/topic:Topic",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws-native:cloudtrail:Trail",
  "aws-native:logs:LogGroup",
  "aws-native:logs:MetricFilter",
  "aws-native:cloudwatch:Alarm",
  "aws-native:sns:Topic",
  "aws-native:sns:Subscription",
  "aws:s3/bucket:Bucket",
  "aws:kms/key:Key",
  "aws:kms/alias:Alias",
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/policy:Policy",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  "aws-native:kms:Key",
  "aws-native:iam:Role",
  "aws-native:iam:ManagedPolicy",
  "aws-native:cloudwatch:CompositeAlarm",
  "awsx:cloudtrail:Trail",
];

// The property names the policies read, so that generated values land where they look.
const KEYS = [
  "name",
  "arn",
  "isMultiRegionTrail",
  "enableLogging",
  "isLogging",
  "includeGlobalServiceEvents",
  "eventSelectors",
  "advancedEventSelectors",
  "cloudWatchLogsGroupArn",
  "cloudWatchLogsLogGroupArn",
  "logGroupName",
  "pattern",
  "filterPattern",
  "metricTransformation",
  "metricTransformations",
  "namespace",
  "metricName",
  "statistic",
  "period",
  "threshold",
  "comparisonOperator",
  "evaluationPeriods",
  "datapointsToAlarm",
  "actionsEnabled",
  "alarmActions",
  "metricQueries",
  "metrics",
  "topic",
  "topicArn",
  "subscription",
  "readWriteType",
  "includeManagementEvents",
  "fieldSelectors",
  "field",
  "equals",
  "metric",
  "metricStat",
  "stat",
  "trailName",
  "cloudWatchLogsRoleArn",
  "excludeManagementEventSources",
  "notEquals",
  "startsWiths",
  "value",
  "metricValue",
  "dimensions",
  "unit",
  "kmsMasterKeyId",
  "policy",
  "keyPolicy",
  "assumeRolePolicy",
  "assumeRolePolicyDocument",
  "inlinePolicies",
  "policies",
  "policyDocument",
  "managedPolicyArns",
  "role",
  "roles",
  "policyArn",
  "alarmRule",
  "alarmName",
  "Statement",
  "Effect",
  "Action",
  "Resource",
  "Principal",
  "Condition",
];

const leaf = fc.oneof(
  fc.constant(UNKNOWN_STRING),
  fc.constantFrom(
    control.patterns["security-hub"],
    "CloudTrailMetrics",
    "AuthorizationFailureCount",
    "Sum",
    "All",
    "Management",
    "alias/aws/sns",
    "Allow",
    "Deny",
    "logs:*",
    'ALARM("r3") OR NOT OK(r4)',
  ),
  fc.constantFrom(
    "arn:aws:sns:us-east-1:111122223333:t",
    "arn:aws:logs:us-east-1:111122223333:log-group:g:*",
    "{ $.a = ",
  ),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.integer({ min: -5, max: 500 }),
  fc.constant(null),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leaf,
    tie("value").map((v) => ({ ...SECRET_SIG, value: v })),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
  ),
}));

const stack = fc
  .array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      props: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 }),
      links: fc.dictionary(fc.constantFrom(...KEYS), fc.array(fc.nat(11), { maxLength: 2 }), { maxKeys: 3 }),
    }),
    { maxLength: 12 },
  )
  .map((items): AnalyzerInput[] => {
    const urns = items.map((item, i) => `urn:pulumi:s::p::${item.type}::r${i}`);
    return items.map((item, i) => {
      const links = Object.entries(item.links).map(([k, targets]) => [
        k,
        targets.filter((t) => t < urns.length).map((t) => urns[t]),
      ]);
      return analyzerInput(item.type, `r${i}`, urns[i], item.props, Object.fromEntries(links));
    });
  });

describe("the policy pack on generated stacks", () => {
  let pack: PolicyPackServer;
  before(async () => (pack = await PolicyPackServer.start(path.join(ROOT, "policy"))));
  after(() => pack?.stop());

  it("never throws, and never falls back to a can't-run-during-preview note, whatever is missing, unknown or secret", async () => {
    await fc.assert(
      fc.asyncProperty(stack, async (resources) => {
        const { diagnostics } = await pack.analyzeStack(resources);
        for (const d of diagnostics) assert.doesNotMatch(d.message, /can't run policy/);
      }),
      { numRuns: 1000 },
    );
  });
});
