/** Step 3: a metric filter that turns each matching log event into one count of the control's metric. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Control } from "../../policy/catalog";
import { FlowContext } from "./context";

export interface Metric {
  readonly namespace: string;
  readonly name: string;
  /** The pattern the filter counts events with. */
  readonly pattern: string;
  readonly filter: aws.cloudwatch.LogMetricFilter;
}

export function createMetricFilter(
  ctx: FlowContext,
  control: Control,
  logGroupName: pulumi.Input<string>,
  metric: { namespace: string; name: string; pattern: string },
): Metric {
  const filter = new aws.cloudwatch.LogMetricFilter(
    `${ctx.name}-${control.id}`,
    {
      logGroupName,
      pattern: metric.pattern,
      metricTransformation: {
        namespace: metric.namespace,
        name: metric.name,
        value: "1",
        // Publishing 0 when nothing matches keeps the alarm in OK instead of INSUFFICIENT_DATA.
        defaultValue: "0",
        unit: "Count",
      },
    },
    { parent: ctx.parent },
  );
  return { ...metric, filter };
}
