/**
 * From settings the schema has validated to those the component is built from, with the rules that
 * tie keys together, which a per-key schema cannot say clearly.
 */
import * as pulumi from "@pulumi/pulumi";
import { CIS_CONTROLS, CONTROLS } from "../../policy/catalog";
import { SettingsError, SettingsOrigin } from "./error";
import { CIS_CHOICE, DELIVERY_ALARM_MINUTES, LONGEST_EVALUATION } from "./schema";
import { AlarmSettings, ControlSettings, MonitoringSettings } from "./settings";

type PartialAlarm = Partial<Omit<AlarmSettings, "datapointsToAlarm">> & { datapointsToAlarm?: number };

/** Settings as the schema leaves them: checked key by key, with defaults filled in. */
export interface ValidConfig {
  createTrail: boolean;
  organizationTrail: boolean;
  organizationId?: string;
  existingLogGroupName?: pulumi.Input<string>;
  accessLogBucketName?: pulumi.Input<string>;
  logRetentionDays: number;
  controls: string[];
  patternSet: MonitoringSettings["patternSet"];
  metricNamespace: string;
  metricNames: Record<string, string>;
  alarm: Omit<AlarmSettings, "datapointsToAlarm"> & { datapointsToAlarm?: number };
  alarmOverrides: Record<string, PartialAlarm>;
  alertEmails: string[];
  existingTopicArn?: pulumi.Input<string>;
  alertDetails: boolean;
  deliveryAlarm: boolean;
  deliveryAlarmMinutes?: number;
  opsItemSeverity?: "1" | "2" | "3" | "4";
  retainOnDelete: boolean;
}

export function toSettings(config: ValidConfig, origin: SettingsOrigin): MonitoringSettings {
  const source = eventSource(config, origin);
  const chosen = chosenControls(config.controls);
  checkOverridesAreChosen(config, chosen, origin);
  const controls = CONTROLS.filter((control) => chosen.includes(control.id)).map(
    (control): ControlSettings => ({
      control,
      metricName: config.metricNames[control.id] ?? control.metricName,
      alarm: alarmSettings(config, control.id, origin),
    }),
  );
  return {
    source,
    patternSet: config.patternSet,
    metricNamespace: config.metricNamespace,
    controls,
    notifications: notifications(config, controls, origin),
    alertDetails: config.alertDetails,
    deliveryAlarm: deliveryAlarm(config, origin),
    retainOnDelete: config.retainOnDelete,
  };
}

/** 1-2. A new trail (and where its bucket's access logs go), or an existing trail's log group. */
function eventSource(config: ValidConfig, origin: SettingsOrigin): MonitoringSettings["source"] {
  if (config.createTrail && config.existingLogGroupName !== undefined) {
    throw new SettingsError(
      origin,
      ["existingLogGroupName"],
      "is set while createTrail is true",
      "either createTrail: true (a new trail), or createTrail: false with existingLogGroupName (an existing trail's log group), not both",
    );
  }
  if (config.organizationTrail && !config.createTrail) {
    throw new SettingsError(
      origin,
      ["organizationTrail"],
      "is true while createTrail is false, so there is no new trail to make an organization trail",
      "createTrail: true for a new organization trail; for an existing one (such as a Control Tower landing zone's), createTrail: false with existingLogGroupName set to the log group it delivers to (aws-controltower/CloudTrailLogs), without organizationTrail",
    );
  }
  if (config.organizationId !== undefined && !config.organizationTrail) {
    throw new SettingsError(
      origin,
      ["organizationId"],
      `"${config.organizationId}" is set while organizationTrail is false`,
      "organizationTrail: true for an organization trail of that organization, or no organizationId",
    );
  }
  if (!config.createTrail && config.existingLogGroupName === undefined) {
    throw new SettingsError(
      origin,
      ["existingLogGroupName"],
      "is missing while createTrail is false",
      "the name of the log group your existing trail delivers to, or createTrail: true",
    );
  }
  const accessLogBucket = config.accessLogBucketName;
  if (accessLogBucket !== undefined && !config.createTrail) {
    throw new SettingsError(
      origin,
      ["accessLogBucketName"],
      `${typeof accessLogBucket === "string" ? `"${accessLogBucket}" ` : ""}is set while createTrail is false, so there is no trail bucket to log access to`,
      "a bucket for the access logs of the trail bucket this stack creates, only with createTrail: true",
    );
  }
  if (!config.createTrail) return { kind: "existing-log-group", logGroupName: config.existingLogGroupName! };
  return {
    kind: "new-trail",
    ...(config.organizationTrail ? { organization: { id: config.organizationId } } : {}),
    logRetentionDays: config.logRetentionDays,
    accessLogs:
      accessLogBucket === undefined
        ? { kind: "new-bucket" }
        : { kind: "existing-bucket", bucketName: whenKnown(accessLogBucket, notOwnTrailBucket(origin)) },
  };
}

/** The access logs cannot go to a trail bucket this monitoring creates: it is encrypted with a KMS key. */
function notOwnTrailBucket(origin: SettingsOrigin): (bucket: string) => void {
  return (bucket) => {
    if (bucket.startsWith(origin.trailBucketPrefix) && /-trail-bucket-[0-9a-f]{7}$/.test(bucket)) {
      throw new SettingsError(
        origin,
        ["accessLogBucketName"],
        `"${bucket}" is a trail bucket of this project, encrypted with a KMS key, and S3 delivers no access logs to such a bucket`,
        "another bucket, encrypted with S3-managed keys (SSE-S3), or no value for a dedicated log bucket",
      );
    }
  };
}

/** Runs `check` on a value now if it is known, else once it is known; returns the value, checked. */
export function whenKnown(value: pulumi.Input<string>, check: (value: string) => void): pulumi.Input<string> {
  if (typeof value === "string") {
    check(value);
    return value;
  }
  return pulumi.output(value).apply((known) => {
    check(known);
    return known;
  });
}

/** The ids `controls` lists, with `cis` standing for the fifteen CIS controls. */
function chosenControls(listed: readonly string[]): string[] {
  return listed.flatMap((id) => (id === CIS_CHOICE ? CIS_CONTROLS.map((c) => c.id) : [id]));
}

/** The delivery alarm's window, unless it is off; a window without the alarm is a mistake to say. */
function deliveryAlarm(config: ValidConfig, origin: SettingsOrigin): MonitoringSettings["deliveryAlarm"] {
  const minutes = config.deliveryAlarmMinutes;
  if (!config.deliveryAlarm && minutes !== undefined) {
    throw new SettingsError(
      origin,
      ["deliveryAlarmMinutes"],
      `${minutes} is set while deliveryAlarm is false, so no alarm uses it`,
      "deliveryAlarm: true for the delivery alarm with this window, or no deliveryAlarmMinutes",
    );
  }
  return config.deliveryAlarm ? { minutes: minutes ?? DELIVERY_ALARM_MINUTES.default } : undefined;
}

/** Metric names and alarm overrides name only controls that `controls` chooses. */
function checkOverridesAreChosen(
  config: ValidConfig,
  chosen: readonly string[],
  origin: SettingsOrigin,
): void {
  for (const setting of ["metricNames", "alarmOverrides"] as const) {
    for (const id of Object.keys(config[setting])) {
      if (!chosen.includes(id)) {
        throw new SettingsError(
          origin,
          [setting, id],
          `is set for control ${id}, which controls does not choose`,
          `an override for one of the chosen controls (${chosen.join(", ")}); add ${id} to controls or remove the override`,
        );
      }
    }
  }
}

/** One control's alarm: `alarm`, changed by that control's overrides; all datapoints by default. */
function alarmSettings(config: ValidConfig, id: string, origin: SettingsOrigin): AlarmSettings {
  const override = config.alarmOverrides[id] ?? {};
  const merged = { ...config.alarm, ...override };
  // The setting to name: the control's own where it sets the setting at fault.
  const where = (name: keyof PartialAlarm) =>
    override[name] !== undefined ? ["alarmOverrides", id, name] : ["alarm", name];
  const { periodSeconds, evaluationPeriods } = merged;
  const longest =
    periodSeconds < LONGEST_EVALUATION.longPeriodFrom
      ? LONGEST_EVALUATION.shortPeriods
      : LONGEST_EVALUATION.longPeriods;
  if (periodSeconds * evaluationPeriods > longest) {
    const changed = override.evaluationPeriods === undefined && override.periodSeconds !== undefined;
    throw new SettingsError(
      origin,
      where(changed ? "periodSeconds" : "evaluationPeriods"),
      `${evaluationPeriods} periods of ${periodSeconds} s is ${periodSeconds * evaluationPeriods} s, more than CloudWatch evaluates for control ${id}`,
      `periodSeconds × evaluationPeriods at most ${LONGEST_EVALUATION.shortPeriods} (one day) for periods under ${LONGEST_EVALUATION.longPeriodFrom} s, or ${LONGEST_EVALUATION.longPeriods} (seven days) for longer ones`,
    );
  }
  const datapointsToAlarm = merged.datapointsToAlarm ?? evaluationPeriods;
  if (datapointsToAlarm > evaluationPeriods) {
    throw new SettingsError(
      origin,
      where("datapointsToAlarm"),
      `${datapointsToAlarm} is more than the evaluationPeriods of control ${id} (${evaluationPeriods})`,
      "an integer from 1 to evaluationPeriods",
    );
  }
  return { ...merged, datapointsToAlarm };
}

/** 5-6. The topic and the people on it: a new topic must have someone to tell. */
function notifications(
  config: ValidConfig,
  controls: readonly ControlSettings[],
  origin: SettingsOrigin,
): MonitoringSettings["notifications"] {
  if (
    config.existingTopicArn === undefined &&
    config.alertEmails.length === 0 &&
    (config.deliveryAlarm || controls.some((c) => c.alarm.actionsEnabled))
  ) {
    throw new SettingsError(
      origin,
      ["alertEmails"],
      "is empty, so the new alarm topic would notify nobody",
      'at least one email address (["secops@example.com"]), or existingTopicArn for a topic that already has subscribers',
    );
  }
  return {
    topic:
      config.existingTopicArn === undefined
        ? { kind: "new-topic" }
        : { kind: "existing-topic", arn: config.existingTopicArn },
    emails: config.alertEmails,
    opsItemSeverity: config.opsItemSeverity,
  };
}
