/**
 * The whole chain for one control, step by step as the program builds it (infra/flow/): 1 trail →
 * 2 log group → 3 metric filter, and the metric it publishes → 4 alarm → 5 topic → 6 people.
 * Each link is judged once per stack and shared by every trail that reaches it (many trails may
 * deliver to one log group, many filters publish one metric), so a check takes linear time.
 */
import { Control, shortReference } from "../catalog";
import {
  Alarm,
  AlarmMetric,
  colocated,
  Linked,
  LogGroupTarget,
  Metric,
  MetricFilter,
  metricPlaceKey,
  PublishedMetric,
  placeKey,
  placeLabel,
  StackIndex,
  Trail,
  UNKNOWN,
} from "../stack";
import { memo, Multimap } from "../stack/maps";
import { judgeAlarmOnMetric } from "./alarm";
import { compositesOf } from "./composite";
import { recordsControlEvents } from "./events";
import { judgeDelivery } from "./log-group";
import { judgePattern, list, LISTED, PatternJudgement } from "./metric-filter";
import {
  alternatives,
  broken,
  collect,
  Found,
  maybe,
  Note,
  ok,
  Result,
  sequence,
  WatchingAlarm,
} from "./outcome";
import { judgePeople, PeopleOptions } from "./people";
import { qualify, trailLabel } from "./trail";

export { WatchingAlarm } from "./outcome";

export interface ChainOptions extends PeopleOptions {
  /** Trails that need no monitoring, by Pulumi resource name or trail name. */
  readonly exemptTrailNames: readonly string[];
  /** Accept only the exact pattern string Security Hub checks for. */
  readonly requireSecurityHubPattern: boolean;
}

export const DEFAULT_CHAIN_OPTIONS: ChainOptions = {
  exemptTrailNames: [],
  allowTopicArnOnly: true,
  requireSecurityHubPattern: false,
};

export type Finding = Note;

export interface ControlVerdict {
  /** false when the stack has no trail to check (or only exempt ones). */
  readonly applies: boolean;
  /** Mandatory findings: the stack definitely lacks the control. */
  readonly violations: Finding[];
  /** Advisory findings: what cannot be checked before deployment, or what will be noisy. */
  readonly notes: Finding[];
  /** The alarms of the monitored trails. */
  readonly alarms: WatchingAlarm[];
}

/** The trails that need monitoring: all but those exempt, by Pulumi resource name or trail name. */
export function monitoredTrails(index: StackIndex, exemptTrailNames: readonly string[]): Trail[] {
  const exempt = new Set(exemptTrailNames);
  return index.trails.filter(
    (t) => !exempt.has(t.name) && !(typeof t.trailName === "string" && exempt.has(t.trailName)),
  );
}

export function checkControl(index: StackIndex, control: Control, options: ChainOptions): ControlVerdict {
  const trails = monitoredTrails(index, options.exemptTrailNames);
  if (trails.length === 0) return { applies: false, violations: [], notes: [], alarms: [] };

  const chain = new ChainCheck(index, control, options);
  const violations: Finding[] = [];
  const notes: Finding[] = [];
  const holding: Found[] = [];
  // Each region and account with a trail needs a monitored one: one trail does not watch another account.
  const byPlace = new Multimap<string, Trail>();
  for (const trail of trails) byPlace.add(placeKey(trail.where), trail);
  for (const group of byPlace.lists()) {
    const results = group.map((trail) => ({ trail, result: chain.trail(trail) }));
    const monitored = results.filter((r) => r.result.status === "ok");
    if (monitored.length > 0) {
      // Other trails there (data-event trails, say) may go unmonitored.
      holding.push(...monitored.map((r) => r.result.found));
      continue;
    }
    // While some trail may yet turn out monitored, nothing is certain enough to block a deployment.
    const uncertain = results.some((r) => r.result.status === "maybe");
    for (const { trail, result } of results) {
      const finding = { message: chain.message(trail, result), urn: trail.urn };
      (uncertain ? notes : violations).push(finding);
    }
  }
  const found = collect(holding);
  return { applies: true, violations, notes: [...found.notes, ...notes], alarms: found.alarms };
}

// A trail's own settings, the same for every control; a trail belongs to one stack index.
const qualified = new WeakMap<Trail, Result>();

// By allowTopicArnOnly, then by alarm: an alarm belongs to one stack index, so it keys the judgement alone.
const judgedPeople = { true: new WeakMap<Alarm, Result>(), false: new WeakMap<Alarm, Result>() };

class ChainCheck {
  private readonly byTarget = new Map<string, Result>();
  private readonly byFilter = new Map<MetricFilter, Result>();
  private readonly byMetric = new Map<string, Result | string>();
  private catchingFilters?: MetricFilter[];
  /** How messages cite the control: "CIS 3.1/4.1/5.1, Security Hub CloudWatch.2", or "beyond CIS". */
  private readonly cited: string;

  constructor(
    private readonly index: StackIndex,
    private readonly control: Control,
    private readonly options: ChainOptions,
  ) {
    this.cited = shortReference(control);
  }

  /** Step 1, the trail, and every step after it: every broken link is reported at once. */
  trail(trail: Trail): Result {
    const target = this.index.logGroupOf(trail);
    const settings = sequence([
      memo(qualified, trail, () => {
        const { lacks, unknown } = qualify(trail, target);
        return sequence([
          ...lacks.map((lack) => broken(`it ${lack}`)),
          ...unknown.map((key) => maybe(`its ${key} is known only after deployment`)),
        ]);
      }),
      // A trail that leaves out whole kinds of management events is told so above, for every control.
      trail.managementEvents === "all" ? recordsControlEvents(trail, this.control) : ok(),
    ]);
    if (target === undefined) return settings;
    return sequence([
      settings,
      target.known ? judgeDelivery(trail, target, this.index) : ok(),
      memo(this.byTarget, target.key, () => this.fromLogGroup(target)),
    ]);
  }

  message(trail: Trail, result: Result): string {
    const head = trailLabel(trail);
    if (result.status === "maybe") {
      const monitoring = `${head}: monitoring for ${this.control.catches} (${this.cited}) cannot be verified`;
      const later = result.unknowns.length > 0 ? `until deployment: ${result.unknowns.join("; ")}` : "";
      const here = result.unclear.length > 0 ? `from this stack: ${result.unclear.join("; ")}` : "";
      return `${monitoring} ${[later, here].filter(Boolean).join("; nor ")}.`;
    }
    const problems = result.problems;
    const intro = `${head} is not monitored for ${this.control.catches} (${this.cited})`;
    return problems.length === 1
      ? `${intro}: ${problems[0]}.`
      : `${intro}:${problems.map((p) => `\n- ${p}`).join("")}`;
  }

  // Steps 2 and 3: the metric filters on the trail's log group.
  private fromLogGroup(target: LogGroupTarget): Result {
    const filters = this.index.filtersOn(target);
    // Filters for other controls are no alternative: judge those that catch the control, or else
    // those that catch some of it (a pattern gone wrong) and those AWS would reject, which may have been meant to.
    const catching: Linked<MetricFilter>[] = [];
    const wrong: Linked<MetricFilter>[] = [];
    for (const filter of filters) {
      const fit = this.fit(filter.node);
      if (fit === "catches" || fit === "unknown") catching.push(filter);
      else if (fit === "partly" || fit === "unparsable") wrong.push(filter);
    }
    const considered = catching.length > 0 ? catching : wrong;
    if (considered.length === 0) {
      const add = `add an aws.cloudwatch.LogMetricFilter on it with the pattern ${this.pattern()}`;
      const others =
        filters.length === 0
          ? "no metric filter is on that log group"
          : `none of the ${filters.length} metric filters on that log group catches ${this.control.catches}`;
      return broken(
        [
          `it delivers to log group ${target.label}, but ${others} (${add})`,
          ...this.filtersAside(target),
        ].join("; "),
      );
    }
    const options = considered.map(({ node: filter, link }) => {
      const result = memo(this.byFilter, filter, () => this.fromFilter(filter));
      if (link === "yes" || result.status === "broken") return result;
      return sequence([
        result,
        maybe(
          `whether metric filter '${filter.name}' is on the trail's log group is known only after deployment`,
        ),
      ]);
    });
    const result = alternatives(options, "metric filters on that log group");
    if (result.status !== "broken" || catching.length > 0) return result;
    return { ...result, problems: [...result.problems, ...this.filtersAside(target)] };
  }

  /** Whether a filter's pattern catches the control, part of it, none of it, does not parse, or is unknown yet. */
  private fit(filter: MetricFilter): "catches" | "partly" | "none" | "unparsable" | "unknown" {
    if (filter.pattern === UNKNOWN) return "unknown";
    const judgement = this.judge(filter.pattern);
    if (!judgement.problem) return "catches";
    if (judgement.unparsable) return "unparsable";
    return judgement.closeness > 0 ? "partly" : "none";
  }

  /** A known pattern judged against the control; an absent one is judged as empty. */
  private judge(pattern: string | undefined): PatternJudgement {
    return judgePattern(pattern ?? "", this.control, this.options.requireSecurityHubPattern);
  }

  private fromFilter(filter: MetricFilter): Result {
    const links: Result[] = [];
    if (filter.pattern === UNKNOWN) {
      links.push(maybe(`the pattern of metric filter '${filter.name}' is computed at deployment`));
    } else {
      const judgement = this.judge(filter.pattern);
      if (judgement.problem) {
        links.push(
          broken(
            `metric filter '${filter.name}' ${judgement.problem}` +
              (judgement.problem.includes(this.pattern()) ? "" : ` (use the pattern ${this.pattern()})`),
            judgement.closeness,
          ),
        );
      } else {
        const notes =
          judgement.noise.length === 0
            ? []
            : [
                {
                  message:
                    `Metric filter '${filter.name}' catches every event of ${this.control.catches} (${this.cited}), and more: ` +
                    `${list(judgement.noise)}, which the control leaves out; its alarm will fire more often than needed.`,
                  urn: filter.urn,
                },
              ];
        links.push(ok({ notes }));
      }
    }
    if (filter.metrics === UNKNOWN) {
      links.push(maybe(`the metric of metric filter '${filter.name}' is computed at deployment`));
    } else {
      const metrics = filter.metrics.map((metric) =>
        sequence([publishedValue(filter, metric), this.fromMetric(filter, metric)]),
      );
      links.push(
        metrics.length === 0
          ? broken(`metric filter '${filter.name}' publishes no metric`)
          : alternatives(metrics, "metrics"),
      );
    }
    return sequence(links);
  }

  // Step 4: the alarms on the filter's metric, in the filter's region and account.
  private fromMetric(filter: MetricFilter, metric: PublishedMetric): Result {
    if (metric.namespace === UNKNOWN || metric.name === UNKNOWN) {
      return maybe(`the metric of metric filter '${filter.name}' is known only after deployment`);
    }
    // Judged once for every filter that publishes the metric there alike; only the filter's name differs.
    const key = JSON.stringify([metricPlaceKey(metric, filter.where), metric.dimensions, metric.unit]);
    const watched = memo(this.byMetric, key, () => this.watching(filter, metric));
    return typeof watched === "string" ? broken(`metric filter '${filter.name}' ${watched}`) : watched;
  }

  /** The alarms that watch a metric a filter publishes, or why none does, for a filter's name to lead. */
  private watching(filter: MetricFilter, metric: PublishedMetric): Result | string {
    const where = filter.where;
    const alarms = this.index.alarmsOn(metric, where);
    const shown = `${String(metric.namespace)}/${String(metric.name)}`;
    if (alarms.length === 0) {
      const nearly = this.index.alarmsNearly(metric, where).map(({ alarm, watched, differs }) => {
        if (differs === "place") {
          return `alarm '${alarm.name}' (${placeLabel(alarm.where)}) watches ${shown}, but the metric filter publishes it in ${placeLabel(where)}`;
        }
        const fix =
          differs === "namespace"
            ? `namespace to "${String(metric.namespace)}"`
            : `metricName to "${String(metric.name)}"`;
        return `alarm '${alarm.name}' watches ${String(watched.namespace)}/${String(watched.name)} instead: the ${differs} differs (set its ${fix})`;
      });
      const { alarm } = this.control;
      return (
        `publishes metric ${shown}, but no alarm watches it` +
        (nearly.length > 0 ? `; ${list(nearly)}` : "") +
        ` (add an aws.cloudwatch.MetricAlarm with namespace "${String(metric.namespace)}", metricName "${String(metric.name)}", ` +
        `statistic ${alarm.statistic}, threshold ${alarm.threshold}, comparisonOperator ${alarm.comparisonOperator}, ` +
        `period ${alarm.periodSeconds} and an SNS topic in alarmActions)`
      );
    }
    const options = alarms.map(({ node: alarm, link }) => {
      const people = this.people(alarm);
      // An alarm that notifies nobody fails whatever metric it turns out to watch.
      if (people.status === "broken") return people;
      const watched = watchedMetric(alarm, metric);
      const watching = ok({ alarms: [{ alarm, metric: watched ?? unknownMetric(metric) }] });
      const linked =
        link === "yes"
          ? watching
          : maybe(`the metric alarm '${alarm.name}' watches is known only after deployment`);
      // Its direction, dimensions and unit are judged where it surely watches the metric.
      const fires = watched ? judgeAlarmOnMetric(alarm, watched, filter, metric) : ok();
      return sequence([linked, fires, people]);
    });
    return alternatives(options, "alarms on that metric");
  }

  /**
   * Whether an alarm reaches people, through its own actions or a composite alarm: the same for
   * every control, so judged once per stack.
   */
  private people(alarm: Alarm): Result {
    const byAlarm = judgedPeople[`${this.options.allowTopicArnOnly}`];
    return memo(byAlarm, alarm, () => {
      const own = judgePeople(alarm, this.index, this.options);
      if (own.status === "ok") return own;
      const composites = compositesOf(alarm, this.index, (c) => judgePeople(c, this.index, this.options));
      return composites.length === 0 ? own : alternatives([own, ...composites], "alarms");
    });
  }

  /** The pattern to use in a fix: the one Security Hub checks, or the control's CIS text. */
  private pattern(): string {
    return this.control.patterns["security-hub"];
  }

  /**
   * Filters with the right pattern elsewhere: on another log group, or in another region or account.
   * Only said when no filter on the trail's log group has the right pattern.
   */
  private filtersAside(target: LogGroupTarget): string[] {
    const catching = this.catching();
    if (catching.length === 0) return [];
    const hints = catching.slice(0, LISTED).map((f) => {
      const group = this.index.logGroupLabel(f);
      return colocated(f.where, target.where) === false
        ? `metric filter '${f.name}' has the right pattern but is on log group ${group} in ${placeLabel(f.where)}; the trail delivers to ${target.label} in ${placeLabel(target.where)}`
        : `metric filter '${f.name}' has the right pattern but is on log group ${group}; the trail delivers to ${target.label}`;
    });
    return [list(hints, catching.length)];
  }

  /** Every filter of the stack whose pattern catches the control. */
  private catching(): MetricFilter[] {
    this.catchingFilters ??= this.index.filters.filter((f) => this.fit(f) === "catches");
    return this.catchingFilters;
  }
}

/** The metric of the alarm that is `metric`, where the alarm surely names it. */
function watchedMetric(alarm: Alarm, metric: Metric): AlarmMetric | undefined {
  const metrics = alarm.metrics === UNKNOWN ? [] : alarm.metrics;
  return metrics.find((m) => m.namespace === metric.namespace && m.name === metric.name);
}

/** An alarm's watched metric whose settings are not known yet. */
function unknownMetric(metric: Metric): AlarmMetric {
  return {
    namespace: metric.namespace,
    name: metric.name,
    statistic: UNKNOWN,
    period: UNKNOWN,
    dimensions: UNKNOWN,
    unit: UNKNOWN,
  };
}

/** Step 3: what each event the filter matches adds to its metric; it must be a positive number. */
function publishedValue(filter: MetricFilter, metric: PublishedMetric): Result {
  const { value } = metric;
  const of = `metric filter '${filter.name}'`;
  if (value === undefined) return ok();
  if (value === UNKNOWN) return maybe(`the value ${of} publishes is known only after deployment`);
  const fix = 'set its value to "1"';
  if (/^\$/.test(value.trim())) {
    const note = {
      message:
        `Metric filter '${filter.name}' publishes the value of ${value} from each event it matches: an event ` +
        `where it is not a positive number adds nothing to the metric, and its alarm does not fire on it (${fix} to count events).`,
      urn: filter.urn,
    };
    return ok({ notes: [note] });
  }
  const number = value.trim() === "" ? NaN : Number(value);
  if (Number.isNaN(number))
    return broken(`${of} publishes the value "${value}", which is not a number (${fix})`);
  if (number > 0) return ok();
  return broken(
    `${of} publishes the value ${value} for each event it matches, so its metric never rises and no alarm on it fires (${fix})`,
  );
}
