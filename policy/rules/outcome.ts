/**
 * What checking the monitoring chain found, link by link. A chain is a sequence of links, and at
 * each link there may be alternatives (several filters on a log group, several alarms on a metric):
 * the chain holds through the best alternative, and fails only if every alternative fails.
 */
import { Alarm, AlarmMetric } from "../stack";

/**
 * ok: the links hold. maybe: they hold unless a value known only after deployment says otherwise,
 * or unless what this stack cannot show (a condition in a policy, a resource defined elsewhere) does.
 */
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
  /** What cannot be checked from this stack at all, each with what to check. */
  readonly unclear: readonly string[];
  /** The notes and alarms of the links that hold: see {@link collect}. */
  readonly found: Found;
  /** How close the pattern on this path comes to the control, from 0 to 1: ranks alternatives. */
  readonly closeness: number;
}

/**
 * What a chain that holds is made of. Results are shared by every chain through them (many trails
 * reach one log group, many filters one alarm), so each refers to its parts instead of copying them.
 */
export interface Found {
  readonly notes: readonly Note[];
  readonly alarms: readonly WatchingAlarm[];
  readonly parts: readonly Found[];
}

const RANK: Record<Status, number> = { ok: 2, maybe: 1, broken: 0 };

/** How many failing alternatives, or unknowns, a message describes before it counts the rest. */
const DESCRIBED = 3;

const NOTHING: Found = { notes: [], alarms: [], parts: [] };

const holds = (found: Partial<Pick<Found, "notes" | "alarms">>): Result => ({
  status: "ok",
  problems: [],
  unknowns: [],
  unclear: [],
  found: { notes: found.notes ?? [], alarms: found.alarms ?? [], parts: [] },
  closeness: 1,
});

/** A link that holds with nothing to note, shared: most links of most stacks are this one. */
const HOLDS = holds({});

export const ok = (found: Partial<Pick<Found, "notes" | "alarms">> = {}): Result =>
  (found.notes?.length ?? 0) + (found.alarms?.length ?? 0) === 0 ? HOLDS : holds(found);

export const maybe = (unknown: string): Result => ({ ...ok(), status: "maybe", unknowns: [unknown] });

export const unclear = (reason: string): Result => ({ ...ok(), status: "maybe", unclear: [reason] });

export const broken = (problem: string, closeness = 1): Result => ({
  ...ok(),
  status: "broken",
  problems: [problem],
  closeness,
});

/** Links that must all hold: every problem and unknown of every link counts. */
export function sequence(links: readonly Result[]): Result {
  if (links.every((l) => l === HOLDS)) return HOLDS;
  const status = links.reduce<Status>((worst, l) => (RANK[l.status] < RANK[worst] ? l.status : worst), "ok");
  return {
    status,
    problems: links.flatMap((l) => l.problems),
    unknowns: links.flatMap((l) => l.unknowns),
    unclear: links.flatMap((l) => l.unclear),
    found: status === "ok" ? { notes: [], alarms: [], parts: links.map((l) => l.found) } : NOTHING,
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
      unknowns: described([...new Set(chosen.flatMap((o) => o.unknowns))], "more"),
      unclear: described([...new Set(chosen.flatMap((o) => o.unclear))], "more"),
      found: best === "ok" ? { notes: [], alarms: [], parts: chosen.map((o) => o.found) } : NOTHING,
      closeness: 1,
    };
  }
  const ranked = [...chosen].sort((a, b) => b.closeness - a.closeness);
  return {
    ...ok(),
    status: "broken",
    problems: described(
      ranked.map((o) => o.problems),
      `more ${noun} fail likewise`,
    ).flat(),
    closeness: ranked[0]?.closeness ?? 0,
  };
}

/** The first few items, and a last one that counts the rest: "and 12 more ...". */
function described<T extends string | readonly string[]>(items: readonly T[], rest: string): T[] {
  if (items.length <= DESCRIBED) return [...items];
  const count = `and ${items.length - DESCRIBED} ${rest}`;
  return [...items.slice(0, DESCRIBED), (typeof items[0] === "string" ? count : [count]) as T];
}

/** The notes and the alarms (each once) of the chains that hold, visiting each shared part once. */
export function collect(roots: readonly Found[]): { notes: Note[]; alarms: WatchingAlarm[] } {
  const visited = new Set<Found>();
  const notes = new Map<string, Note>();
  const alarms = new Map<WatchingAlarm["alarm"], WatchingAlarm>();
  const stack = [...roots];
  for (let found = stack.pop(); found !== undefined; found = stack.pop()) {
    if (visited.has(found)) continue;
    visited.add(found);
    for (const note of found.notes) if (!notes.has(note.message)) notes.set(note.message, note);
    for (const watching of found.alarms)
      if (!alarms.has(watching.alarm)) alarms.set(watching.alarm, watching);
    for (const part of found.parts) stack.push(part);
  }
  return { notes: [...notes.values()], alarms: [...alarms.values()] };
}
