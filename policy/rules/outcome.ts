/**
 * What checking the monitoring chain found, link by link. A chain is a sequence of links, and at
 * each link there may be alternatives (several filters on a log group, several alarms on a metric):
 * the chain holds through the best alternative, and fails only if every alternative fails.
 */
import { Alarm, AlarmMetric } from "../stack";

/** ok: the links hold. maybe: they hold unless a value known only after deployment says otherwise. */
export type Status = "ok" | "maybe" | "broken";

/** An alarm that completes the chain, with the metric through which it does. */
export interface WatchingAlarm {
  readonly alarm: Alarm;
  readonly metric: AlarmMetric;
}

/** An advisory finding, attached to the resource it is about. */
export interface Note {
  readonly message: string;
  readonly urn?: string;
}

export interface Result {
  readonly status: Status;
  /** The links that do not hold, each with its fix. */
  readonly problems: readonly string[];
  /** What cannot be checked before deployment. */
  readonly unknowns: readonly string[];
  /** Advisory notes on the links that hold. */
  readonly notes: readonly Note[];
  readonly alarms: readonly WatchingAlarm[];
  /** How close the pattern on this path comes to the control, from 0 to 1: ranks alternatives. */
  readonly closeness: number;
}

const RANK: Record<Status, number> = { ok: 2, maybe: 1, broken: 0 };

/** How many failing alternatives a message describes before it counts the rest. */
const DESCRIBED = 3;

export const ok = (fields: Partial<Pick<Result, "notes" | "alarms">> = {}): Result => ({
  status: "ok",
  problems: [],
  unknowns: [],
  notes: fields.notes ?? [],
  alarms: fields.alarms ?? [],
  closeness: 1,
});

export const maybe = (unknown: string): Result => ({ ...ok(), status: "maybe", unknowns: [unknown] });

export const broken = (problem: string, closeness = 1): Result => ({
  ...ok(),
  status: "broken",
  problems: [problem],
  closeness,
});

/** Links that must all hold: every problem and unknown of every link counts. */
export function sequence(links: readonly Result[]): Result {
  const status = links.reduce<Status>((worst, l) => (RANK[l.status] < RANK[worst] ? l.status : worst), "ok");
  return {
    status,
    problems: links.flatMap((l) => l.problems),
    unknowns: links.flatMap((l) => l.unknowns),
    notes: status === "ok" ? links.flatMap((l) => l.notes) : [],
    alarms: status === "ok" ? links.flatMap((l) => l.alarms) : [],
    closeness: Math.min(1, ...links.map((l) => l.closeness)),
  };
}

/**
 * Alternatives of which one must hold: the best counts. When all fail, the closest ones are
 * described (`noun` names an alternative in the count of the rest: "metric filters").
 */
export function alternatives(options: readonly Result[], noun: string): Result {
  const best = options.reduce<Status>((b, o) => (RANK[o.status] > RANK[b] ? o.status : b), "broken");
  const chosen = options.filter((o) => o.status === best);
  if (best !== "broken") {
    return {
      status: best,
      problems: [],
      unknowns: chosen.flatMap((o) => o.unknowns),
      notes: chosen.flatMap((o) => o.notes),
      alarms: chosen.flatMap((o) => o.alarms),
      closeness: 1,
    };
  }
  const ranked = [...chosen].sort((a, b) => b.closeness - a.closeness);
  const rest = ranked.length - DESCRIBED;
  return {
    ...ok(),
    status: "broken",
    problems: [
      ...ranked.slice(0, DESCRIBED).flatMap((o) => o.problems),
      ...(rest > 0 ? [`and ${rest} more ${noun} fail likewise`] : []),
    ],
    closeness: ranked[0]?.closeness ?? 0,
  };
}
