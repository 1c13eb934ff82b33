/**
 * JSON Schema of this project's stack config (`cis-monitoring:*` keys in Pulumi.<stack>.yaml).
 * Every property's description says what is allowed; it is quoted back when a value is wrong.
 */
import {
  CIS_ALARM,
  CIS_CONTROLS,
  CONTROLS,
  DELIVERY_ALARM,
  METRIC_NAMESPACE,
  PATTERN_SETS,
} from "../../policy/catalog";
import { ConfigPath } from "./error";

const CONTROL_IDS = CONTROLS.map((control) => control.id);

/** In `controls`, the word for the fifteen CIS controls, so that leaving out those beyond CIS is one line. */
export const CIS_CHOICE = "cis";

/**
 * The delivery alarm's window, in minutes. CloudTrail delivers events about every 5 minutes, so a
 * shorter window than three deliveries would raise it on an ordinary delay; CloudWatch evaluates
 * one period of at most a day.
 */
export const DELIVERY_ALARM_MINUTES = { least: 15, most: 1440, default: DELIVERY_ALARM.periodSeconds / 60 };

/** Retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * How long CloudWatch evaluates an alarm, periodSeconds × evaluationPeriods (PutMetricAlarm): at
 * most a day for periods under an hour, at most seven days for longer ones.
 */
export const LONGEST_EVALUATION = { shortPeriods: 86_400, longPeriods: 604_800, longPeriodFrom: 3_600 };

/** Most evaluation periods CloudWatch takes: a day of one-minute periods. */
const MOST_PERIODS = LONGEST_EVALUATION.shortPeriods / 60;

/** The alarm settings, without defaults: per-control overrides name only what they change. */
const ALARM_PROPERTIES = {
  periodSeconds: {
    type: "integer",
    minimum: 60,
    maximum: 86400,
    multipleOf: 60,
    description:
      "the alarm period in seconds: a multiple of 60 up to 86400 (metric filters publish standard-resolution metrics, for which CloudWatch accepts no other period)",
  },
  // CloudWatch takes any double; the metric counts events, so a count, and a count beyond a million
  // in one period would in effect never alarm while the alarm looks armed.
  threshold: {
    type: "integer",
    minimum: 1,
    maximum: 1_000_000,
    description:
      "how many matching events in a period raise the alarm: an integer from 1 to 1000000 (a higher count would in effect never alarm; to silence an alarm, set actionsEnabled: false)",
  },
  evaluationPeriods: {
    type: "integer",
    minimum: 1,
    maximum: MOST_PERIODS,
    description: `how many periods CloudWatch evaluates: an integer from 1 to ${MOST_PERIODS}, with periodSeconds × evaluationPeriods at most ${LONGEST_EVALUATION.shortPeriods} (one day) for periods under ${LONGEST_EVALUATION.longPeriodFrom} s, or ${LONGEST_EVALUATION.longPeriods} (seven days) for longer ones`,
  },
  datapointsToAlarm: {
    type: "integer",
    minimum: 1,
    maximum: MOST_PERIODS,
    description:
      "how many of the evaluated periods must breach: an integer from 1 to evaluationPeriods (default: all)",
  },
  treatMissingData: {
    type: "string",
    enum: ["notBreaching", "missing", "ignore", "breaching"],
    description: "how periods without data count: notBreaching, missing, ignore or breaching",
  },
  actionsEnabled: {
    type: "boolean",
    description: "whether the alarm notifies anyone: true or false",
  },
} as const;

const ALARM_DEFAULTS = {
  periodSeconds: CIS_ALARM.periodSeconds,
  threshold: CIS_ALARM.threshold,
  evaluationPeriods: CIS_ALARM.evaluationPeriods,
  treatMissingData: CIS_ALARM.treatMissingData,
  actionsEnabled: true,
};

/** The alarm settings of `alarm`, where a setting left out takes the CIS default. */
function withDefaults<P extends Record<string, object>>(properties: P) {
  return Object.fromEntries(
    Object.entries(properties).map(([key, schema]) => [
      key,
      key in ALARM_DEFAULTS
        ? { ...schema, default: ALARM_DEFAULTS[key as keyof typeof ALARM_DEFAULTS] }
        : schema,
    ]),
  ) as { [K in keyof P]: P[K] & { default?: unknown } };
}

export const stackConfigSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    createTrail: {
      type: "boolean",
      default: true,
      description:
        "true to create a multi-region CloudTrail trail for this account, or false to adopt the log group of an existing trail (then set existingLogGroupName)",
    },
    organizationTrail: {
      type: "boolean",
      default: false,
      description:
        "true to make the new trail an organization trail, recording every account of the AWS Organization (deploy it in the organization's management account), or false for this account's events only; only with createTrail: true",
    },
    organizationId: {
      type: "string",
      pattern: "^o-[a-z0-9]{10,32}$",
      description:
        "the ID of the organization whose accounts the organization trail records, as `aws organizations describe-organization` shows it: o- followed by 10-32 of a-z 0-9 (default: looked up when the program runs); only with organizationTrail: true",
    },
    existingLogGroupName: {
      type: "string",
      pattern: "^[\\.\\-_/#A-Za-z0-9]{1,512}$",
      description:
        "the name of the CloudWatch Logs log group an existing trail delivers to (1-512 of a-z A-Z 0-9 . - _ / #); only with createTrail: false",
    },
    accessLogBucketName: {
      type: "string",
      pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
      description:
        "the name (not the ARN) of an existing S3 bucket in this account and region to receive the server access logs of the trail's bucket, instead of a new log bucket (3-63 of a-z 0-9 . -); its default encryption must be SSE-S3 (S3 delivers no access logs to SSE-KMS buckets) and its policy must let logging.s3.amazonaws.com put objects under trail-bucket/; only with createTrail: true",
    },
    logRetentionDays: {
      type: "integer",
      enum: LOG_RETENTION_DAYS,
      default: 365,
      description: `days the trail's log group keeps events, one of ${LOG_RETENTION_DAYS.join(", ")}`,
    },
    controls: {
      type: "array",
      items: {
        type: "string",
        enum: [...CONTROL_IDS, CIS_CHOICE],
        description: `a control id: ${CONTROL_IDS.join(", ")}; or ${CIS_CHOICE} for the ${CIS_CONTROLS.length} CIS controls`,
      },
      uniqueItems: true,
      minItems: 1,
      default: CONTROL_IDS,
      description: `the controls to monitor, as a list of control ids, where ${CIS_CHOICE} stands for the ${CIS_CONTROLS.length} CIS controls (default: every control, ${CONTROL_IDS.join(", ")})`,
    },
    patternSet: {
      type: "string",
      enum: PATTERN_SETS,
      default: "security-hub",
      description:
        "which wording of the filter patterns to deploy: security-hub (the exact strings AWS Security Hub checks) or cis-latest (the newest CIS text)",
    },
    metricNamespace: {
      type: "string",
      pattern: "^[^:$][^$]{0,254}$",
      default: METRIC_NAMESPACE,
      description:
        "the CloudWatch namespace of the metrics (1-255 characters, not starting with ':' and without '$')",
    },
    metricNames: {
      type: "object",
      propertyNames: { enum: CONTROL_IDS },
      additionalProperties: {
        type: "string",
        pattern: "^[^:$][^$]{0,254}$",
        description: "a metric name: 1-255 characters, not starting with ':' and without '$'",
      },
      default: {},
      description: `metric names by control id (${CONTROLS.map((c) => `${c.id}: ${c.metricName}`).join(", ")}); names are 1-255 characters without '$'`,
    },
    alarm: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "the settings of every control's alarm",
      properties: withDefaults(ALARM_PROPERTIES),
    },
    alarmOverrides: {
      type: "object",
      propertyNames: { enum: CONTROL_IDS },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        properties: ALARM_PROPERTIES,
        description: "alarm settings of one control, replacing those of `alarm`",
      },
      default: {},
      description: `alarm settings by control id, for the controls whose alarm differs from \`alarm\` (control ids: ${CONTROL_IDS.join(", ")})`,
    },
    alertEmails: {
      type: "array",
      items: { type: "string", pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$" },
      uniqueItems: true,
      default: [],
      description: 'email addresses subscribed to the alarm topic, as a list: ["secops@example.com"]',
    },
    existingTopicArn: {
      type: "string",
      pattern: "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$",
      description:
        "the ARN of an existing SNS topic to notify instead of creating one: arn:<partition>:sns:<region>:<12-digit account>:<name>",
    },
    alertDetails: {
      type: "boolean",
      default: true,
      description:
        "true to tell people what set an alarm off: when an alarm goes into ALARM, a function looks up the events its metric counted in the trail's log group and publishes who did what, from where, to the alarm topic, besides the alarm's own notification; false for the alarm's notification only",
    },
    deliveryAlarm: {
      type: "boolean",
      default: true,
      description:
        "true for an alarm, notifying the alarm topic, when the trail's log group receives no events for deliveryAlarmMinutes: the other alarms stay silent while nothing arrives; false for none",
    },
    deliveryAlarmMinutes: {
      type: "integer",
      minimum: DELIVERY_ALARM_MINUTES.least,
      maximum: DELIVERY_ALARM_MINUTES.most,
      description: `minutes without a single event in the trail's log group that raise the delivery alarm: an integer from ${DELIVERY_ALARM_MINUTES.least} (CloudTrail delivers about every 5 minutes) to ${DELIVERY_ALARM_MINUTES.most} (a day), default ${DELIVERY_ALARM_MINUTES.default}; only with deliveryAlarm: true`,
    },
    opsItemSeverity: {
      type: "string",
      enum: ["1", "2", "3", "4"],
      description:
        "also open a Systems Manager OpsItem with this severity when the alarm fires: 1, 2, 3 or 4",
    },
    retainOnDelete: {
      type: "boolean",
      default: true,
      description:
        "true to keep the audit evidence on `pulumi destroy`: the log group, the trail bucket and its key, the access log bucket the stack creates, and the buckets' protections and access logging; false to delete them",
    },
  },
} as const;

interface SettingSchema {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Record<string, SettingSchema>;
  readonly additionalProperties?: SettingSchema | boolean;
  readonly items?: SettingSchema;
}

/** What is allowed at `path`: the description of the setting there, or of the nearest one around it. */
export function allowedAt(path: ConfigPath): string {
  for (let n = path.length; n > 0; n--) {
    const description = settingAt(path.slice(0, n))?.description;
    if (description !== undefined) return description;
  }
  return "a setting of this project";
}

/** The schema of the setting at `path` (`["alarm", "threshold"]`), if the schema has one there. */
export function settingAt(path: ConfigPath): SettingSchema | undefined {
  let schema: SettingSchema | undefined = stackConfigSchema;
  for (const step of path) {
    if (schema === undefined) return undefined;
    const more: SettingSchema | boolean | undefined = schema.additionalProperties;
    schema =
      typeof step === "number"
        ? schema.items
        : (schema.properties?.[step] ?? (typeof more === "object" ? more : undefined));
  }
  return schema;
}
