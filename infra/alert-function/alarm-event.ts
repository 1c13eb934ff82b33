/**
 * The "CloudWatch Alarm State Change" event EventBridge delivers, read for what the message needs:
 * which alarm, on which metric, when it went into ALARM, and which periods it evaluated.
 */
import { fieldsOf, itemsOf } from "../../lib/alert-message/json";

export interface AlarmTransition {
  readonly alarmName: string;
  readonly alarmArn?: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly namespace: string;
  readonly metricName: string;
  /** When the alarm went into ALARM. */
  readonly time: Date;
  /**
   * The datapoints the alarm evaluated (`state.reasonData`): from the start of the oldest to the end
   * of the newest, and their sum, which is the events the metric counted there.
   */
  readonly evaluated?: { readonly start: Date; readonly end: Date; readonly counted: number };
}

/** An event this function has nothing to say about, and why. */
export class NotAnAlarm extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "NotAnAlarm";
  }
}

export function readAlarmEvent(event: unknown): AlarmTransition {
  const e = fieldsOf(event);
  const detail = fieldsOf(e.detail);
  const state = fieldsOf(detail.state);
  if (e["detail-type"] !== "CloudWatch Alarm State Change") throw new NotAnAlarm("not an alarm state change");
  if (state.value !== "ALARM") throw new NotAnAlarm(`the alarm went into ${String(state.value)}, not ALARM`);
  const metric = fieldsOf(fieldsOf(itemsOf(fieldsOf(detail.configuration).metrics)[0]).metricStat);
  const { namespace, name } = fieldsOf(metric.metric);
  const alarmName = detail.alarmName;
  if (typeof alarmName !== "string" || typeof namespace !== "string" || typeof name !== "string") {
    throw new NotAnAlarm("an alarm without a name or a single metric");
  }
  const alarmArn = itemsOf(e.resources).find((r): r is string => typeof r === "string");
  const time = date(state.timestamp) ?? date(e.time) ?? new Date();
  return {
    alarmName,
    alarmArn,
    account: String(e.account),
    region: String(e.region),
    partition: alarmArn?.split(":")[1] ?? "aws",
    namespace,
    metricName: name,
    time,
    evaluated: evaluatedDatapoints(state.reasonData, Number(metric.period)),
  };
}

/**
 * The time to look the events up in: the datapoints the alarm evaluated, when the event says which,
 * else the alarm's evaluation periods ending when it went into ALARM. CloudWatch's periods start on
 * whole minutes before the transition, so the first is the exact window and the second may miss the
 * first seconds of it.
 */
export function evaluationWindow(
  alarm: AlarmTransition,
  alarmSettings: { readonly periodSeconds: number; readonly evaluationPeriods: number },
): { start: Date; end: Date; counted?: number } {
  if (alarm.evaluated !== undefined) return alarm.evaluated;
  const length = alarmSettings.periodSeconds * alarmSettings.evaluationPeriods * 1000;
  return { start: new Date(alarm.time.getTime() - length), end: alarm.time };
}

// reasonData: {"startDate": ..., "period": 300, "evaluatedDatapoints": [{"timestamp": ..., "value": 3.0}]}.
function evaluatedDatapoints(reasonData: unknown, metricPeriod: number): AlarmTransition["evaluated"] {
  if (typeof reasonData !== "string") return undefined;
  let reason: Record<string, unknown>;
  try {
    reason = fieldsOf(JSON.parse(reasonData));
  } catch {
    return undefined;
  }
  const period = Number(reason.period ?? metricPeriod);
  const points = itemsOf(reason.evaluatedDatapoints)
    .map(fieldsOf)
    .map((p) => ({ time: date(p.timestamp), value: typeof p.value === "number" ? p.value : 0 }))
    .filter((p): p is { time: Date; value: number } => p.time !== undefined);
  if (points.length === 0 || !(period > 0)) return undefined;
  const times = points.map((p) => p.time.getTime());
  return {
    start: new Date(Math.min(...times)),
    end: new Date(Math.max(...times) + period * 1000),
    counted: points.reduce((sum, p) => sum + p.value, 0),
  };
}

/** CloudWatch writes `2019-10-02T17:04:40.989+0000`; an offset needs its colon to be read everywhere. */
function date(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const time = new Date(value.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  return Number.isNaN(time.getTime()) ? undefined : time;
}
