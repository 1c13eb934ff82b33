/**
 * An index of a stack's monitoring resources: by kind, by URN, and the links between them.
 * Built once per check from the resources @pulumi/policy hands to a stack policy.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Alarm, LogGroup, Metric, MetricFilter, Subscription, Topic, Trail } from "./model";
import { RawResource, READERS } from "./providers";
import { Field, snapshot, UNKNOWN } from "./read";

export * from "./model";
export { RawResource } from "./providers";
export { UNKNOWN, Unknown, Field } from "./read";

/** Where a trail delivers: the log group resources, and the group names, it may be. */
export interface LogGroupTarget {
  readonly urns: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  /** How messages name it. */
  readonly label: string;
  /** false while the log group is known only after deployment: any filter may be on it. */
  readonly known: boolean;
}

/** A link that holds for sure, or only may hold once unknown values are known. */
export type Link = "yes" | "maybe";

export class StackIndex {
  readonly trails: Trail[] = [];
  readonly filters: MetricFilter[] = [];
  readonly alarms: Alarm[] = [];
  readonly topics: Topic[] = [];
  readonly subscriptions: Subscription[] = [];
  private readonly logGroupByUrn = new Map<string, LogGroup>();
  private readonly topicByUrn = new Map<string, Topic>();

  constructor(resources: Iterable<RawResource>) {
    for (const resource of resources) {
      const reader = READERS[resource.type];
      if (!reader) continue;
      const node = reader.read(resource);
      switch (reader.kind) {
        case "trail":
          this.trails.push(node as Trail);
          break;
        case "logGroup":
          this.logGroupByUrn.set(node.urn, node as LogGroup);
          break;
        case "filter":
          this.filters.push(node as MetricFilter);
          break;
        case "alarm":
          this.alarms.push(node as Alarm);
          break;
        case "topic":
          this.topics.push(node as Topic);
          this.topicByUrn.set(node.urn, node as Topic);
          break;
        case "subscription":
          this.subscriptions.push(node as Subscription);
          break;
      }
    }
  }

  /** Indexes what @pulumi/policy passes a stack policy, reading only the resources that matter here. */
  static fromPolicyResources(resources: readonly PolicyResource[]): StackIndex {
    return new StackIndex(
      (function* () {
        for (const r of resources) {
          if (!READERS[r.type]) continue;
          yield {
            type: r.type,
            urn: r.urn,
            name: r.name,
            props: snapshot(r.props) as Record<string, unknown>,
            propertyDependencies: Object.fromEntries(
              Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
            ),
            dependencies: r.dependencies.map((d) => d.urn),
          };
        }
      })(),
    );
  }

  /** The log group a trail delivers to, or undefined when it delivers nowhere. */
  logGroupOf(trail: Trail): LogGroupTarget | undefined {
    const { urns, value } = trail.logGroup;
    const groups = urns
      .map((urn) => this.logGroupByUrn.get(urn))
      .filter((g): g is LogGroup => g !== undefined);
    const names = new Set<string>();
    const fromArn = typeof value === "string" ? /:log-group:([^:]+)/.exec(value)?.[1] : undefined;
    if (fromArn) names.add(fromArn);
    for (const g of groups) if (typeof g.groupName === "string") names.add(g.groupName);
    if (groups.length === 0 && names.size === 0) return value === UNKNOWN ? unknownTarget : undefined;
    const label =
      fromArn ?? groups.map((g) => (typeof g.groupName === "string" ? g.groupName : g.name)).join(", ");
    return { urns: new Set(groups.map((g) => g.urn)), names, label: `'${label}'`, known: true };
  }

  /** The metric filters on a log group, each with whether it is surely on it. */
  filtersOn(target: LogGroupTarget): { filter: MetricFilter; link: Link }[] {
    const found: { filter: MetricFilter; link: Link }[] = [];
    for (const filter of this.filters) {
      const { urns, value } = filter.logGroupName;
      if (!target.known) found.push({ filter, link: "maybe" });
      else if (
        urns.some((urn) => target.urns.has(urn)) ||
        (typeof value === "string" && target.names.has(value))
      ) {
        found.push({ filter, link: "yes" });
      } else if (value === UNKNOWN && urns.length === 0) {
        found.push({ filter, link: "maybe" });
      }
    }
    return found;
  }

  /** Alarms watching a metric, by namespace and name. */
  alarmsOn(metric: Metric): { alarm: Alarm; link: Link }[] {
    const found: { alarm: Alarm; link: Link }[] = [];
    for (const alarm of this.alarms) {
      if (alarm.metrics === UNKNOWN) {
        found.push({ alarm, link: "maybe" });
        continue;
      }
      const links = alarm.metrics.map((m) =>
        both(sameField(m.namespace, metric.namespace), sameField(m.name, metric.name)),
      );
      if (links.includes("yes")) found.push({ alarm, link: "yes" });
      else if (links.includes("maybe")) found.push({ alarm, link: "maybe" });
    }
    return found;
  }

  /** Alarms on a metric of this name in another namespace: the usual near miss. */
  alarmsInOtherNamespaces(metric: Metric): { alarm: Alarm; namespace: string }[] {
    return this.alarms.flatMap((alarm) =>
      alarm.metrics === UNKNOWN
        ? []
        : alarm.metrics
            .filter(
              (m) =>
                m.name === metric.name && typeof m.namespace === "string" && m.namespace !== metric.namespace,
            )
            .map((m) => ({ alarm, namespace: m.namespace as string })),
    );
  }

  /** The topics an alarm's actions point at in this stack, and the action ARNs that are not such topics. */
  actionTargets(alarm: Alarm): { topics: Topic[]; others: Field<string>[] } {
    const topics = new Map<string, Topic>();
    for (const urn of alarm.actions.urns) {
      const topic = this.topicByUrn.get(urn);
      if (topic) topics.set(topic.urn, topic);
    }
    const others: Field<string>[] = [];
    const values: readonly Field<string>[] =
      alarm.actions.values === UNKNOWN ? [UNKNOWN] : alarm.actions.values;
    for (const value of values) {
      const topic = typeof value === "string" ? this.topics.find((t) => t.arn === value) : undefined;
      if (topic) topics.set(topic.urn, topic);
      // An unknown ARN is accounted for when the action's resources include a topic.
      else if (value !== UNKNOWN || topics.size === 0) others.push(value);
    }
    return { topics: [...topics.values()], others };
  }

  /** How many subscriptions a topic has in this stack. */
  subscriptionCount(topic: Topic): number {
    const own = this.subscriptions.filter(
      (s) =>
        s.topic.urns.includes(topic.urn) || (typeof topic.arn === "string" && s.topic.value === topic.arn),
    );
    return own.length + topic.inlineSubscriptions;
  }
}

const unknownTarget: LogGroupTarget = {
  urns: new Set(),
  names: new Set(),
  label: "(a log group known after deployment)",
  known: false,
};

function both(a: Link | false, b: Link | false): Link | false {
  if (a === false || b === false) return false;
  return a === "yes" && b === "yes" ? "yes" : "maybe";
}

function sameField(a: Field<string>, b: Field<string>): Link | false {
  if (a === UNKNOWN || b === UNKNOWN) return "maybe";
  return a === b ? "yes" : false;
}
