/**
 * CIS AWS Foundations monitoring (a log metric filter and alarm per control), for the AWS account of this stack.
 * Everything this stack deploys is chosen in Pulumi.<stack>.yaml; see README.md for the keys.
 */
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "./config/read";
import { CisMonitoring } from "./monitoring";

// The stack config is the component's arguments, read and validated before anything is created.
const args = readStackConfig();

const monitoring = new CisMonitoring(`${pulumi.getProject()}-${pulumi.getStack()}`, args);

export const trailArn = monitoring.trailArn;
export const logGroupName = monitoring.logGroupName;
export const alarmTopicArn = monitoring.topicArn;
export const alarmArns = monitoring.alarmArns;
export const deliveryAlarmArn = monitoring.deliveryAlarmArn;
export const dashboardName = monitoring.dashboardName;
export const alertDetailsRoleArn = monitoring.alertDetailsRoleArn;
