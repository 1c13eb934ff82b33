import { strict as assert } from "assert";
import { runProgram } from "../helpers/program";

/** Each bad stack config, and what its one-line message must say. */
const CASES: { name: string; config: Record<string, unknown>; message: RegExp }[] = [
  {
    name: "an invalid email",
    config: { alertEmails: ["secops.example.com"] },
    message:
      /cis-monitoring:alertEmails\[0\]: "secops\.example\.com" must match pattern .*Allowed: email addresses/,
  },
  {
    name: "both a new trail and an existing log group",
    config: { createTrail: true, existingLogGroupName: "org-trail" },
    message:
      /cis-monitoring:existingLogGroupName: is set while createTrail is true\. Allowed: either createTrail: true/,
  },
  {
    name: "no trail and no existing log group",
    config: { createTrail: false },
    message: /cis-monitoring:existingLogGroupName: is missing while createTrail is false/,
  },
  {
    name: "a threshold below 1",
    config: { alarm: { threshold: 0 } },
    message: /cis-monitoring:alarm\.threshold: 0 must be >= 1\. Allowed: .*an integer of at least 1/,
  },
  {
    name: "a period CloudWatch does not accept",
    config: { alarm: { periodSeconds: 90 } },
    message:
      /cis-monitoring:alarm\.periodSeconds: 90 must be multiple of 60\. Allowed: the alarm period in seconds: a multiple of 60 up to 86400/,
  },
  {
    name: "an unknown pattern set",
    config: { patternSet: "cis-9" },
    message:
      /cis-monitoring:patternSet: "cis-9" must be equal to one of the allowed values\. Allowed: .*security-hub .* or cis-latest/,
  },
  {
    name: "a pattern set by its former name",
    config: { patternSet: "cis-4" },
    message:
      /cis-monitoring:patternSet: "cis-4" was renamed to cis-latest\. Allowed: security-hub or cis-latest/,
  },
  {
    name: "the former patternVersion key",
    config: { patternVersion: "cis-1.2" },
    message:
      /cis-monitoring:patternVersion: was renamed to patternSet\. Allowed: patternSet: security-hub \(what cis-1\.2 was\)\. Fix it .* `pulumi config set --path patternVersion <value>`/,
  },
  {
    name: "an unknown control id",
    config: { controls: ["unauthorized-api-calls", "root-logins"] },
    message:
      /cis-monitoring:controls\[1\]: "root-logins" must be equal to one of the allowed values\. Allowed: a control id: unauthorized-api-calls, console-signin-without-mfa, .*, organizations-changes\./,
  },
  {
    name: "no controls at all",
    config: { controls: [] },
    message:
      /cis-monitoring:controls: \[\] must NOT have fewer than 1 items\. Allowed: the CIS controls to monitor/,
  },
  {
    name: "a metric name for an unknown control",
    config: { metricNames: { "root-logins": "RootLogins" } },
    message:
      /cis-monitoring:metricNames\.root-logins: names no control in the catalog\. Allowed: a control id: /,
  },
  {
    name: "an override for a control that is not chosen",
    config: {
      controls: ["unauthorized-api-calls", "root-account-usage"],
      alarmOverrides: { "vpc-changes": { threshold: 2 } },
    },
    message:
      /cis-monitoring:alarmOverrides\.vpc-changes: is set for control vpc-changes, which controls does not choose\. Allowed: an override for one of the chosen controls \(unauthorized-api-calls, root-account-usage\); add vpc-changes to controls or remove the override\./,
  },
  {
    name: "a metric name for a control that is not chosen",
    config: { controls: ["root-account-usage"], metricNames: { "unauthorized-api-calls": "Refused" } },
    message:
      /cis-monitoring:metricNames\.unauthorized-api-calls: is set for control unauthorized-api-calls, which controls does not choose\./,
  },
  {
    name: "an alarm override for an unknown setting",
    config: { alarmOverrides: { "unauthorized-api-calls": { period: 60 } } },
    message:
      /cis-monitoring:alarmOverrides\.unauthorized-api-calls\.period: is not a setting of this project\. Allowed: one of periodSeconds, threshold/,
  },
  {
    name: "a malformed topic ARN",
    config: { existingTopicArn: "security-alerts" },
    message:
      /cis-monitoring:existingTopicArn: "security-alerts" must match pattern .*Allowed: the ARN of an existing SNS topic .*arn:<partition>:sns:<region>:<12-digit account>:<name>/,
  },
  {
    name: "a log retention CloudWatch does not offer",
    config: { logRetentionDays: 100 },
    message:
      /cis-monitoring:logRetentionDays: 100 must be equal to one of the allowed values\. Allowed: .*365, 400/,
  },
  {
    name: "an OpsItem severity out of range",
    config: { opsItemSeverity: "5" },
    message:
      /cis-monitoring:opsItemSeverity: "5" must be equal to one of the allowed values\. Allowed: .*1, 2, 3 or 4/,
  },
  {
    name: "more datapoints than evaluation periods",
    config: { alarm: { evaluationPeriods: 2, datapointsToAlarm: 3 } },
    message:
      /cis-monitoring:alarm\.datapointsToAlarm: 3 is more than the evaluationPeriods of control unauthorized-api-calls \(2\)/,
  },
  {
    name: "one control's override with more datapoints than its evaluation periods",
    config: { alarmOverrides: { "root-account-usage": { evaluationPeriods: 2, datapointsToAlarm: 3 } } },
    message:
      /cis-monitoring:alarmOverrides\.root-account-usage\.datapointsToAlarm: 3 is more than the evaluationPeriods of control root-account-usage \(2\)\. Allowed: an integer from 1 to evaluationPeriods/,
  },
  {
    name: "a misspelt key",
    config: { alarmPeriod: 300 },
    message: /cis-monitoring:alarmPeriod: is not a setting of this project\. Allowed: one of createTrail, /,
  },
  {
    name: "a misspelt alarm setting",
    config: { alarm: { period: 300 } },
    message:
      /cis-monitoring:alarm\.period: is not a setting of this project\. Allowed: one of periodSeconds, /,
  },
  {
    name: "a new topic nobody is subscribed to",
    config: { alertEmails: [] },
    message: /cis-monitoring:alertEmails: is empty, so the new alarm topic would notify nobody/,
  },
  {
    name: "an access log bucket given by ARN",
    config: { accessLogBucketName: "arn:aws:s3:::org-access-logs" },
    message:
      /cis-monitoring:accessLogBucketName: "arn:aws:s3:::org-access-logs" must match pattern .*Allowed: the name \(not the ARN\) of an existing S3 bucket/,
  },
  {
    name: "an access log bucket name S3 does not allow",
    config: { accessLogBucketName: "Org_Access_Logs" },
    message:
      /cis-monitoring:accessLogBucketName: "Org_Access_Logs" must match pattern .*Allowed: .*\(3-63 of a-z 0-9 \. -\)/,
  },
  {
    name: "the trail bucket as its own access log bucket",
    config: { accessLogBucketName: "cis-monitoring-dev-trail-bucket-4f2a9c1" },
    message:
      /cis-monitoring:accessLogBucketName: "cis-monitoring-dev-trail-bucket-4f2a9c1" is a trail bucket of this project, encrypted with a KMS key, and S3 delivers no access logs to such a bucket\. Allowed: another bucket, encrypted with S3-managed keys \(SSE-S3\)/,
  },
  {
    name: "an access log bucket without a trail",
    config: {
      createTrail: false,
      existingLogGroupName: "org-trail",
      accessLogBucketName: "org-access-logs",
    },
    message:
      /cis-monitoring:accessLogBucketName: "org-access-logs" is set while createTrail is false, so there is no trail bucket to log access to\. Allowed: .*only with createTrail: true/,
  },
  {
    name: "a threshold that is not a number",
    config: { alarm: { threshold: "one" } },
    message: /cis-monitoring:alarm\.threshold: "one" must be integer/,
  },
];

describe("bad stack config", () => {
  for (const { name, config, message } of CASES) {
    it(`fails on ${name}, naming the key and the fix, and registers nothing`, async () => {
      const run = await runProgram(config, { preview: true });
      assert.ok(run.error instanceof Error, "the program should fail");
      assert.match(run.error.message, message);
      assert.match(run.error.message, /Fix it in Pulumi\.<stack>\.yaml or with `pulumi config set --path /);
      const created = run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
      assert.deepEqual(created, [], "nothing but the stack itself may be registered");
    });
  }
});
