/**
 * What the program tells the alarm details function, and how: the trail's log group and the topic in
 * its environment, each control by its alarm's metric in `controls.json` beside its code (the
 * patterns are too long for the environment's 4 KB). Both sides read these names from here.
 */
import * as fs from "fs";
import * as path from "path";
import { AlertControl } from "../../lib/alert-message";

export const CONTROLS_FILE = "controls.json";

export const ENVIRONMENT = { logGroupName: "LOG_GROUP_NAME", topicArn: "TOPIC_ARN" } as const;

/** A control, by the metric its alarm watches. */
export interface MetricControl {
  readonly namespace: string;
  readonly metricName: string;
  readonly control: AlertControl;
}

export interface Setup {
  readonly logGroupName: string;
  readonly topicArn: string;
  readonly controls: readonly MetricControl[];
}

/** The setup from the function's environment and the controls' file in `dir`. */
export function readSetup(dir: string): Setup {
  return {
    logGroupName: required(ENVIRONMENT.logGroupName),
    topicArn: required(ENVIRONMENT.topicArn),
    controls: JSON.parse(fs.readFileSync(path.join(dir, CONTROLS_FILE), "utf8")),
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`the environment variable ${name} is not set`);
  return value;
}
