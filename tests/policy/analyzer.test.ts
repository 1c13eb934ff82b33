import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PolicySeverity } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  AnalyzerInput,
  analyzerInput,
  PolicyConfig,
  policyPackConfig,
  PolicyPackServer,
  readPolicyConfigFile,
} from "../../preview/pack";
import { analyzerInfo } from "../helpers/analyzer-info";
import { CapturedResource } from "../helpers/capture";
import { ProgramRun, ROOT, runProgram, T } from "../helpers/program";
import { CIS_CONTROLS, CIS_VERSIONS, CisVersion, CONTROLS } from "../../policy/catalog";
import { README_SECTIONS, readmeSection } from "../../policy/policies/metadata";
import { CIS_ALARM, control, DELIVERY_ALARM_SETTINGS } from "./builders";

const MONITORED = `${control.id}-monitored`;
const ADVISORIES = "cis-monitoring-advisories";
const HARDENING = "trail-hardening";
const DELIVERY = "delivery-alarm";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A resource of any program, as the engine would send it: properties on the wire, links by URN. */
function input(
  type: string,
  name: string,
  props: object,
  links: Record<string, AnalyzerInput[]> = {},
): AnalyzerInput {
  const urns = Object.fromEntries(Object.entries(links).map(([k, rs]) => [k, rs.map((r) => r.urn)]));
  return analyzerInput(type, name, `urn:pulumi:prod::native::${type}::${name}`, props, urns);
}

/**
 * An @pulumi/aws-native stack as a first preview sends it: ARNs unknown, linked by dependencies.
 * Its trail is hardened: validated, KMS-encrypted, in a bucket that blocks public access and logs access.
 */
function nativeStack({ withAlarm }: { withAlarm: boolean }): AnalyzerInput[] {
  const logGroup = input("aws-native:logs:LogGroup", "trail-logs", {
    retentionInDays: 365,
    arn: UNKNOWN_STRING,
  });
  const key = input("aws-native:kms:Key", "trail-key", { enableKeyRotation: true, arn: UNKNOWN_STRING });
  const bucket = input("aws-native:s3:Bucket", "trail-bucket", {
    loggingConfiguration: { destinationBucketName: "org-access-logs", logFilePrefix: "trail-bucket/" },
    publicAccessBlockConfiguration: {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
  });
  const trail = input(
    "aws-native:cloudtrail:Trail",
    "org-trail",
    {
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: UNKNOWN_STRING,
      s3BucketName: UNKNOWN_STRING,
      cloudWatchLogsLogGroupArn: UNKNOWN_STRING,
    },
    { cloudWatchLogsLogGroupArn: [logGroup], kmsKeyId: [key], s3BucketName: [bucket] },
  );
  const filter = input(
    "aws-native:logs:MetricFilter",
    "unauthorized",
    {
      logGroupName: UNKNOWN_STRING,
      filterPattern: control.patterns["cis-latest"],
      metricTransformations: [
        { metricNamespace: "CloudTrailMetrics", metricName: "AuthorizationFailureCount", metricValue: "1" },
      ],
    },
    { logGroupName: [logGroup] },
  );
  const topic = input("aws-native:sns:Topic", "alerts", { topicArn: UNKNOWN_STRING });
  const subscription = input(
    "aws-native:sns:Subscription",
    "secops",
    { topicArn: UNKNOWN_STRING, protocol: "email", endpoint: "secops@example.com" },
    { topicArn: [topic] },
  );
  const alarm = input(
    "aws-native:cloudwatch:Alarm",
    "unauthorized",
    {
      ...CIS_ALARM,
      alarmActions: [UNKNOWN_STRING],
    },
    { alarmActions: [topic] },
  );
  // The log group's name is known only after deployment: the alarm is linked to it by its dimensions.
  const delivery = input(
    "aws-native:cloudwatch:Alarm",
    "trail-delivery",
    {
      ...DELIVERY_ALARM_SETTINGS,
      dimensions: [{ name: "LogGroupName", value: UNKNOWN_STRING }],
      alarmActions: [UNKNOWN_STRING],
    },
    { dimensions: [logGroup], alarmActions: [topic] },
  );
  return [logGroup, key, bucket, trail, filter, topic, subscription, delivery, ...(withAlarm ? [alarm] : [])];
}

describe("the policy pack through the analyzer protocol, as the Pulumi CLI drives it", function () {
  let pack: PolicyPackServer;
  let preview: ProgramRun;
  before(async () => {
    [pack, preview] = await Promise.all([
      PolicyPackServer.start(path.join(ROOT, "policy")),
      runProgram({}, { preview: true }),
    ]);
    assert.equal(preview.error, undefined);
  });
  after(() => pack?.stop());
  /** The dev stack without the alarm of the control these tests follow. */
  const withoutAlarm = () =>
    preview.resources.filter(
      (r: CapturedResource) => !(r.type === T.alarm && r.inputs.metricName === control.metricName),
    );
  afterEach(() => pack.configure({}));

  it("describes its policies, the control's mandatory by default, each with a config schema", async () => {
    const info = await pack.info();
    assert.equal(info.name, "cis-monitoring");
    assert.equal(info.version, "0.1.0");
    const chainKeys = ["allowTopicArnOnly", "exemptTrailNames", "requireSecurityHubPattern"];
    assert.deepEqual(
      info.policies.map((p) => [p.name, p.enforcementLevel, Object.keys(p.configSchema).sort()]),
      [
        ...CIS_CONTROLS.map((c) => [`${c.id}-monitored`, "mandatory", chainKeys]),
        ["monitoring-changes-monitored", "advisory", chainKeys],
        [ADVISORIES, "advisory", [...chainKeys.slice(0, 2), "maxPeriodSeconds", chainKeys[2]]],
        [DELIVERY, "advisory", chainKeys.slice(0, 2)],
        [HARDENING, "advisory", ["bucketsCheckedElsewhere"]],
      ],
    );
  });

  it("tells Pulumi Cloud what to show: the pack's names and readme, each policy's CIS numbers, Security Hub control, fix and README section", async () => {
    const info = await analyzerInfo(pack);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "policy/package.json"), "utf8"));
    assert.equal(info.displayname, "CIS AWS Foundations monitoring");
    assert.equal(info.description, manifest.description);
    assert.equal(info.readme, fs.readFileSync(path.join(ROOT, "policy/README.md"), "utf8"));
    assert.equal(info.provider, "aws");
    assert.deepEqual(info.tagsList, ["cis", "aws", "cloudtrail", "cloudwatch", "security-hub"]);
    const policy = (name: string) => info.policiesList.find((p) => p.name === name)!;

    const unauthorized = policy(MONITORED);
    assert.equal(unauthorized.displayname, "Unauthorized API calls monitored");
    assert.equal(unauthorized.severity, PolicySeverity.POLICY_SEVERITY_HIGH);
    assert.deepEqual(unauthorized.framework, {
      name: "CIS AWS Foundations Benchmark",
      version: "1.2.0-7.0.0",
      reference: "v1.2.0 3.1, v1.3.0-v5.0.0 4.1, v6.0.0-v7.0.0 5.1",
      specification:
        "Ensure a log metric filter and alarm exist for unauthorized API calls (AWS Security Hub CloudWatch.2).",
    });
    assert.deepEqual(unauthorized.tagsList, ["cis", "cloudtrail", "cloudwatch", "CloudWatch.2"]);
    assert.match(
      unauthorized.remediationSteps,
      /aws\.cloudwatch\.LogMetricFilter with the pattern \{\(\$\.errorCode="\*UnauthorizedOperation"\) \|\| \(\$\.errorCode="AccessDenied\*"\)\} publishing the metric CloudTrailMetrics\/AuthorizationFailureCount, an aws\.cloudwatch\.MetricAlarm on that metric \(Sum >= 1 over 300 seconds, 1 evaluation period\)/,
    );
    assert.equal(unauthorized.url, readmeSection(README_SECTIONS.controls, manifest.homepage) ?? "");
    assert.deepEqual(policy("organizations-changes-monitored").framework, {
      name: "CIS AWS Foundations Benchmark",
      version: "1.3.0-7.0.0",
      reference: "v1.3.0-v5.0.0 4.15, v6.0.0-v7.0.0 5.15",
      specification:
        "Ensure a log metric filter and alarm exist for AWS Organizations changes (no AWS Security Hub control).",
    });
    // Each reference read back version by version is the catalog's numbering of the control.
    const numbers = (reference: string) =>
      Object.fromEntries(
        reference.split(", ").flatMap((run) => {
          const [, from, to = from, section] = /^v(\d+\.\d+)\.0(?:-v(\d+\.\d+)\.0)? (\S+)$/.exec(run)!;
          const versions = CIS_VERSIONS.slice(
            CIS_VERSIONS.indexOf(from as CisVersion),
            CIS_VERSIONS.indexOf(to as CisVersion) + 1,
          );
          return versions.map((version) => [version, section]);
        }),
      );
    for (const control of CIS_CONTROLS) {
      const { framework, remediationSteps } = policy(`${control.id}-monitored`);
      assert.deepEqual(numbers(framework!.reference), control.cis, control.id);
      assert.ok(remediationSteps.includes(control.patterns["security-hub"]), control.id);
    }

    assert.deepEqual(
      [ADVISORIES, HARDENING].map((name) => [policy(name).displayname, policy(name).framework?.reference]),
      [
        [
          "CIS alarm settings and filter reach",
          "v1.2.0 3.1-3.14, v1.3.0-v5.0.0 4.1-4.15, v6.0.0-v7.0.0 5.1-5.15",
        ],
        ["CloudTrail trail hardened", "3.2, 3.3, 3.6, 3.7 (v1.2.0 2.2, 2.3, 2.6, 2.7)"],
      ],
    );
    // What no benchmark asks for names no framework, and says so in its tags.
    const beyondCis = ["monitoring-changes-monitored", DELIVERY];
    assert.deepEqual(
      beyondCis.map((name) => [policy(name).framework, policy(name).tagsList[0], policy(name).severity]),
      beyondCis.map(() => [undefined, "beyond-cis", PolicySeverity.POLICY_SEVERITY_MEDIUM]),
    );
    assert.ok(
      info.policiesList.every(
        (p) => p.remediationSteps !== "" && (p.framework !== undefined || beyondCis.includes(p.name)),
      ),
    );
  });

  it("passes this project's program in a first preview, trail hardening included, with real unknowns, without a can't-run note", async () => {
    assert.ok(
      preview.resources.some((r) => JSON.stringify(r.properties.toJavaScript()).includes(UNKNOWN_STRING)),
    );
    const { diagnostics } = await pack.analyzeStack(preview.resources);
    assert.deepEqual(diagnostics, []);
  });

  it("passes the same program once deployed, with every resource linked by names and ARNs alone", async () => {
    const deployed = await runProgram();
    assert.equal(deployed.error, undefined);
    const unlinked = deployed.resources.map((r) => analyzerInput(r.type, r.name, r.urn, r.outputs));
    assert.deepEqual((await pack.analyzeStack(unlinked)).diagnostics, []);
  });

  it("fails the same program without one control's alarm with one mandatory violation naming the trail", async () => {
    const { diagnostics } = await pack.analyzeStack(withoutAlarm());
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.policyName, MONITORED);
    assert.equal(d.enforcementLevel, "mandatory");
    assert.equal(d.urn, preview.one(T.trail).urn);
    assert.match(
      d.message,
      /Trail 'cis-monitoring-dev-trail' is not monitored for unauthorized API calls \(CIS 3\.1\/4\.1\/5\.1, Security Hub CloudWatch\.2\): metric filter 'cis-monitoring-dev-unauthorized-api-calls' publishes metric CloudTrailMetrics\/AuthorizationFailureCount, but no alarm watches it/,
    );
  });

  it("advises a stack monitoring the fifteen CIS controls, without the delivery alarm or monitoring-changes, to add each; raised, they block", async () => {
    const cisOnly = preview.resources.filter(
      (r) => !r.name.endsWith("-delivery-alarm") && !r.name.endsWith("-monitoring-changes"),
    );
    const judge = async () =>
      (await pack.analyzeStack(cisOnly)).diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]);
    const trail = preview.one(T.trail).urn;
    assert.deepEqual(await judge(), [
      ["monitoring-changes-monitored", "advisory", trail],
      [DELIVERY, "advisory", trail],
    ]);
    const [tamper, delivery] = (await pack.analyzeStack(cisOnly)).diagnostics.map((d) => d.message);
    assert.match(
      tamper,
      /Trail 'cis-monitoring-dev-trail' is not monitored for changes that blind the monitoring \(beyond CIS\): .*add an aws\.cloudwatch\.LogMetricFilter on it with the pattern \{ \(\(\$\.eventSource = monitoring\.amazonaws\.com\)/,
    );
    assert.match(
      delivery,
      /\nTrail 'cis-monitoring-dev-trail': no alarm tells anyone when log group 'cis-monitoring-dev-trail-logs' stops receiving events, and then every control's alarm stays silent: no alarm watches AWS\/Logs\/IncomingLogEvents \(add an aws\.cloudwatch\.MetricAlarm with namespace "AWS\/Logs", metricName "IncomingLogEvents"/,
    );
    await pack.configure({
      "monitoring-changes-monitored": { enforcementLevel: "mandatory", properties: {} },
      [DELIVERY]: { enforcementLevel: "mandatory", properties: {} },
    });
    assert.deepEqual(await judge(), [
      ["monitoring-changes-monitored", "mandatory", trail],
      [DELIVERY, "mandatory", trail],
    ]);
  });

  it("applies its configuration: an exempted trail passes, and a level can be lowered", async () => {
    const stack = withoutAlarm();
    const config = (level: PolicyConfig["enforcementLevel"], exemptTrailNames: string[]) => ({
      [MONITORED]: { enforcementLevel: level, properties: { exemptTrailNames } },
    });
    await pack.configure(config("mandatory", ["cis-monitoring-dev"]));
    assert.deepEqual((await pack.analyzeStack(stack)).diagnostics, []);
    await pack.configure(config("advisory", []));
    assert.deepEqual(
      (await pack.analyzeStack(stack)).diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
      [[MONITORED, "advisory"]],
    );
  });

  it("exempts a trail from every policy when told once, in cis-monitoring-advisories; a policy's own keys win", async () => {
    const stack = withoutAlarm().filter((r) => r.type !== T.filter);
    const exempt = {
      enforcementLevel: "advisory" as const,
      properties: { exemptTrailNames: ["cis-monitoring-dev"] },
    };
    await pack.configure({ [ADVISORIES]: exempt });
    const { diagnostics, notApplicable } = await pack.analyzeStack(stack);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      notApplicable.map((n) => n.policyName),
      [...CONTROLS.map((c) => `${c.id}-monitored`), ADVISORIES, DELIVERY],
    );
    await pack.configure({
      [ADVISORIES]: exempt,
      [MONITORED]: { enforcementLevel: "mandatory", properties: { exemptTrailNames: [] } },
    });
    assert.deepEqual(
      (await pack.analyzeStack(stack)).diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
      [[MONITORED, "mandatory"]],
    );
  });

  it("takes policy/config.example.json's exemption of its data-event trail in every -monitored policy", async () => {
    const info = await pack.info();
    await pack.configure(
      policyPackConfig(info, readPolicyConfigFile(path.join(ROOT, "policy/config.example.json"))),
    );
    const trail = input("aws:cloudtrail/trail:Trail", "data-events-trail", {
      eventSelectors: [{ includeManagementEvents: false, readWriteType: "All" }],
    });
    const { diagnostics, notApplicable } = await pack.analyzeStack([trail]);
    assert.deepEqual(
      diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
      [],
    );
    assert.deepEqual(
      notApplicable.filter((n) => n.policyName.endsWith("-monitored")).map((n) => n.reason),
      CONTROLS.map(
        () => "every CloudTrail trail in this stack is exempt (exemptTrailNames): nothing to check",
      ),
    );
  });

  it("checks the program's own topic key and delivery role: each breaks every control when it is broken", async () => {
    const deployed = await runProgram();
    const broken = deployed.resources.map((r) => {
      const outputs = { ...r.outputs } as Record<string, unknown>;
      if (r.type === T.key && String(outputs.policy).includes("cloudwatch.amazonaws.com"))
        outputs.policy = String(outputs.policy).replace("cloudwatch.amazonaws.com", "events.amazonaws.com");
      if (r.type === T.rolePolicy)
        outputs.policy = String(outputs.policy).replace('"logs:PutLogEvents"', '"logs:GetLogEvents"');
      return analyzerInput(r.type, r.name, r.urn, outputs);
    });
    const { diagnostics } = await pack.analyzeStack(broken);
    const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
    assert.equal(mandatory.length, CIS_CONTROLS.length);
    for (const d of mandatory) {
      assert.match(
        d.message,
        /its CloudWatch Logs role 'cis-monitoring-dev-trail-delivery' does not allow logs:PutLogEvents on log group/,
      );
      assert.match(
        d.message,
        /the key policy of key 'cis-monitoring-dev-alarm-topic-key' of topic 'cis-monitoring-dev-alarms' does not let cloudwatch\.amazonaws\.com use it/,
      );
    }
  });

  it("says of a trail component it cannot see inside what npm start says: not expanded, not without a trail", async () => {
    const component = input("awsx:cloudtrail:Trail", "with-logs", { isMultiRegionTrail: true });
    const { diagnostics, notApplicable } = await pack.analyzeStack([component]);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      [...new Set(notApplicable.map((n) => n.reason))],
      [
        "not expanded: awsx:cloudtrail:Trail 'with-logs', a trail whose resources a provider plugin builds, could " +
          "not be seen; they are checked where the component is expanded (`pulumi preview --policy-pack policy`)",
      ],
    );
    assert.equal(notApplicable.length, CONTROLS.length + 3);
  });

  it("advises on the trail's hardening, and blocks on it when raised to mandatory", async () => {
    const unlogged = preview.resources.filter((r) => r.type !== T.bucketLogging);
    const judge = async () => {
      const { diagnostics } = await pack.analyzeStack(unlogged);
      assert.equal(diagnostics.length, 1);
      const [d] = diagnostics;
      assert.deepEqual([d.policyName, d.urn], [HARDENING, preview.one(T.trail).urn]);
      assert.match(
        d.message,
        /Trail 'cis-monitoring-dev-trail' lacks access logging on its bucket \(CIS v1\.2 2\.6, v1\.4 3\.6, Security Hub CloudTrail\.7\): its bucket 'cis-monitoring-dev-trail-bucket' does not log access \(add an aws\.s3\.BucketLogging/,
      );
      return d.enforcementLevel;
    };
    assert.equal(await judge(), "advisory");
    await pack.configure({ [HARDENING]: { enforcementLevel: "mandatory", properties: {} } });
    assert.equal(await judge(), "mandatory");
  });

  it("judges an @pulumi/aws-native stack in preview: passes with its alarm, fails without", async () => {
    // The stack monitors one control: the others' policies are disabled, the Pulumi way.
    await pack.configure(
      Object.fromEntries(
        CONTROLS.filter((c) => c !== control).map((c) => [
          `${c.id}-monitored`,
          { enforcementLevel: "disabled" as const, properties: {} },
        ]),
      ),
    );
    assert.deepEqual((await pack.analyzeStack(nativeStack({ withAlarm: true }))).diagnostics, []);
    const { diagnostics } = await pack.analyzeStack(nativeStack({ withAlarm: false }));
    assert.deepEqual(
      diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
      [[MONITORED, "mandatory"]],
    );
    assert.match(
      diagnostics[0].message,
      /Trail 'org-trail' is not monitored for unauthorized API calls \(CIS 3\.1\/4\.1\/5\.1, Security Hub CloudWatch\.2\): metric filter 'unauthorized' publishes metric/,
    );
  });

  it("answers not applicable, with why, for a stack without a trail, such as a member account's of an organization trail", async () => {
    const { diagnostics, notApplicable } = await pack.analyzeStack(
      preview.resources.filter((r) => r.type !== T.trail),
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      notApplicable.map((n) => n.policyName),
      [...CONTROLS.map((c) => `${c.id}-monitored`), ADVISORIES, DELIVERY, HARDENING],
    );
    assert.deepEqual(
      [...new Set(notApplicable.map((n) => n.reason))],
      [
        "no CloudTrail trail in this stack: nothing to check (an account whose events an organization trail records is monitored where that trail is)",
      ],
    );
  });

  it("passes the program's organization trail in a first preview and once deployed, and names it an organization trail when a link breaks", async () => {
    const settings = { organizationTrail: true, organizationId: "o-a1b2c3d4e5" };
    // One program runs at a time: Pulumi's mocks are the process's.
    const previewed = await runProgram(settings, { preview: true });
    const deployed = await runProgram(settings);
    assert.equal(previewed.one(T.trail).inputs.isOrganizationTrail, true);
    assert.deepEqual((await pack.analyzeStack(previewed.resources)).diagnostics, []);
    const unlinked = deployed.resources.map((r) => analyzerInput(r.type, r.name, r.urn, r.outputs));
    assert.deepEqual((await pack.analyzeStack(unlinked)).diagnostics, []);

    const { diagnostics } = await pack.analyzeStack(
      previewed.resources.filter((r) => !(r.type === T.alarm && r.inputs.metricName === control.metricName)),
    );
    assert.equal(diagnostics.length, 1);
    assert.match(
      diagnostics[0].message,
      /\nOrganization trail 'cis-monitoring-dev-trail' is not monitored for unauthorized API calls \(CIS 3\.1\/4\.1\/5\.1, Security Hub CloudWatch\.2\): metric filter 'cis-monitoring-dev-unauthorized-api-calls' publishes metric CloudTrailMetrics\/AuthorizationFailureCount, but no alarm watches it/,
    );
  });

  it("reports nothing for resource-by-resource analysis, which it does not use", async () => {
    const { diagnostics } = await pack.analyze(preview.one(T.trail));
    assert.deepEqual(diagnostics, []);
  });
});
