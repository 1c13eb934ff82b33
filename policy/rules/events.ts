/**
 * Step 1, trail: does it record the events a control needs? A trail's event selectors may leave
 * out management events of a service (`excludeManagementEventSources`) or, with advanced selectors,
 * any events by source, name or read-only flag. The events a control needs are the catalog's: its
 * samples and the events built from its reference pattern, each a full CloudTrail record.
 */
import { CloudTrailRecord, Control } from "../catalog";
import {
  AdvancedEventSelector,
  BasicEventSelector,
  FieldOperator,
  FieldSelector,
  Trail,
  UNKNOWN,
} from "../stack";
import { memo } from "../stack/maps";
import { list } from "./metric-filter";
import { broken, maybe, ok, Result, unclear } from "./outcome";
import { all, any, Judgement } from "./permissions";
import { witnesses } from "./witnesses";

const YES: Judgement = { answer: "yes", reasons: [] };
const NO: Judgement = { answer: "no", reasons: [] };

interface NeededEvent {
  readonly description: string;
  readonly record: CloudTrailRecord;
}

const needed = new Map<string, readonly NeededEvent[]>();

/** The events the control exists to catch: its samples first, then those built from its pattern. */
function neededEvents(control: Control): readonly NeededEvent[] {
  return memo(needed, control.id, () => [...control.samples.mustMatch, ...witnesses(control).mustMatch]);
}

// By trail (a trail belongs to one stack index), then by control.
const judged = new WeakMap<Trail, Map<string, Result>>();

/** Whether the trail records every event the control needs; a trail without selectors records them all. */
export function recordsControlEvents(trail: Trail, control: Control): Result {
  const byControl = memo(judged, trail, () => new Map<string, Result>());
  return memo(byControl, control.id, () => judge(trail, control));
}

function judge(trail: Trail, control: Control): Result {
  const selectors = trail.eventSelectors;
  if (selectors === UNKNOWN) return maybe("its event selectors are known only after deployment");
  if (selectors.kind === "none") return ok();
  const missed = new Map<string, NeededEvent>();
  const leftOut = new Set<string>();
  const open: Judgement[] = [];
  for (const event of neededEvents(control)) {
    // What left this event out, which the fix names if no selector records it.
    const against = new Set<string>();
    const recorded =
      selectors.kind === "basic"
        ? any(selectors.selectors.map((s) => basicRecords(s, event.record, against)))
        : any(selectors.selectors.map((s, i) => advancedRecords(s, i, event.record, against)));
    // The same call, as a sample and as built from the pattern, is named once.
    const call = `${String(event.record.eventSource)} ${String(event.record.eventName)}`;
    if (recorded.answer === "no") {
      missed.set(call, missed.get(call) ?? event);
      against.forEach((reason) => leftOut.add(reason));
    } else if (recorded.answer !== "yes") open.push(recorded);
  }
  if (missed.size > 0) {
    const fix =
      selectors.kind === "basic"
        ? `its event selectors exclude ${[...leftOut].join(", ")} (remove it from excludeManagementEventSources)`
        : `its advanced event selectors leave them out: ${[...leftOut].join("; ")} (record every management event: a selector with eventCategory equals Management and no other condition)`;
    const events = list([...missed.values()].map((e) => e.description));
    return broken(`it leaves out events of ${control.catches}, ${events}: ${fix}`);
  }
  if (open.length === 0) return ok();
  const { answer, reasons } = all(open);
  const why = `whether it records every event of ${control.catches} depends on ${reasons.join("; ")}`;
  return answer === "pending" ? maybe(why) : unclear(why);
}

function basicRecords(
  selector: BasicEventSelector,
  record: CloudTrailRecord,
  leftOut: Set<string>,
): Judgement {
  const {
    includeManagementEvents: includes,
    readWriteType: rw,
    excludeManagementEventSources: excluded,
  } = selector;
  const readOnly = record.readOnly === true;
  const source = String(record.eventSource);
  const later = (what: string): Judgement => ({
    answer: "pending",
    reasons: [`its ${what}, computed at deployment`],
  });
  return all([
    includes === UNKNOWN ? later("includeManagementEvents") : includes === false ? NO : YES,
    rw === UNKNOWN
      ? later("readWriteType")
      : rw === undefined || rw === "All" || rw === (readOnly ? "ReadOnly" : "WriteOnly")
        ? YES
        : NO,
    excludes(excluded, source, leftOut),
  ]);
}

function excludes(
  excluded: BasicEventSelector["excludeManagementEventSources"],
  source: string,
  leftOut: Set<string>,
): Judgement {
  const later: Judgement = {
    answer: "pending",
    reasons: ["its excludeManagementEventSources, computed at deployment"],
  };
  if (excluded === UNKNOWN) return later;
  if (excluded.includes(source)) {
    leftOut.add(source);
    return NO;
  }
  return excluded.includes(UNKNOWN) ? later : YES;
}

function advancedRecords(
  selector: AdvancedEventSelector,
  index: number,
  record: CloudTrailRecord,
  leftOut: Set<string>,
): Judgement {
  const label = typeof selector.name === "string" ? `selector '${selector.name}'` : `selector ${index + 1}`;
  if (selector.fieldSelectors === UNKNOWN)
    return { answer: "pending", reasons: [`the conditions of ${label}, computed at deployment`] };
  const fields = selector.fieldSelectors;
  // Every advanced selector names its event category; one that does not records nothing.
  if (!fields.some((f) => f.field === "eventCategory")) return NO;
  return all(
    fields.map((f) => {
      const holds = fieldHolds(f, record, label);
      if (holds.answer === "no" && f.field !== "eventCategory") leftOut.add(`${label}: ${describe(f)}`);
      return holds;
    }),
  );
}

const TESTS: Readonly<Record<FieldOperator, (value: string, given: string) => boolean>> = {
  equals: (v, g) => v === g,
  notEquals: (v, g) => v !== g,
  startsWith: (v, g) => v.startsWith(g),
  notStartsWith: (v, g) => !v.startsWith(g),
  endsWith: (v, g) => v.endsWith(g),
  notEndsWith: (v, g) => !v.endsWith(g),
};

/** The positive operators hold when one value does; the negative ones when every value does. */
const NEGATIVE = new Set<FieldOperator>(["notEquals", "notStartsWith", "notEndsWith"]);

function fieldHolds(selector: FieldSelector, record: CloudTrailRecord, label: string): Judgement {
  const { field } = selector;
  if (field === UNKNOWN)
    return { answer: "pending", reasons: [`a field of ${label}, computed at deployment`] };
  const value = typeof field === "string" ? fieldValue(record, field) : undefined;
  if (value === undefined)
    return { answer: "unclear", reasons: [`${label}'s condition on ${String(field)}`] };
  return all(
    Object.entries(selector.operators).map(([operator, given]) => {
      const op = operator as FieldOperator;
      if (given === UNKNOWN || given.includes(UNKNOWN))
        return { answer: "pending", reasons: [`the ${op} values of ${label}, computed at deployment`] };
      const tests = (given as string[]).map((g) => (TESTS[op](value, g) ? YES : NO));
      return NEGATIVE.has(op) ? all(tests) : any(tests);
    }),
  );
}

/** A field of the record as advanced event selectors compare it: text, with readOnly as "true" or "false". */
function fieldValue(record: CloudTrailRecord, field: string): string | undefined {
  let value: unknown = record;
  for (const step of field.split(".")) value = (value as Record<string, unknown> | undefined)?.[step];
  return typeof value === "string" || typeof value === "boolean" ? String(value) : undefined;
}

function describe(selector: FieldSelector): string {
  return Object.entries(selector.operators)
    .map(
      ([op, values]) =>
        `${String(selector.field)} ${op} ${values === UNKNOWN ? "…" : values.map(String).join(", ")}`,
    )
    .join(", ");
}
