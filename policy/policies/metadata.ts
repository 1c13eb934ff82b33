/**
 * How Pulumi Cloud shows the pack and its policies: names, the CIS AWS Foundations Benchmark
 * numbers and AWS Security Hub control of each, what to do about a violation, and where to read
 * more. The control policies' come from the catalog; the pack's from its package.json and README.md.
 */
import * as fs from "fs";
import * as path from "path";
import type { PolicyPackArgs, StackValidationPolicy } from "@pulumi/policy";
import {
  CIS_ALARM,
  CIS_CONTROLS,
  cisNumbering,
  CisControl,
  Control,
  DELIVERY_ALARM,
  isCisControl,
  METRIC_NAMESPACE,
} from "../catalog";

export type PolicyMetadata = Pick<
  StackValidationPolicy,
  "displayName" | "framework" | "remediationSteps" | "url" | "tags"
>;

const BENCHMARK = "CIS AWS Foundations Benchmark";

/** A file of the pack (beside PulumiPolicy.yaml), from its TypeScript sources or the compiled bin/. */
function packFile(name: string): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "PulumiPolicy.yaml")))
      return fs.readFileSync(path.join(dir, name), "utf8");
  }
  throw new Error(`no PulumiPolicy.yaml above ${__dirname}`);
}

const manifest: { description: string; homepage?: string; repository?: string | { url: string } } =
  JSON.parse(packFile("package.json"));

/** The sections of the project's README that explain the policies. */
export const README_SECTIONS = {
  controls: "The controls",
  deliveryAlarm: "Monitoring that watches itself",
  advisories: "The policy pack",
  trailHardening: "The trail passes CIS section 3 itself",
} as const;

/**
 * A section of the project's README, as GitHub anchors it, where the pack's package.json says the
 * project lives (`homepage`); none without one.
 */
export function readmeSection(heading: string, homepage: string | undefined): string | undefined {
  if (homepage === undefined) return undefined;
  const anchor = heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
  return `${homepage.replace(/#.*$/, "")}#${anchor}`;
}

/** The pack's own metadata. */
export const PACK_METADATA: Omit<PolicyPackArgs, "policies"> = {
  displayName: "CIS AWS Foundations monitoring",
  description: manifest.description,
  readme: packFile("README.md"),
  provider: "aws",
  tags: ["cis", "aws", "cloudtrail", "cloudwatch", "security-hub"],
  ...(manifest.repository === undefined
    ? {}
    : {
        repository: typeof manifest.repository === "string" ? manifest.repository : manifest.repository.url,
      }),
};

/**
 * A control's policy: its CIS numbers in every version, its Security Hub control, and the chain that
 * meets it; a control beyond CIS has no framework to name.
 */
export function controlMetadata(control: Control, homepage = manifest.homepage): PolicyMetadata {
  const alarm = `Sum >= ${CIS_ALARM.threshold} over ${CIS_ALARM.periodSeconds} seconds, ${CIS_ALARM.evaluationPeriods} evaluation period`;
  return {
    displayName: `${control.title} monitored`,
    ...(isCisControl(control) ? { framework: cisFramework(control) } : {}),
    remediationSteps:
      `On the log group the trail delivers to, add an aws.cloudwatch.LogMetricFilter with the pattern ` +
      `${control.patterns["security-hub"]} publishing the metric ${METRIC_NAMESPACE}/${control.metricName}, ` +
      `an aws.cloudwatch.MetricAlarm on that metric (${alarm}) whose alarmActions name an SNS topic, and a ` +
      `subscription to that topic; or add the CisMonitoring component of this project, which creates them all.`,
    url: readmeSection(README_SECTIONS.controls, homepage),
    tags: [
      control.cis === undefined ? "beyond-cis" : "cis",
      "cloudtrail",
      "cloudwatch",
      ...(control.securityHub ? [control.securityHub.id] : []),
    ],
  };
}

function cisFramework(control: CisControl): PolicyMetadata["framework"] {
  const numbering = cisNumbering([control]);
  const securityHub = control.securityHub
    ? `AWS Security Hub ${control.securityHub.id}`
    : "no AWS Security Hub control";
  return {
    name: BENCHMARK,
    version: `${numbering.first}-${numbering.last}`,
    reference: numbering.text,
    specification: `Ensure a log metric filter and alarm exist for ${control.catches} (${securityHub}).`,
  };
}

/** The advisories: every control's alarm settings, the filters' reach, what a preview cannot verify. */
export const ADVISORIES_METADATA: PolicyMetadata = {
  displayName: "CIS alarm settings and filter reach",
  framework: {
    name: BENCHMARK,
    version: `${cisNumbering(CIS_CONTROLS).first}-${cisNumbering(CIS_CONTROLS).last}`,
    reference: cisNumbering(CIS_CONTROLS).text,
    specification:
      "Each monitoring control's alarm fires on a single matching event, and its filter catches what the control names.",
  },
  remediationSteps:
    `Give each CIS alarm the statistic ${CIS_ALARM.statistic}, threshold ${CIS_ALARM.threshold} with ` +
    `${CIS_ALARM.comparisonOperator}, a period of at most ${CIS_ALARM.periodSeconds} seconds and ` +
    `${CIS_ALARM.evaluationPeriods} evaluation period; narrow a filter the message says catches more than its control.`,
  url: readmeSection(README_SECTIONS.advisories, manifest.homepage),
};

/** The delivery alarm: beyond CIS, so without a framework. */
export const DELIVERY_ALARM_METADATA: PolicyMetadata = {
  displayName: "Trail delivery alarmed",
  remediationSteps:
    `On each log group a trail delivers to, add an aws.cloudwatch.MetricAlarm on ${DELIVERY_ALARM.namespace}/${DELIVERY_ALARM.metricName} ` +
    `with the dimension ${DELIVERY_ALARM.dimension} set to the log group's name, statistic ${DELIVERY_ALARM.statistic}, ` +
    `${DELIVERY_ALARM.comparisonOperator} ${DELIVERY_ALARM.threshold}, period ${DELIVERY_ALARM.periodSeconds}, ` +
    `treatMissingData ${DELIVERY_ALARM.treatMissingData} and an SNS topic people are subscribed to in alarmActions; ` +
    "or set deliveryAlarm: true on the CisMonitoring component of this project.",
  url: readmeSection(README_SECTIONS.deliveryAlarm, manifest.homepage),
  tags: ["beyond-cis", "cloudtrail", "cloudwatch"],
};

/** Trail hardening: CIS section 3 (v1.4 numbering) for every trail itself. */
export const TRAIL_HARDENING_METADATA: PolicyMetadata = {
  displayName: "CloudTrail trail hardened",
  framework: {
    name: BENCHMARK,
    version: "1.4.0",
    reference: "3.2, 3.3, 3.6, 3.7 (v1.2.0 2.2, 2.3, 2.6, 2.7)",
    specification:
      "Ensure CloudTrail log file validation is enabled, the S3 bucket CloudTrail logs to is not publicly accessible, " +
      "S3 bucket access logging is enabled on it, and CloudTrail logs are encrypted at rest using KMS CMKs " +
      "(AWS Security Hub CloudTrail.4, CloudTrail.6, CloudTrail.7, CloudTrail.2).",
  },
  remediationSteps:
    "Set enableLogFileValidation and a kmsKeyId on the trail; on its bucket add an aws.s3.BucketPublicAccessBlock " +
    "with all four settings true and an aws.s3.BucketLogging into a separate bucket encrypted with SSE-S3.",
  url: readmeSection(README_SECTIONS.trailHardening, manifest.homepage),
};
