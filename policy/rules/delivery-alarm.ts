/**
 * Beside the chain: does anyone hear when a trail stops delivering? Every control's alarm is silent
 * while no events arrive, so each log group a trail delivers to needs an alarm on the events it
 * receives (AWS/Logs IncomingLogEvents by LogGroupName) that fires while they are few, counts a
 * period without data as breaching, and notifies people. Pure: the stack index in, findings out.
 */
import { DELIVERY_ALARM } from "../catalog";
import { Alarm, AlarmMetric, LogGroupTarget, StackIndex, Trail, UNKNOWN } from "../stack";
import { DOWNWARDS } from "./alarm";
import { monitoredTrails } from "./chain";
import { list } from "./metric-filter";
import { alternatives, broken, maybe, Note, ok, Result, sequence } from "./outcome";
import { judgePeople, PeopleOptions } from "./people";

export interface DeliveryOptions extends PeopleOptions {
  readonly exemptTrailNames: readonly string[];
}

export interface DeliveryVerdict {
  /** false when no monitored trail delivers to CloudWatch Logs. */
  readonly applies: boolean;
  readonly findings: Note[];
}

const SHOWN = `${DELIVERY_ALARM.namespace}/${DELIVERY_ALARM.metricName}`;

const FIX =
  `add an aws.cloudwatch.MetricAlarm with namespace "${DELIVERY_ALARM.namespace}", metricName "${DELIVERY_ALARM.metricName}", ` +
  `dimensions { ${DELIVERY_ALARM.dimension}: <the log group's name> }, statistic ${DELIVERY_ALARM.statistic}, ` +
  `comparisonOperator ${DELIVERY_ALARM.comparisonOperator}, threshold ${DELIVERY_ALARM.threshold}, period ${DELIVERY_ALARM.periodSeconds}, ` +
  `treatMissingData "${DELIVERY_ALARM.treatMissingData}" and an SNS topic in alarmActions; the CisMonitoring component creates it unless deliveryAlarm is false`;

export function checkDeliveryAlarms(index: StackIndex, options: DeliveryOptions): DeliveryVerdict {
  const byTarget = new Map<string, { target: LogGroupTarget; trails: Trail[] }>();
  for (const trail of monitoredTrails(index, options.exemptTrailNames)) {
    const target = index.logGroupOf(trail);
    // A trail that delivers nowhere is told so by every control's policy.
    if (target === undefined) continue;
    const entry = byTarget.get(target.key) ?? { target, trails: [] };
    entry.trails.push(trail);
    byTarget.set(target.key, entry);
  }
  const findings: Note[] = [];
  for (const { target, trails } of byTarget.values()) {
    const result = judgeLogGroup(index, target, options);
    if (result.status === "ok") continue;
    const head = `${trails.length === 1 ? "Trail" : "Trails"} ${trails.map((t) => `'${t.name}'`).join(", ")}`;
    const message =
      result.status === "broken"
        ? `${head}: no alarm tells anyone when log group ${target.label} stops receiving events, and then every control's alarm stays silent: ` +
          `${list([...result.problems])} (${FIX}).`
        : `${head}: an alarm on log group ${target.label} receiving no events cannot be verified until deployment: ${list([...result.unknowns, ...result.unclear])}.`;
    findings.push({ message, urn: trails[0].urn });
  }
  return { applies: byTarget.size > 0, findings };
}

function judgeLogGroup(index: StackIndex, target: LogGroupTarget, options: DeliveryOptions): Result {
  const metric = { namespace: DELIVERY_ALARM.namespace, name: DELIVERY_ALARM.metricName };
  const candidates = index.alarmsOn(metric, target.where);
  if (candidates.length === 0) return broken(`no alarm watches ${SHOWN}`);
  const judged = candidates.map(({ node: alarm, link }) =>
    sequence([
      link === "yes"
        ? ok()
        : maybe(`the metric alarm '${alarm.name}' watches is known only after deployment`),
      onLogGroup(alarm, target),
      firesWhenSilent(alarm),
      judgePeople(alarm, index, options),
    ]),
  );
  return alternatives(judged, `alarms on ${SHOWN}`);
}

/** The alarm's IncomingLogEvents metric is that of the trail's log group. */
function onLogGroup(alarm: Alarm, target: LogGroupTarget): Result {
  const watched: AlarmMetric | undefined =
    alarm.metrics === UNKNOWN
      ? undefined
      : alarm.metrics.find(
          (m) => m.namespace === DELIVERY_ALARM.namespace && m.name === DELIVERY_ALARM.metricName,
        );
  // A log group name computed at deployment is known by the resource it came from.
  const fromTarget = alarm.metricsFrom.some((urn) => target.urns.has(urn));
  const unknown = maybe(`the log group alarm '${alarm.name}' watches is known only after deployment`);
  if (watched === undefined || watched.dimensions === UNKNOWN) return fromTarget ? ok() : unknown;
  const group = watched.dimensions[DELIVERY_ALARM.dimension];
  if (group === undefined) {
    return broken(
      `alarm '${alarm.name}' watches ${SHOWN} of the whole account, which other log groups keep up (set dimensions { ${DELIVERY_ALARM.dimension}: <the log group's name> })`,
    );
  }
  if (group === UNKNOWN) return fromTarget ? ok() : unknown;
  if (target.names.has(group) || fromTarget) return ok();
  if (!target.known) return unknown;
  return broken(`alarm '${alarm.name}' watches ${SHOWN} of log group '${group}', not ${target.label}`);
}

/** The alarm is in ALARM while few or no events arrive, a period without any included. */
function firesWhenSilent(alarm: Alarm): Result {
  const who = `alarm '${alarm.name}'`;
  const links: Result[] = [];
  const missing = alarm.treatMissingData;
  if (missing === UNKNOWN) links.push(maybe(`the treatMissingData of ${who} is known only after deployment`));
  else if (missing !== DELIVERY_ALARM.treatMissingData)
    links.push(
      broken(
        `${who} treats a period without events as ${missing ?? "missing"}, yet CloudWatch Logs publishes nothing then, so it never fires when nothing arrives (set treatMissingData: "${DELIVERY_ALARM.treatMissingData}")`,
      ),
    );
  const op = alarm.comparisonOperator;
  const threshold = alarm.threshold;
  if (op === UNKNOWN || threshold === UNKNOWN)
    links.push(maybe(`the comparisonOperator and threshold of ${who} are known only after deployment`));
  else if (typeof op !== "string" || !DOWNWARDS.has(op))
    links.push(
      broken(
        `${who} compares ${op ?? "with no operator"}: it fires while events arrive, not when they stop (use ${DELIVERY_ALARM.comparisonOperator} with threshold ${DELIVERY_ALARM.threshold})`,
      ),
    );
  else if (
    typeof threshold === "number" &&
    (op === "LessThanOrEqualToThreshold" ? threshold < 0 : threshold <= 0)
  )
    links.push(
      broken(
        `${who} fires only below ${threshold} events, which never happens (use threshold ${DELIVERY_ALARM.threshold})`,
      ),
    );
  return sequence(links);
}
