/**
 * Exclusions that would quiet a noisy control: the principals or event names behind most of its
 * ALARM periods, each as the control's pattern AND'ed with a condition that leaves them out. Each is
 * checked with the pattern engine: on the replayed events (re-simulating the alarm), and on the
 * control's must-match samples, which it must still catch. They are proposals, never defaults: each
 * says what it gives up.
 */
import { Control } from "../../policy/catalog";
import {
  compileFilterPattern,
  EventValue,
  Expression,
  FilterPattern,
  printFilterPattern,
  Selector,
} from "../../policy/filter-pattern";
import { AlarmRule } from "../alarm/simulate";
import { Group } from "./contributors";
import { Principal } from "../count/principal";
import { Row } from "../count/tally";
import { Timeline, withoutMatches } from "../alarm/timeline";

export interface Proposal {
  /** What it leaves out: a principal or an event name. */
  readonly exclude: { readonly field: "principal" | "eventName"; readonly value: string };
  /** The control's pattern with the exclusion, as printed canonically. */
  readonly pattern: string;
  readonly notifications: { readonly before: number; readonly after: number };
  readonly alarmPeriods: { readonly before: number; readonly after: number };
  /** Replayed matching events the changed pattern no longer counts. */
  readonly eventsExcluded: number;
  readonly tradeOff: string;
  /** For a control that catches tampering with the monitoring: why this exclusion is dangerous. */
  readonly warning?: string;
}

/**
 * A noisy control notifies at least this often on average, and at least `NOISY_AT_LEAST` times:
 * one that notifies less is doing its job.
 */
const NOISY_PER_DAY = 1;
const NOISY_AT_LEAST = 3;
/**
 * A proposal must spare at least this share of the notifications; for a control that catches
 * tampering with the monitoring itself, the higher share.
 */
const WORTHWHILE = 0.1;
const WORTHWHILE_TAMPERING = 0.5;
/** Candidates tried per field, and proposals kept. */
const CANDIDATES = 3;
const KEPT = 3;

/** A control's matching events, as the report has already counted and grouped them. */
export interface Matches {
  readonly rows: readonly Row[];
  /** The rows grouped by principal and by event name, with the ALARM periods of the control's timeline. */
  readonly groups: Readonly<Record<"principal" | "eventName", readonly Group[]>>;
  /** The rows' events in all. */
  readonly matched: number;
}

export function proposeExclusions(
  control: Control,
  pattern: FilterPattern,
  { rows, groups, matched }: Matches,
  line: Timeline,
  rule: AlarmRule,
): Proposal[] {
  if (!noisy(line) || pattern.kind !== "json") return [];
  const proposals: Proposal[] = [];
  // Leaving out a whole event name of a tampering control would hide that tampering from everyone.
  const fields =
    control.tampering === undefined ? (["principal", "eventName"] as const) : (["principal"] as const);
  const worthwhile = control.tampering === undefined ? WORTHWHILE : WORTHWHILE_TAMPERING;
  for (const field of fields) {
    const candidates = groups[field]
      .filter((group) => group.inAlarm.size > 0)
      .sort((a, b) => b.inAlarm.size - a.inAlarm.size || b.events - a.events)
      .slice(0, CANDIDATES);
    for (const group of candidates) {
      const clause =
        field === "principal" ? principalExclusion(group.rows[0].principal) : eventNameExclusion(group);
      if (clause === undefined) continue;
      const changed: FilterPattern = { kind: "json", expression: and(pattern.expression, clause) };
      const engine = compileFilterPattern(changed);
      if (!control.samples.mustMatch.every((s) => engine.matches(s.record as EventValue))) continue;
      // One event of a principal and event name stands for all of them: the clause reads nothing else.
      const excluded = rows.filter((row) => !engine.matchesText(row.sample));
      const removed = new Map<number, number>();
      for (const row of excluded) {
        row.periods.forEachRun((period, n) => removed.set(period, (removed.get(period) ?? 0) + n));
      }
      const after = withoutMatches(line, removed, rule);
      if (after.entries.length > line.entries.length * (1 - worthwhile)) continue;
      const eventsExcluded = excluded.reduce((sum, row) => sum + row.periods.total(), 0);
      proposals.push({
        exclude: { field, value: group.value },
        pattern: printFilterPattern(changed),
        notifications: { before: line.entries.length, after: after.entries.length },
        alarmPeriods: { before: line.alarmPeriods, after: after.alarmPeriods },
        eventsExcluded,
        tradeOff: tradeOff(control, field, group, eventsExcluded, matched),
        ...(control.tampering === undefined
          ? {}
          : {
              warning:
                `this control catches tampering with the monitoring itself: ${control.tampering}. ` +
                `Whoever holds the credentials of ${group.value} could then do that unseen; rather change what ` +
                "makes these calls, or limit the exclusion to a role only that automation can assume",
            }),
      });
    }
  }
  return proposals
    .sort((a, b) => a.notifications.after - b.notifications.after || a.eventsExcluded - b.eventsExcluded)
    .slice(0, KEPT);
}

function noisy(line: Timeline): boolean {
  const days = Math.max(1, (line.periods * line.periodSeconds) / 86400);
  return line.entries.length >= Math.max(NOISY_AT_LEAST, NOISY_PER_DAY * days);
}

function tradeOff(
  control: Control,
  field: "principal" | "eventName",
  group: Group,
  excluded: number,
  matched: number,
): string {
  const share = `${excluded} of the ${matched} matching events replayed`;
  return field === "principal"
    ? `${control.catches} by ${group.value} would no longer raise the alarm (${share}): ` +
        `if its credentials were misused, this alarm would not tell`
    : `${group.value} calls would no longer raise the alarm, whoever makes them (${share})`;
}

const field = (...names: string[]): Selector => names.map((name) => ({ kind: "field", name }));

const differs = (selector: Selector, text: string): Expression => ({
  kind: "compare",
  selector,
  operator: "!=",
  value: { kind: "text", text },
});

/** `!=` does not match a missing field, so a field that may be absent also needs `NOT EXISTS`. */
const differsOrAbsent = (selector: Selector, text: string): Expression => ({
  kind: "or",
  operands: [differs(selector, text), { kind: "check", selector, check: "absent" }],
});

function principalExclusion({ type, arn, invokedBy }: Principal): Expression | undefined {
  if (type === "Root") return differs(field("userIdentity", "type"), "Root");
  if (arn !== undefined) return differsOrAbsent(field("userIdentity", "arn"), arn);
  if (invokedBy !== undefined) return differsOrAbsent(field("userIdentity", "invokedBy"), invokedBy);
  return type === undefined ? undefined : differs(field("userIdentity", "type"), type);
}

function eventNameExclusion(group: Group): Expression | undefined {
  const name = group.rows[0].eventName;
  return name === undefined ? undefined : differs(field("eventName"), name);
}

function and(expression: Expression, clause: Expression): Expression {
  return {
    kind: "and",
    operands: expression.kind === "and" ? [...expression.operands, clause] : [expression, clause],
  };
}
