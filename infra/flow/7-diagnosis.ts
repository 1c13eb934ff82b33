/**
 * Step 7: diagnosis for whoever gets the email: a dashboard with each control's metric and the
 * recent matching events, and the same Logs Insights query saved for one-click use; with the
 * delivery alarm (step 4b), a row with the events the log group received; with alarm details
 * (step 8), a last row with the messages the function sent and why any were left out.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Control, DELIVERY_ALARM } from "../../policy/catalog";
import { AlarmSettings } from "../config/settings";
import { FlowContext } from "./context";
import { insightsQuery } from "./insights-filter";
import { Metric } from "./3-metric-filter";
import { AlertDetails } from "./8-alert-details";

/** A control the stack monitors: its metric, and its alarm's settings. */
type Watched = { control: Control; metric: Metric; alarmSettings: AlarmSettings };

export function createDiagnosis(
  ctx: FlowContext,
  watched: readonly Watched[],
  logGroupName: pulumi.Input<string>,
  { deliveryAlarm, alertDetails }: { deliveryAlarm?: { minutes: number }; alertDetails?: AlertDetails },
): aws.cloudwatch.Dashboard {
  const opts = { parent: ctx.parent };
  for (const { control, metric } of watched) {
    new aws.cloudwatch.QueryDefinition(
      `${ctx.name}-${control.id}`,
      {
        name: `CIS/${control.id}`,
        logGroupNames: [logGroupName],
        queryString: insightsQuery(metric.pattern),
      },
      opts,
    );
  }
  const widgets = pulumi
    .all([ctx.region, logGroupName, alertDetails?.functionName, alertDetails?.logGroupName])
    .apply(([region, group, functionName, functionLog]) => {
      const rows = controlRows(watched, region, group);
      if (deliveryAlarm !== undefined)
        rows.push(deliveryRow(watched.length * 6, region, group, deliveryAlarm.minutes));
      // Rows are 6 high: the controls' first, then the delivery alarm's, then the function's.
      const rowsSoFar = watched.length + (deliveryAlarm === undefined ? 0 : 1);
      return functionName === undefined || functionLog === undefined
        ? rows
        : [...rows, ...alertDetailsRow(rowsSoFar * 6, region, functionName, functionLog)];
    });
  return new aws.cloudwatch.Dashboard(
    `${ctx.name}-dashboard`,
    { dashboardName: ctx.name, dashboardBody: pulumi.jsonStringify({ widgets }) },
    opts,
  );
}

/** Each control's row: its metric, and the recent events its pattern matches in the trail's log group. */
function controlRows(watched: readonly Watched[], region: string, group: string): object[] {
  return watched.flatMap(({ control, metric, alarmSettings }, row) => [
    {
      type: "metric",
      x: 0,
      y: row * 6,
      width: 8,
      height: 6,
      properties: {
        title: control.title,
        region,
        stat: "Sum",
        period: alarmSettings.periodSeconds,
        view: "timeSeries",
        metrics: [[metric.namespace, metric.name]],
      },
    },
    {
      type: "log",
      x: 8,
      y: row * 6,
      width: 16,
      height: 6,
      properties: {
        title: `Recent events: ${control.title}`,
        region,
        view: "table",
        query: `SOURCE '${group}' | ${insightsQuery(metric.pattern).replace(/\n/g, " ")}`,
      },
    },
  ]);
}

/** The events the trail's log group received, per period of the delivery alarm, with the line it fires below. */
function deliveryRow(y: number, region: string, logGroupName: string, minutes: number): object {
  return {
    type: "metric",
    x: 0,
    y,
    width: 24,
    height: 6,
    properties: {
      title: `Log delivery: events the log group received per ${minutes} minutes (the delivery alarm fires at none)`,
      region,
      stat: DELIVERY_ALARM.statistic,
      period: minutes * 60,
      view: "timeSeries",
      metrics: [
        [DELIVERY_ALARM.namespace, DELIVERY_ALARM.metricName, DELIVERY_ALARM.dimension, logGroupName],
      ],
      annotations: { horizontal: [{ label: "delivery alarm", value: DELIVERY_ALARM.threshold }] },
    },
  };
}

/** The alarm details function: how often it ran and failed, and what each run did (its log's one line per run). */
function alertDetailsRow(y: number, region: string, functionName: string, logGroupName: string): object[] {
  return [
    {
      type: "metric",
      x: 0,
      y,
      width: 8,
      height: 6,
      properties: {
        title: "Alarm details: runs and errors",
        region,
        stat: "Sum",
        period: 300,
        view: "timeSeries",
        metrics: [
          ["AWS/Lambda", "Invocations", "FunctionName", functionName],
          ["AWS/Lambda", "Errors", "FunctionName", functionName],
        ],
      },
    },
    {
      type: "log",
      x: 8,
      y,
      width: 16,
      height: 6,
      properties: {
        title: "Alarm details: messages sent, and why any were not",
        region,
        view: "table",
        query: `SOURCE '${logGroupName}' | fields @timestamp, outcome, alarm, events, reason | filter ispresent(outcome) | sort @timestamp desc | limit 100`,
      },
    },
  ];
}
