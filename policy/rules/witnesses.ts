/**
 * Events built from a control's reference pattern, to judge any other filter by meaning rather
 * than text. For each disjunct of the pattern's disjunctive normal form: a witness, the smallest
 * change to an ordinary record that satisfies it (an event the control exists to catch), and for
 * each of its conditions a near miss that violates only that condition (an event the control
 * deliberately leaves out).
 */
import { CloudTrailRecord, Control } from "../catalog";
import { cloudTrailRecord } from "../catalog/record";
import { memo } from "../stack/maps";
import {
  compileFilterPattern,
  Condition,
  disjunctiveNormalForm,
  EventValue,
  parseFilterPattern,
  printFilterPattern,
  printSelector,
  Selector,
} from "../filter-pattern";

export interface BuiltEvent {
  /** The conditions that define it, as a pattern prints them. */
  readonly description: string;
  readonly record: CloudTrailRecord;
}

export interface Witnesses {
  readonly mustMatch: readonly BuiltEvent[];
  readonly nearMisses: readonly BuiltEvent[];
}

const built = new Map<string, Witnesses>();

/** The witnesses of a control's reference pattern: the one its `security-hub` set deploys. */
export function witnesses(control: Control): Witnesses {
  return memo(built, control.id, () => buildWitnesses(control.patterns["security-hub"], control.context));
}

export function buildWitnesses(reference: string, context: CloudTrailRecord): Witnesses {
  const pattern = parseFilterPattern(reference);
  if (pattern.kind !== "json") throw new Error(`reference pattern ${reference} is not a JSON pattern`);
  const matches = compileFilterPattern(pattern);
  const base = cloudTrailRecord({
    eventSource: "sts.amazonaws.com",
    eventName: "GetCallerIdentity",
    ...context,
  });
  const mustMatch: BuiltEvent[] = [];
  const nearMisses = new Map<string, BuiltEvent>();
  for (const disjunct of disjunctiveNormalForm(pattern.expression)) {
    const witness = satisfying(base, disjunct);
    if (!matches.matches(witness as EventValue)) {
      throw new Error(`cannot build an event for ${describe(disjunct)} of ${reference}`);
    }
    mustMatch.push({ description: describe(disjunct), record: witness });
    disjunct.forEach((violated, i) => {
      const record = satisfying(
        base,
        disjunct.filter((_, j) => j !== i),
      );
      apply(record, violated, false);
      // Another disjunct may still catch it: then it is no near miss.
      if (matches.matches(record as EventValue)) return;
      const rest = disjunct.filter((_, j) => j !== i);
      const description = `${negation(violated)}${rest.length > 0 ? ` (otherwise ${describe(rest)})` : ""}`;
      const key = JSON.stringify(record);
      if (!nearMisses.has(key)) nearMisses.set(key, { description, record });
    });
  }
  return { mustMatch, nearMisses: [...nearMisses.values()] };
}

function describe(conditions: readonly Condition[]): string {
  if (conditions.length === 0) return "any event";
  const expression =
    conditions.length === 1 ? conditions[0] : { kind: "and" as const, operands: [...conditions] };
  return printFilterPattern({ kind: "json", expression }).slice(2, -2);
}

/** The opposite of one condition, in pattern syntax where there is one. */
function negation(condition: Condition): string {
  if (condition.kind === "check") {
    const field = printSelector(condition.selector);
    return condition.check === "absent"
      ? `${field} exists`
      : `${field} IS NOT ${condition.check.toUpperCase()}`;
  }
  const opposite = { "=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const;
  return describe([{ ...condition, operator: opposite[condition.operator] }]);
}

function satisfying(base: CloudTrailRecord, conditions: readonly Condition[]): CloudTrailRecord {
  const record = structuredClone(base);
  for (const condition of conditions) apply(record, condition, true);
  return record;
}

/**
 * Changes `record` so that `condition` holds (or, with `holds` false, fails) for the field it tests,
 * leaving a field that already does as it is: ordinary values make better witnesses.
 */
function apply(record: CloudTrailRecord, condition: Condition, holds: boolean): void {
  if (compileFilterPattern({ kind: "json", expression: condition }).matches(record as EventValue) === holds)
    return;
  const path = fieldPath(condition.selector);
  if (condition.kind === "check") {
    const wanted = { null: null, true: true, false: false, absent: undefined }[condition.check];
    if (holds) setField(record, path, wanted);
    else setField(record, path, condition.check === "absent" ? "present" : "other");
    return;
  }
  const { operator, value } = condition;
  const equal = operator === "=" || operator === "<=" || operator === ">=";
  if (value.kind === "number") {
    const n = value.number;
    const inside = { "=": n, "!=": n + 1, "<": n - 1, "<=": n, ">": n + 1, ">=": n }[operator];
    const outside = { "=": n + 1, "!=": n, "<": n, "<=": n + 1, ">": n, ">=": n - 1 }[operator];
    setField(record, path, holds ? inside : outside);
    return;
  }
  if (value.kind === "regex")
    throw new Error(`cannot build an event for the regular expression %${value.source}%`);
  const matching = value.text === "*" ? "present" : value.text.replace(/^\*|\*$/g, "");
  if (equal === holds) setField(record, path, matching);
  else if (value.text === "*") setField(record, path, undefined);
  else setField(record, path, "other");
}

function fieldPath(selector: Selector): (string | number)[] {
  return selector.map((step) => {
    if (step.kind === "field") return step.name;
    if (step.kind === "index") return step.index;
    throw new Error(`cannot build an event for a selector with ${step.kind === "anyField" ? ".*" : "[*]"}`);
  });
}

/** Sets (or, with undefined, removes) the field at `path`, creating the objects and arrays on the way. */
function setField(record: CloudTrailRecord, path: (string | number)[], value: unknown): void {
  let node = record as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    const next = node[key];
    if (next === null || typeof next !== "object") {
      node[key] = typeof path[i + 1] === "number" ? [] : {};
    }
    node = node[key] as Record<string | number, unknown>;
  });
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}
