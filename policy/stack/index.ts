/**
 * An index of a stack's monitoring resources and the links between them, built once per check.
 * Every lookup the rules make goes through a map (by URN, log group name, metric, topic ARN),
 * so checking a stack takes time in proportion to its size, whatever its shape.
 */
import { arnLocation, colocated, Location, placeKey } from "./location";
import { memo, Multimap } from "./maps";
import { KeyIndex } from "./keys";
import {
  Alarm,
  CompositeAlarm,
  LogGroup,
  Metric,
  MetricFilter,
  Notifier,
  Topic,
  Trail,
  TrailComponent,
} from "./model";
import { Field, UNKNOWN } from "./maybe-unknown";
import { RawResource } from "./raw-resource";
import { READERS, readByKind } from "./readers";
import { RoleIndex } from "./roles";

export * from "./model";
export { RawResource } from "./raw-resource";
export { UNKNOWN, Unknown, Field } from "./maybe-unknown";
export * from "./location";
export { KeyTarget } from "./keys";
export { Permissions, RoleTarget } from "./roles";

/** Where a trail delivers: the log group resources, and the group names, it may be. */
export interface LogGroupTarget {
  readonly urns: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  /** How messages name it. */
  readonly label: string;
  /** false while the log group is known only after deployment: any filter may be on it. */
  readonly known: boolean;
  readonly where: Location;
  /** The same for targets that are the same. */
  readonly key: string;
}

/** A link that holds for sure, or only may hold once unknown values are known. */
export type Link = "yes" | "maybe";

export interface Linked<T> {
  readonly node: T;
  readonly link: Link;
}

/** An alarm on nearly the metric: another namespace, other letter case, or another region or account. */
export interface NearMiss {
  readonly alarm: Alarm;
  readonly watched: Metric;
  readonly differs: "namespace" | "letter case" | "place";
}

export class StackIndex {
  readonly trails: readonly Trail[];
  /** Trails built inside a component the stack shows unexpanded. */
  readonly trailComponents: readonly TrailComponent[];
  readonly filters: MetricFilter[] = [];
  readonly compositeAlarms: readonly CompositeAlarm[];
  /** The KMS keys topics are encrypted with. */
  readonly keys: KeyIndex;
  /** The roles trails deliver to CloudWatch Logs with, and their policies. */
  readonly roles: RoleIndex;
  private readonly logGroupByUrn = new Map<string, LogGroup>();
  private readonly filtersByGroupUrn = new Multimap<string, MetricFilter>();
  private readonly filtersByGroupName = new Multimap<string, MetricFilter>();
  private readonly filtersOnUnknownGroup: MetricFilter[] = [];
  private readonly alarmsByMetric = new Multimap<string, Alarm>();
  private readonly alarmsByMetricName = new Multimap<string, Alarm>();
  private readonly alarmsByNamespace = new Multimap<string, Alarm>();
  private readonly alarmsOnAnyMetric: Alarm[] = [];
  private readonly alarmsByFoldedMetric = new Multimap<string, { alarm: Alarm; metric: Metric }>();
  private readonly topicByUrn = new Map<string, Topic>();
  private readonly topicByArn = new Map<string, Topic>();
  private readonly subscribedTopics = new Set<string>();
  private notifiersByName?: Multimap<string, Notifier>;
  private readonly alarms: readonly Alarm[];
  // What the rules ask of every control alike, answered once.
  private readonly targets = new Map<Trail, LogGroupTarget | undefined>();
  private readonly filtersByTarget = new Map<string, Linked<MetricFilter>[]>();
  private readonly alarmsByPlace = new Map<string, Linked<Alarm>[]>();

  constructor(resources: Iterable<RawResource>) {
    const ofKind = readByKind(resources, READERS);
    this.trails = ofKind("trail");
    this.trailComponents = ofKind("trailComponent");
    for (const group of ofKind("logGroup")) this.logGroupByUrn.set(group.urn, group);
    for (const filter of ofKind("filter")) this.addFilter(filter);
    this.alarms = ofKind("alarm");
    for (const alarm of this.alarms) this.addAlarm(alarm);
    this.compositeAlarms = ofKind("compositeAlarm");
    for (const topic of ofKind("topic")) this.addTopic(topic);
    for (const { topic } of ofKind("subscription")) {
      for (const urn of topic.urns) this.subscribedTopics.add(urn);
      if (typeof topic.value === "string") this.subscribedTopics.add(topic.value);
    }
    this.keys = new KeyIndex(ofKind("key"), ofKind("alias"));
    this.roles = new RoleIndex(
      ofKind("role"),
      ofKind("rolePolicy"),
      ofKind("policyAttachment"),
      ofKind("managedPolicy"),
    );
  }

  private addFilter(filter: MetricFilter): void {
    this.filters.push(filter);
    const { urns, value } = filter.logGroupName;
    // A name that came from a log group resource is that resource's: it is not matched by name.
    if (urns.length > 0) for (const urn of urns) this.filtersByGroupUrn.add(urn, filter);
    else if (typeof value === "string") this.filtersByGroupName.add(value, filter);
    else if (value === UNKNOWN) this.filtersOnUnknownGroup.push(filter);
  }

  private addAlarm(alarm: Alarm): void {
    if (alarm.metrics === UNKNOWN) {
      this.alarmsOnAnyMetric.push(alarm);
      return;
    }
    for (const m of alarm.metrics) {
      const { namespace, name } = m;
      if (typeof namespace === "string" && typeof name === "string") {
        this.alarmsByMetric.add(metricKey(namespace, name), alarm);
        this.alarmsByFoldedMetric.add(foldedName(name), { alarm, metric: m });
      } else if (typeof name === "string") this.alarmsByMetricName.add(name, alarm);
      else if (typeof namespace === "string") this.alarmsByNamespace.add(namespace, alarm);
      else this.alarmsOnAnyMetric.push(alarm);
    }
  }

  private addTopic(topic: Topic): void {
    this.topicByUrn.set(topic.urn, topic);
    if (typeof topic.arn === "string") this.topicByArn.set(topic.arn, topic);
  }

  /** The log group a trail delivers to, or undefined when it delivers nowhere. */
  logGroupOf(trail: Trail): LogGroupTarget | undefined {
    return memo(this.targets, trail, () => this.findLogGroup(trail));
  }

  private findLogGroup(trail: Trail): LogGroupTarget | undefined {
    const { urns, value } = trail.logGroup;
    const groups = urns
      .map((urn) => this.logGroupByUrn.get(urn))
      .filter((g): g is LogGroup => g !== undefined);
    const names = new Set<string>();
    const fromArn = typeof value === "string" ? /:log-group:([^:]+)/.exec(value)?.[1] : undefined;
    if (fromArn) names.add(fromArn);
    for (const g of groups) if (typeof g.groupName === "string") names.add(g.groupName);
    if (groups.length === 0 && names.size === 0) {
      return value === UNKNOWN
        ? { ...unknownTarget, where: trail.where, key: `unknown ${placeKey(trail.where)}` }
        : undefined;
    }
    const label =
      fromArn ?? groups.map((g) => (typeof g.groupName === "string" ? g.groupName : g.name)).join(", ");
    const resourceWhere = groups[0]?.where ?? trail.where;
    const where = typeof value === "string" && fromArn ? arnLocation(value, resourceWhere) : resourceWhere;
    const groupUrns = groups.map((g) => g.urn);
    const key = JSON.stringify([groupUrns.sort(), [...names].sort(), placeKey(where)]);
    return { urns: new Set(groupUrns), names, label: `'${label}'`, known: true, where, key };
  }

  /** The metric filters on a log group, each with whether it is surely on it. */
  filtersOn(target: LogGroupTarget): Linked<MetricFilter>[] {
    return memo(this.filtersByTarget, target.key, () => this.findFilters(target));
  }

  private findFilters(target: LogGroupTarget): Linked<MetricFilter>[] {
    if (!target.known) return this.filters.map((node) => ({ node, link: "maybe" }));
    const found = new Map<MetricFilter, Link>();
    const add = (filter: MetricFilter, link: Link | false) => {
      if (link !== false && found.get(filter) !== "yes") found.set(filter, link);
    };
    for (const urn of target.urns) {
      for (const filter of this.filtersByGroupUrn.get(urn))
        add(filter, colocated(filter.where, target.where));
    }
    for (const name of target.names) {
      for (const filter of this.filtersByGroupName.get(name))
        add(filter, colocated(filter.where, target.where));
    }
    for (const filter of this.filtersOnUnknownGroup)
      add(filter, colocated(filter.where, target.where) && "maybe");
    return [...found].map(([node, link]) => ({ node, link }));
  }

  /** How messages name the log group a filter is on: its name, and its resource when the name is not unique. */
  logGroupLabel(filter: MetricFilter): string {
    const group = filter.logGroupName.urns
      .map((urn) => this.logGroupByUrn.get(urn))
      .find((g) => g !== undefined);
    const { value } = filter.logGroupName;
    const name = typeof value === "string" ? `'${value}'` : "(a log group known after deployment)";
    return group && group.name !== value ? `${name} (resource '${group.name}')` : name;
  }

  /** Alarms on a metric published where `where` is, each with whether it surely watches it. */
  alarmsOn(metric: Metric, where: Location): Linked<Alarm>[] {
    return memo(this.alarmsByPlace, metricPlaceKey(metric, where), () => this.findAlarms(metric, where));
  }

  private findAlarms(metric: Metric, where: Location): Linked<Alarm>[] {
    const found = new Map<Alarm, Link>();
    const add = (alarms: Iterable<Alarm>, link: Link) => {
      for (const alarm of alarms) {
        const here = colocated(alarm.where, where);
        const linked: Link | false = here && (link === "yes" && here === "yes" ? "yes" : "maybe");
        if (linked !== false && found.get(alarm) !== "yes") found.set(alarm, linked);
      }
    };
    const { namespace, name } = metric;
    if (typeof namespace === "string" && typeof name === "string") {
      add(this.alarmsByMetric.get(metricKey(namespace, name)), "yes");
      add(this.alarmsByMetricName.get(name), "maybe");
      add(this.alarmsByNamespace.get(namespace), "maybe");
    } else {
      add(this.alarmsByMetric.all(), "maybe");
      add(this.alarmsByMetricName.all(), "maybe");
      add(this.alarmsByNamespace.all(), "maybe");
    }
    add(this.alarmsOnAnyMetric, "maybe");
    return [...found].map(([node, link]) => ({ node, link }));
  }

  /**
   * Alarms that would watch the metric but for a detail: its namespace, the letter case of its name,
   * or its region or account. For messages: the usual near misses.
   */
  alarmsNearly(metric: Metric, where: Location): NearMiss[] {
    if (typeof metric.namespace !== "string" || typeof metric.name !== "string") return [];
    const found: NearMiss[] = [];
    for (const { alarm, metric: watched } of this.alarmsByFoldedMetric.get(foldedName(metric.name))) {
      if (watched.name !== metric.name) found.push({ alarm, watched, differs: "letter case" });
      else if (watched.namespace !== metric.namespace) found.push({ alarm, watched, differs: "namespace" });
      else if (colocated(alarm.where, where) === false) found.push({ alarm, watched, differs: "place" });
    }
    return found;
  }

  /** The metric and composite alarms of the stack with this name or ARN. */
  notifiersNamed(nameOrArn: string): readonly Notifier[] {
    // Only composite alarms' rules name alarms: indexed when one is read.
    if (this.notifiersByName === undefined) {
      this.notifiersByName = new Multimap<string, Notifier>();
      for (const notifier of [...this.alarms, ...this.compositeAlarms]) {
        for (const id of [notifier.alarmName, notifier.arn])
          if (typeof id === "string") this.notifiersByName.add(id, notifier);
      }
    }
    return this.notifiersByName.get(nameOrArn);
  }

  /** The topics an alarm's actions point at in this stack, and the action ARNs that are not such topics. */
  actionTargets(alarm: Notifier): { topics: Topic[]; others: Field<string>[] } {
    const topics = new Map<string, Topic>();
    for (const urn of alarm.actions.urns) {
      const topic = this.topicByUrn.get(urn);
      if (topic) topics.set(topic.urn, topic);
    }
    const others: Field<string>[] = [];
    const values: readonly Field<string>[] =
      alarm.actions.values === UNKNOWN ? [UNKNOWN] : alarm.actions.values;
    for (const value of values) {
      const topic = typeof value === "string" ? this.topicByArn.get(value) : undefined;
      if (topic) topics.set(topic.urn, topic);
      // An unknown ARN is accounted for when the action's resources include a topic.
      else if (value !== UNKNOWN || topics.size === 0) others.push(value);
    }
    return { topics: [...topics.values()], others };
  }

  /** Whether a topic has a subscription in this stack. */
  isSubscribed(topic: Topic): boolean {
    return (
      topic.inlineSubscriptions > 0 ||
      this.subscribedTopics.has(topic.urn) ||
      (typeof topic.arn === "string" && this.subscribedTopics.has(topic.arn))
    );
  }
}

/** A string that is the same for the same metric published in the same place. */
export function metricPlaceKey(metric: Metric, where: Location): string {
  return JSON.stringify([String(metric.namespace), String(metric.name), placeKey(where)]);
}

const metricKey = (namespace: string, name: string) => `${namespace}\u0000${name}`;
const foldedName = (name: string) => name.toLowerCase();

const unknownTarget = {
  urns: new Set<string>(),
  names: new Set<string>(),
  label: "(a log group known after deployment)",
  known: false,
};
