/**
 * JSON Schema of this project's stack config (`cis-monitoring:*` keys in Pulumi.<stack>.yaml).
 * Every property's description says what is allowed; it is quoted back when a value is wrong.
 */
import { CONTROLS, PATTERN_VERSIONS } from "../../policy/catalog";

const defaults = CONTROLS[0];

/** Retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

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
    existingLogGroupName: {
      type: "string",
      pattern: "^[\\.\\-_/#A-Za-z0-9]{1,512}$",
      description:
        "the name of the CloudWatch Logs log group an existing trail delivers to (1-512 of a-z A-Z 0-9 . - _ / #); only with createTrail: false",
    },
    logRetentionDays: {
      type: "integer",
      enum: LOG_RETENTION_DAYS,
      default: 365,
      description: `days the trail's log group keeps events, one of ${LOG_RETENTION_DAYS.join(", ")}`,
    },
    patternVersion: {
      type: "string",
      enum: PATTERN_VERSIONS,
      default: "cis-1.2",
      description: `which published filter pattern to deploy: ${PATTERN_VERSIONS.join(" or ")}`,
    },
    metricNamespace: {
      type: "string",
      pattern: "^[^:$][^$]{0,254}$",
      default: defaults.metric.namespace,
      description:
        "the CloudWatch namespace of the metrics (1-255 characters, not starting with ':' and without '$')",
    },
    metricNames: {
      type: "object",
      propertyNames: { enum: CONTROLS.map((control) => control.id) },
      additionalProperties: { type: "string", pattern: "^[^:$][^$]{0,254}$" },
      default: {},
      description: `metric names by control id (${CONTROLS.map((c) => `${c.id}: ${c.metric.name}`).join(", ")}); names are 1-255 characters without '$'`,
    },
    alarm: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "overrides of the alarm settings",
      properties: {
        periodSeconds: {
          type: "integer",
          minimum: 60,
          maximum: 86400,
          multipleOf: 60,
          default: defaults.alarm.periodSeconds,
          description:
            "the alarm period in seconds: a multiple of 60 up to 86400 (metric filters publish standard-resolution metrics, for which CloudWatch accepts no other period)",
        },
        threshold: {
          type: "integer",
          minimum: 1,
          default: defaults.alarm.threshold,
          description: "how many matching events in a period raise the alarm: an integer of at least 1",
        },
        evaluationPeriods: {
          type: "integer",
          minimum: 1,
          maximum: 288,
          default: defaults.alarm.evaluationPeriods,
          description: "how many periods CloudWatch evaluates: an integer from 1 to 288",
        },
        datapointsToAlarm: {
          type: "integer",
          minimum: 1,
          maximum: 288,
          description: "how many of the evaluated periods must breach (1 to evaluationPeriods; default: all)",
        },
        treatMissingData: {
          type: "string",
          enum: ["notBreaching", "missing", "ignore", "breaching"],
          default: defaults.alarm.treatMissingData,
          description: "how periods without data count: notBreaching, missing, ignore or breaching",
        },
        actionsEnabled: {
          type: "boolean",
          default: true,
          description: "whether the alarm notifies anyone: true or false",
        },
      },
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
        "true to keep the log group, the trail bucket and its key on `pulumi destroy`, so audit evidence survives; false to delete them",
    },
  },
} as const;
