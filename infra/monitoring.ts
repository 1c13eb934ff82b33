/**
 * CIS monitoring of CloudTrail events, as one reusable component:
 * trail → log group → metric filter → metric → alarm → topic → people, one filter and alarm per control.
 */
import * as pulumi from "@pulumi/pulumi";
import { CisMonitoringArgs } from "./config/args";
import { componentArgs } from "./config/error";
import { monitoringSettings } from "./config/validate";
import { flowContext } from "./flow/context";
import { createTrail } from "./flow/1-trail";
import { createLogGroup } from "./flow/2-log-group";
import { createMetricFilter } from "./flow/3-metric-filter";
import { createAlarm } from "./flow/4-alarm";
import { createDeliveryAlarm } from "./flow/4b-delivery-alarm";
import { alarmTopic } from "./flow/5-topic";
import { notifyPeople } from "./flow/6-people";
import { createDiagnosis } from "./flow/7-diagnosis";
import { createAlertDetails } from "./flow/8-alert-details";

/**
 * CIS AWS Foundations monitoring of an AWS account: a CloudTrail trail (or an existing trail's log
 * group), and for each CIS control a metric filter, an alarm and the people it notifies.
 */
export class CisMonitoring extends pulumi.ComponentResource {
  /** The ARN of the trail, when the component created one. */
  readonly trailArn?: pulumi.Output<string>;
  /** The log group the metric filters read. */
  readonly logGroupName: pulumi.Output<string>;
  /** The SNS topic the alarms notify. */
  readonly topicArn: pulumi.Output<string>;
  /** The ARN of each control's alarm, by control id. */
  readonly alarmArns: pulumi.Output<Record<string, string>>;
  /** The alarm on the trail's log group receiving no events, unless deliveryAlarm is false. */
  readonly deliveryAlarmArn?: pulumi.Output<string>;
  /** The CloudWatch dashboard of the controls' metrics and matching events. */
  readonly dashboardName: pulumi.Output<string>;
  /** The role of the alarm details function, when there is one (to grant an existing topic's key to). */
  readonly alertDetailsRoleArn?: pulumi.Output<string>;

  constructor(name: string, args: CisMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    // Bad arguments stop here, before anything is registered.
    const settings = monitoringSettings(args, componentArgs(name));
    super("cis-monitoring:index:CisMonitoring", name, {}, opts);
    const ctx = flowContext(name, this, settings.retainOnDelete);

    // 1-2. Where the events come from: a new trail delivering to a new log group, or an existing group.
    let logGroupName: pulumi.Output<string>;
    if (settings.source.kind === "new-trail") {
      const delivery = createLogGroup(ctx, settings.source.logRetentionDays);
      this.trailArn = createTrail(ctx, delivery, settings.source).arn;
      logGroupName = delivery.logGroup.name;
    } else {
      logGroupName = pulumi.output(settings.source.logGroupName);
    }

    // 5-6. Who hears about it.
    const topic = alarmTopic(ctx, settings.notifications.topic);
    const topicArn = topic.arn;
    const actions = notifyPeople(ctx, topicArn, settings.notifications);

    // 3-4. For each control: filter → metric → alarm.
    const watched = settings.controls.map(({ control, metricName, alarm: alarmSettings }) => {
      const metric = createMetricFilter(ctx, control, logGroupName, {
        namespace: settings.metricNamespace,
        name: metricName,
        pattern: control.patterns[settings.patternSet],
      });
      const alarm = createAlarm(ctx, control, metric, alarmSettings, actions);
      return { control, metric, alarm, alarmSettings };
    });

    // 4b. The log group itself: an alarm when no events arrive, which every alarm above takes for quiet.
    if (settings.deliveryAlarm) {
      this.deliveryAlarmArn = createDeliveryAlarm(
        ctx,
        logGroupName,
        settings.deliveryAlarm,
        actions,
        topicArn,
      ).arn;
    }

    // 8. What happened, in the message (before 7, whose dashboard shows it too).
    const alertDetails = settings.alertDetails
      ? createAlertDetails(ctx, watched, logGroupName, topic)
      : undefined;

    // 7. How to find who did what.
    const dashboard = createDiagnosis(ctx, watched, logGroupName, {
      deliveryAlarm: settings.deliveryAlarm,
      alertDetails,
    });

    this.logGroupName = logGroupName;
    this.topicArn = topicArn;
    this.alarmArns = pulumi.output(
      Object.fromEntries(watched.map(({ control, alarm }) => [control.id, alarm.arn])),
    );
    this.dashboardName = dashboard.dashboardName;
    this.alertDetailsRoleArn = alertDetails?.roleArn;
    this.registerOutputs({
      trailArn: this.trailArn,
      logGroupName,
      topicArn,
      alarmArns: this.alarmArns,
      deliveryAlarmArn: this.deliveryAlarmArn,
      dashboardName: this.dashboardName,
      alertDetailsRoleArn: this.alertDetailsRoleArn,
    });
  }
}
