/**
 * CIS monitoring of CloudTrail events, as one reusable component:
 * trail → log group → metric filter → metric → alarm → topic → people, one filter and alarm per control.
 */
import * as pulumi from "@pulumi/pulumi";
import { MonitoringSettings } from "./config/settings";
import { flowContext } from "./flow/context";
import { createTrail } from "./flow/1-trail";
import { createLogGroup } from "./flow/2-log-group";
import { createMetricFilter } from "./flow/3-metric-filter";
import { createAlarm } from "./flow/4-alarm";
import { alarmTopic } from "./flow/5-topic";
import { notifyPeople } from "./flow/6-people";
import { createDiagnosis } from "./flow/7-diagnosis";
import { createAlertDetails } from "./flow/8-alert-details";

export class CisMonitoring extends pulumi.ComponentResource {
  /** The trail, when this component created one. */
  readonly trailArn?: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly topicArn: pulumi.Output<string>;
  readonly alarmArns: Record<string, pulumi.Output<string>>;
  readonly dashboardName: pulumi.Output<string>;
  /** The role of the alarm details function, when there is one (to grant an existing topic's key to). */
  readonly alertDetailsRoleArn?: pulumi.Output<string>;

  constructor(name: string, args: MonitoringSettings, opts?: pulumi.ComponentResourceOptions) {
    super("cis-monitoring:index:CisMonitoring", name, {}, opts);
    const ctx = flowContext(name, this, args.retainOnDelete);

    // 1-2. Where the events come from: a new trail delivering to a new log group, or an existing group.
    let logGroupName: pulumi.Output<string>;
    if (args.source.kind === "new-trail") {
      const delivery = createLogGroup(ctx, args.source.logRetentionDays);
      this.trailArn = createTrail(ctx, delivery, args.source.accessLogs).arn;
      logGroupName = delivery.logGroup.name;
    } else {
      logGroupName = pulumi.output(args.source.logGroupName);
    }

    // 5-6. Who hears about it.
    const topic = alarmTopic(ctx, args.notifications.topic);
    const topicArn = topic.arn;
    const actions = notifyPeople(ctx, topicArn, args.notifications);

    // 3-4. For each control: filter → metric → alarm.
    const watched = args.controls.map((settings) => {
      const { control } = settings;
      const metric = createMetricFilter(ctx, control, logGroupName, {
        namespace: args.metricNamespace,
        name: settings.metricName,
        pattern: control.patterns[args.patternSet],
      });
      const alarm = createAlarm(ctx, control, metric, settings.alarm, actions);
      return { control, metric, alarm, alarmSettings: settings.alarm };
    });

    // 8. What happened, in the message (before 7, whose dashboard shows it too).
    const alertDetails = args.alertDetails
      ? createAlertDetails(ctx, watched, logGroupName, topic)
      : undefined;

    // 7. How to find who did what.
    const dashboard = createDiagnosis(ctx, watched, logGroupName, alertDetails);

    this.logGroupName = logGroupName;
    this.topicArn = topicArn;
    this.alarmArns = Object.fromEntries(watched.map(({ control, alarm }) => [control.id, alarm.arn]));
    this.dashboardName = dashboard.dashboardName;
    this.alertDetailsRoleArn = alertDetails?.roleArn;
    this.registerOutputs({
      trailArn: this.trailArn,
      logGroupName,
      topicArn,
      alarmArns: this.alarmArns,
      dashboardName: this.dashboardName,
      alertDetailsRoleArn: this.alertDetailsRoleArn,
    });
  }
}
