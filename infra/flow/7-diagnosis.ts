/**
 * Step 7: diagnosis for whoever gets the email: a dashboard with each control's metric and the
 * recent matching events, and the same Logs Insights query saved for one-click use.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Control } from "../../policy/catalog";
import { AlarmSettings } from "../config/settings";
import { FlowContext } from "./context";
import { insightsQuery } from "./insights-filter";
import { Metric } from "./3-metric-filter";

export function createDiagnosis(
  ctx: FlowContext,
  watched: { control: Control; metric: Metric; alarmSettings: AlarmSettings }[],
  logGroupName: pulumi.Input<string>,
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
  const widgets = pulumi.all([ctx.region, logGroupName]).apply(([region, group]) =>
    watched.flatMap(({ control, metric, alarmSettings }, row) => [
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
    ]),
  );
  return new aws.cloudwatch.Dashboard(
    `${ctx.name}-dashboard`,
    { dashboardName: ctx.name, dashboardBody: pulumi.jsonStringify({ widgets }) },
    opts,
  );
}
