/**
 * The whole rule for one control: some trail in the stack qualifies and is monitored, link by
 * link: trail → log group → metric filter → metric → alarm → people. Pure: data in, verdict out.
 */
import { Control } from "../catalog";
import { Alarm, AlarmMetric, LogGroupTarget, Metric, MetricFilter, StackIndex, UNKNOWN } from "../stack";
import { judgePattern } from "./filter";
import { broken, ok, Outcome, unverifiable } from "./outcome";
import { judgePeople, PeopleOptions } from "./people";
import { qualify } from "./trail";

export interface ChainOptions extends PeopleOptions {
  /** Trails that need no monitoring, by Pulumi resource name or trail name. */
  readonly exemptTrailNames: readonly string[];
  /** Accept only the exact pattern string Security Hub CloudWatch.2 looks for. */
  readonly requireSecurityHubPattern: boolean;
}

export const DEFAULT_CHAIN_OPTIONS: ChainOptions = {
  exemptTrailNames: [],
  allowTopicArnOnly: true,
  requireSecurityHubPattern: false,
};

/** An alarm that completes the chain, with the metric through which it does. */
export interface WatchingAlarm {
  readonly alarm: Alarm;
  readonly metric: AlarmMetric;
}

export interface Finding {
  readonly message: string;
  readonly urn?: string;
}

export interface ControlVerdict {
  /** Mandatory findings: the stack definitely lacks the control. */
  readonly violations: Finding[];
  /** Advisory findings: what cannot be checked before deployment, or should be checked by hand. */
  readonly notes: Finding[];
  /** The alarms of the monitored trails. */
  readonly alarms: WatchingAlarm[];
}

export function checkControl(index: StackIndex, control: Control, options: ChainOptions): ControlVerdict {
  const exempt = new Set(options.exemptTrailNames);
  const trails = index.trails.filter(
    (t) => !exempt.has(t.name) && !(typeof t.trailName === "string" && exempt.has(t.trailName)),
  );
  const verdict: ControlVerdict = { violations: [], notes: [], alarms: [] };
  if (trails.length === 0) return verdict;

  const checked = trails.map((trail) => {
    const target = index.logGroupOf(trail);
    return { trail, target, qualification: qualify(trail, target) };
  });
  // A trail without lacks delivers somewhere: qualify() counts delivering nowhere as a lack.
  const candidates = checked.filter(
    (c): c is (typeof checked)[number] & { target: LogGroupTarget } =>
      c.qualification.lacks.length === 0 && c.target !== undefined,
  );
  if (candidates.length === 0) {
    const list = checked.map(
      ({ trail, qualification }) => `\n- trail '${trail.name}' ${qualification.lacks.join("; ")}`,
    );
    verdict.violations.push({
      message:
        `No trail in this stack can be monitored for ${control.catches}: a trail must be multi-region, ` +
        `logging, include global service events, record all management events and deliver to CloudWatch Logs.${list.join("")}`,
    });
    return verdict;
  }

  const outcomes = candidates.map(({ trail, target, qualification }) => {
    const outcome = checkChain(index, control, options, target);
    if (outcome.status === "ok" && qualification.unknown.length > 0) {
      return {
        trail,
        outcome: unverifiable(
          `its ${qualification.unknown.join(", ")} ${qualification.unknown.length === 1 ? "is" : "are"} known only after deployment`,
        ),
      };
    }
    return { trail, outcome };
  });
  const monitored = outcomes.filter((o) => o.outcome.status === "ok");
  if (monitored.length > 0) {
    for (const { trail, outcome } of monitored) {
      if (outcome.status !== "ok") continue;
      verdict.alarms.push(...outcome.value);
      verdict.notes.push(...outcome.notes.map((message) => ({ message, urn: trail.urn })));
    }
    return verdict;
  }
  // While some trail may yet turn out monitored, nothing is certain enough to block a deployment.
  const uncertain = outcomes.some((o) => o.outcome.status === "unverifiable");
  for (const { trail, outcome } of outcomes) {
    if (outcome.status === "ok") continue;
    if (outcome.status === "unverifiable") {
      verdict.notes.push({
        message: `Trail '${trail.name}': monitoring for ${control.catches} cannot be verified until deployment: ${outcome.reason}.`,
        urn: trail.urn,
      });
    } else {
      const finding = {
        message: `Trail '${trail.name}' is not monitored for ${control.catches}: ${outcome.reason}.`,
        urn: trail.urn,
      };
      (uncertain ? verdict.notes : verdict.violations).push(finding);
    }
  }
  return verdict;
}

function checkChain(
  index: StackIndex,
  control: Control,
  options: ChainOptions,
  logGroup: LogGroupTarget,
): Outcome<WatchingAlarm[]> {
  const uncertain: string[] = [];
  const stuck = (reason: string) =>
    uncertain.length > 0 ? unverifiable(uncertain.join("; ")) : broken(reason);

  // Log group → metric filter.
  const filters = index.filtersOn(logGroup);
  const catching: MetricFilter[] = [];
  const rejected: string[] = [];
  for (const { filter, link } of filters) {
    if (filter.pattern === UNKNOWN) {
      uncertain.push(`the pattern of metric filter '${filter.name}' is computed at deployment`);
      continue;
    }
    const problem = judgePattern(filter.pattern ?? "", control, options.requireSecurityHubPattern);
    if (link === "maybe") {
      if (!problem)
        uncertain.push(
          `whether metric filter '${filter.name}' is on the trail's log group is known only after deployment`,
        );
    } else if (problem) {
      rejected.push(`metric filter '${filter.name}' ${problem}`);
    } else {
      catching.push(filter);
    }
  }
  const addFilter = `add an aws.cloudwatch.LogMetricFilter on it with the pattern ${control.patterns["security-hub"]}`;
  if (catching.length === 0) {
    return stuck(
      rejected.length === 0
        ? `it delivers to log group ${logGroup.label}, but no metric filter is on that log group (${addFilter})`
        : `it delivers to log group ${logGroup.label}, but no metric filter there catches ${control.catches}: ` +
            `${rejected.join("; ")} (use the pattern ${control.patterns["security-hub"]})`,
    );
  }

  // Metric filter → metric → alarm.
  const watching: WatchingAlarm[] = [];
  const unwatched: string[] = [];
  for (const filter of catching) {
    if (filter.metrics === UNKNOWN) {
      uncertain.push(`the metric of metric filter '${filter.name}' is computed at deployment`);
      continue;
    }
    for (const metric of filter.metrics) {
      if (metric.namespace === UNKNOWN || metric.name === UNKNOWN) {
        uncertain.push(`the metric of metric filter '${filter.name}' is known only after deployment`);
        continue;
      }
      const alarms = index.alarmsOn(metric);
      for (const { alarm, link } of alarms) {
        if (link === "maybe")
          uncertain.push(`the metric alarm '${alarm.name}' watches is known only after deployment`);
        else watching.push({ alarm, metric: watchedMetric(alarm, metric) });
      }
      if (alarms.length === 0) unwatched.push(noAlarm(index, control, filter, metric));
    }
  }
  if (watching.length === 0) return stuck(unwatched.join("; "));

  // Alarm → people.
  const reached: WatchingAlarm[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  for (const w of watching) {
    const people = judgePeople(w.alarm, index, options);
    if (people.status === "ok") {
      reached.push(w);
      notes.push(...people.notes);
    } else if (people.status === "unverifiable") {
      uncertain.push(people.reason);
    } else {
      problems.push(people.reason);
    }
  }
  return reached.length > 0 ? ok(reached, notes) : stuck(problems.join("; "));
}

function watchedMetric(alarm: Alarm, metric: Metric): AlarmMetric {
  const metrics = alarm.metrics === UNKNOWN ? [] : alarm.metrics;
  return metrics.find((m) => m.namespace === metric.namespace && m.name === metric.name)!;
}

function noAlarm(index: StackIndex, control: Control, filter: MetricFilter, metric: Metric): string {
  const elsewhere = index
    .alarmsInOtherNamespaces(metric)
    .map(
      ({ alarm, namespace }) =>
        `; alarm '${alarm.name}' watches ${String(metric.name)} in namespace '${namespace}' instead, ` +
        `which this filter does not publish to (set its namespace to "${String(metric.namespace)}")`,
    );
  const { alarm } = control;
  return (
    `metric filter '${filter.name}' publishes metric ${String(metric.namespace)}/${String(metric.name)}, but no alarm watches it` +
    elsewhere.join("") +
    ` (add an aws.cloudwatch.MetricAlarm with namespace "${String(metric.namespace)}", metricName "${String(metric.name)}", ` +
    `statistic ${alarm.statistic}, threshold ${alarm.threshold}, comparisonOperator ${alarm.comparisonOperator}, ` +
    `period ${alarm.periodSeconds} and an SNS topic in alarmActions)`
  );
}
