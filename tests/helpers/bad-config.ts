/** Bad settings, as stack config (values or the text Pulumi hands over), and what each message must say. */
export const BAD_CONFIG: { name: string; config: Record<string, unknown>; message: RegExp }[] = [
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
    name: "an organization trail without a new trail",
    config: {
      createTrail: false,
      existingLogGroupName: "aws-controltower/CloudTrailLogs",
      organizationTrail: true,
    },
    message:
      /cis-monitoring:organizationTrail: is true while createTrail is false, so there is no new trail to make an organization trail\. Allowed: createTrail: true for a new organization trail; for an existing one .*existingLogGroupName .*aws-controltower\/CloudTrailLogs/,
  },
  {
    name: "a malformed organization id",
    config: { organizationTrail: true, organizationId: "o-ABC" },
    message:
      /cis-monitoring:organizationId: "o-ABC" must match pattern .*Allowed: the ID of the organization whose accounts the organization trail records.*o- followed by 10-32 of a-z 0-9/,
  },
  {
    name: "an organization id for an account's own trail",
    config: { organizationId: "o-a1b2c3d4e5" },
    message:
      /cis-monitoring:organizationId: "o-a1b2c3d4e5" is set while organizationTrail is false\. Allowed: organizationTrail: true/,
  },
  {
    name: "a threshold below 1",
    config: { alarm: { threshold: 0 } },
    message: /cis-monitoring:alarm\.threshold: 0 must be >= 1\. Allowed: .*an integer from 1 to 1000000/,
  },
  {
    name: "a period CloudWatch does not accept",
    config: { alarm: { periodSeconds: 90 } },
    message:
      /cis-monitoring:alarm\.periodSeconds: 90 must be multiple of 60\. Allowed: the alarm period in seconds: a multiple of 60 up to 86400/,
  },
  {
    name: "alarm details neither true nor false",
    config: { alertDetails: "yes" },
    message:
      /cis-monitoring:alertDetails: "yes" must be boolean\. Allowed: true to tell people what set an alarm off: .*; false for the alarm's notification only\./,
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
      /cis-monitoring:controls\[1\]: "root-logins" must be equal to one of the allowed values\. Allowed: a control id: unauthorized-api-calls, console-signin-without-mfa, .*, organizations-changes, monitoring-changes; or cis for the 15 CIS controls\./,
  },
  {
    name: "no controls at all",
    config: { controls: [] },
    message:
      /cis-monitoring:controls: \[\] must NOT have fewer than 1 items\. Allowed: the controls to monitor, as a list of control ids, where cis stands for the 15 CIS controls/,
  },
  {
    name: "an override for a control beyond CIS when controls chooses only the CIS ones",
    config: { controls: ["cis"], alarmOverrides: { "monitoring-changes": { threshold: 2 } } },
    message:
      /cis-monitoring:alarmOverrides\.monitoring-changes: is set for control monitoring-changes, which controls does not choose\. Allowed: an override for one of the chosen controls \(unauthorized-api-calls, .*, organizations-changes\); add monitoring-changes to controls/,
  },
  {
    name: "a delivery alarm window shorter than three deliveries",
    config: { deliveryAlarmMinutes: 5 },
    message:
      /cis-monitoring:deliveryAlarmMinutes: 5 must be >= 15\. Allowed: minutes without a single event in the trail's log group that raise the delivery alarm: an integer from 15 .* to 1440 \(a day\), default 60/,
  },
  {
    name: "a delivery alarm window longer than a day",
    config: { deliveryAlarmMinutes: 2880 },
    message: /cis-monitoring:deliveryAlarmMinutes: 2880 must be <= 1440\./,
  },
  {
    name: "a delivery alarm window without the delivery alarm",
    config: { deliveryAlarm: false, deliveryAlarmMinutes: 120 },
    message:
      /cis-monitoring:deliveryAlarmMinutes: 120 is set while deliveryAlarm is false, so no alarm uses it\. Allowed: deliveryAlarm: true for the delivery alarm with this window, or no deliveryAlarmMinutes/,
  },
  {
    name: "the delivery alarm neither true nor false",
    config: { deliveryAlarm: "on" },
    message:
      /cis-monitoring:deliveryAlarm: "on" must be boolean\. Allowed: true for an alarm, notifying the alarm topic, when the trail's log group receives no events/,
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
  // A blank value reaches the program as "" from Pulumi, and as null from a stack file read directly.
  {
    name: "retainOnDelete left blank",
    config: { retainOnDelete: "" },
    message:
      /cis-monitoring:retainOnDelete: has no value\. Allowed: true to keep the audit evidence on `pulumi destroy`.*; false to delete them\./,
  },
  {
    name: "retainOnDelete as YAML null",
    config: { retainOnDelete: null },
    message: /cis-monitoring:retainOnDelete: has no value\. Allowed: true to keep the audit evidence/,
  },
  {
    name: "retainOnDelete as 0",
    config: { retainOnDelete: 0 },
    message: /cis-monitoring:retainOnDelete: 0 must be boolean\. Allowed: true to keep the audit evidence/,
  },
  {
    name: "retainOnDelete as a word other than true or false",
    config: { retainOnDelete: "yes" },
    message: /cis-monitoring:retainOnDelete: "yes" must be boolean\./,
  },
  {
    name: "createTrail as 0",
    config: { createTrail: 0 },
    message:
      /cis-monitoring:createTrail: 0 must be boolean\. Allowed: true to create a multi-region CloudTrail trail/,
  },
  {
    name: "an alarm's actionsEnabled left blank",
    config: { alarm: { actionsEnabled: null } },
    message:
      /cis-monitoring:alarm\.actionsEnabled: has no value\. Allowed: whether the alarm notifies anyone: true or false/,
  },
  {
    name: "a control's actionsEnabled as 0",
    config: { alarmOverrides: { "root-account-usage": { actionsEnabled: 0 } } },
    message: /cis-monitoring:alarmOverrides\.root-account-usage\.actionsEnabled: 0 must be boolean\./,
  },
  {
    name: 'actionsEnabled as the text "false" inside the alarm',
    config: { alarm: { actionsEnabled: "false" } },
    message: /cis-monitoring:alarm\.actionsEnabled: "false" must be boolean\./,
  },
  {
    name: "a threshold of true",
    config: { alarm: { threshold: true } },
    message: /cis-monitoring:alarm\.threshold: true must be integer\./,
  },
  {
    name: "evaluationPeriods left blank",
    config: { alarm: { evaluationPeriods: null } },
    message:
      /cis-monitoring:alarm\.evaluationPeriods: has no value\. Allowed: how many periods CloudWatch evaluates/,
  },
  {
    name: "logRetentionDays left blank",
    config: { logRetentionDays: "" },
    message:
      /cis-monitoring:logRetentionDays: has no value\. Allowed: days the trail's log group keeps events/,
  },
  {
    name: "metricNamespace left blank",
    config: { metricNamespace: null },
    message: /cis-monitoring:metricNamespace: has no value\. Allowed: the CloudWatch namespace/,
  },
  {
    name: "the alert emails left blank",
    config: { alertEmails: "" },
    message:
      /cis-monitoring:alertEmails: has no value\. Allowed: email addresses subscribed to the alarm topic/,
  },
  // Numbers as Pulumi hands an object over: JSON text, exactly as the stack file wrote them.
  {
    name: "a threshold of 1e308",
    config: { alarm: '{"threshold": 1e308}' },
    message:
      /cis-monitoring:alarm\.threshold: 1e308 is not a number a double holds exactly\. Allowed: how many matching events in a period raise the alarm/,
  },
  {
    name: "a threshold a double would round",
    config: { alarm: '{"threshold": 9007199254740993}' },
    message: /cis-monitoring:alarm\.threshold: 9007199254740993 is not a number a double holds exactly\./,
  },
  {
    name: "a threshold just above 1, which a double reads as 1",
    config: { alarm: '{"threshold": 1.0000000000000001}' },
    message: /cis-monitoring:alarm\.threshold: 1\.0000000000000001 is not a number a double holds exactly\./,
  },
  {
    name: "a log retention a double would round",
    config: { logRetentionDays: "365.00000000000001" },
    message: /cis-monitoring:logRetentionDays: 365\.00000000000001 is not a number a double holds exactly\./,
  },
  {
    name: "a threshold above a million events a period",
    config: { alarm: { threshold: 1_000_001 } },
    message:
      /cis-monitoring:alarm\.threshold: 1000001 must be <= 1000000\. Allowed: .*to silence an alarm, set actionsEnabled: false/,
  },
  {
    name: "more evaluation periods than CloudWatch takes",
    config: { alarm: { periodSeconds: 60, evaluationPeriods: 1441 } },
    message: /cis-monitoring:alarm\.evaluationPeriods: 1441 must be <= 1440\./,
  },
  {
    name: "evaluation periods of 10 minutes that span more than a day",
    config: { alarm: { periodSeconds: 600, evaluationPeriods: 145 } },
    message:
      /cis-monitoring:alarm\.evaluationPeriods: 145 periods of 600 s is 87000 s, more than CloudWatch evaluates for control unauthorized-api-calls\. Allowed: periodSeconds × evaluationPeriods at most 86400 \(one day\) for periods under 3600 s, or 604800 \(seven days\) for longer ones/,
  },
  {
    name: "one control's hourly evaluation periods that span more than seven days",
    config: { alarmOverrides: { "vpc-changes": { periodSeconds: 3600, evaluationPeriods: 169 } } },
    message:
      /cis-monitoring:alarmOverrides\.vpc-changes\.evaluationPeriods: 169 periods of 3600 s is 608400 s, more than CloudWatch evaluates for control vpc-changes\./,
  },
  {
    name: "a control whose longer period makes the shared evaluation periods span more than a day",
    config: { alarm: { evaluationPeriods: 49 }, alarmOverrides: { "vpc-changes": { periodSeconds: 1800 } } },
    message:
      /cis-monitoring:alarmOverrides\.vpc-changes\.periodSeconds: 49 periods of 1800 s is 88200 s, more than CloudWatch evaluates for control vpc-changes\./,
  },
  {
    name: "an alert email with bytes that are not UTF-8",
    config: { alertEmails: ["secops@ex\ufffdample.com"] },
    message:
      /cis-monitoring:alertEmails\[0\]: "secops@ex\ufffdample\.com" has bytes that are not valid UTF-8 \(each read as U\+FFFD\)\. Allowed: email addresses/,
  },
];
