/**
 * Step 6, people, through a composite alarm: a metric alarm without actions of its own still
 * reaches people when a composite alarm of the stack goes into ALARM with it and notifies them.
 * Its rule (`ALARM("name") OR (ALARM(arn) AND NOT OK(other))`, composites nested in composites) is
 * read here: the composite surely goes into ALARM with the metric alarm when the rule holds whatever
 * the other alarms' states; it usually does when it holds while they are OK.
 */
import { Alarm, CompositeAlarm, Notifier, StackIndex, UNKNOWN } from "../stack";
import { memo } from "../stack/maps";
import { maybe, ok, Result, sequence, unclear } from "./outcome";

type Rule =
  | { readonly kind: "state"; readonly state: "ALARM" | "OK" | "INSUFFICIENT_DATA"; readonly alarm: string }
  | { readonly kind: "constant"; readonly value: boolean }
  | { readonly kind: "not"; readonly operand: Rule }
  | { readonly kind: "and" | "or"; readonly operands: readonly Rule[] };

/** The composite alarms of the stack that may go into ALARM with `alarm`, each with what it depends on. */
export function compositesOf(alarm: Alarm, index: StackIndex, people: (n: Notifier) => Result): Result[] {
  const results: Result[] = [];
  for (const composite of index.compositeAlarms) {
    const via = through(composite, alarm, index, new Set());
    if (via === undefined) continue;
    const reaches = people(composite);
    const notes = [
      `Alarm '${alarm.name}' notifies people only through composite alarm '${composite.name}': Security Hub ` +
        "CloudWatch.1-14 look for an SNS topic in the metric alarm's own alarmActions, and fail it (add the topic there too to pass them).",
      ...(via.usually
        ? [`Composite alarm '${composite.name}' goes into ALARM with alarm '${alarm.name}' ${via.usually}.`]
        : []),
      ...(typeof composite.suppressor === "string"
        ? [
            `Composite alarm '${composite.name}' notifies nobody while its actions suppressor ${composite.suppressor} is in ALARM.`,
          ]
        : []),
    ].map((message) => ({ message, urn: alarm.urn }));
    const link = via.result ?? ok({ notes });
    results.push(sequence([link, reaches]));
  }
  return results;
}

interface Through {
  /** What the link depends on, when it is not sure. */
  readonly result?: Result;
  /** When it holds only while the rule's other alarms are OK: how to say so. */
  readonly usually?: string;
}

/** Whether `composite` goes into ALARM with `alarm`, directly or through composites in its rule; undefined when not at all. */
function through(
  composite: CompositeAlarm,
  alarm: Alarm,
  index: StackIndex,
  visiting: Set<CompositeAlarm>,
): Through | undefined {
  const { value, urns } = composite.rule;
  const name = `composite alarm '${composite.name}'`;
  if (value === UNKNOWN) {
    return urns.includes(alarm.urn)
      ? {
          result: maybe(
            `whether ${name} goes into ALARM with alarm '${alarm.name}' is known only after deployment: its rule is computed then`,
          ),
        }
      : undefined;
  }
  if (typeof value !== "string") return undefined;
  const rule = parsedRule(value);
  if (rule === undefined) {
    return mentions(value, alarm)
      ? {
          result: unclear(
            `the rule of ${name} (${value}) cannot be read here: check that it goes into ALARM with alarm '${alarm.name}'`,
          ),
        }
      : undefined;
  }
  visiting.add(composite);
  const states = new Map<string, Value>();
  const inAlarm = (id: string): Value =>
    memo(states, id, () => {
      const named = index.notifiersNamed(id);
      if (named.includes(alarm)) return true;
      for (const other of named) {
        if (!("rule" in other) || visiting.has(other as CompositeAlarm)) continue;
        const nested = through(other as CompositeAlarm, alarm, index, visiting);
        if (nested) return nested.result === undefined && nested.usually === undefined ? true : undefined;
      }
      return "other";
    });
  const named = references(rule, inAlarm);
  const sure = evaluate(rule, inAlarm, "any");
  const usual = evaluate(rule, inAlarm, "usual");
  visiting.delete(composite);
  if (!named) return undefined;
  if (sure === true) return {};
  // With the metric alarm in ALARM the composite surely is not: it is no way to people.
  if (sure === false) return undefined;
  if (usual === true)
    return { usually: `only while the other alarms of its rule are in their usual state (${value})` };
  return {
    result: unclear(
      `${name} goes into ALARM with alarm '${alarm.name}' only when other alarms of its rule leave their usual ` +
        `OK state (${value}): check that it notifies of a single event`,
    ),
  };
}

type Value = true | undefined | "other";

const parsed = new Map<string, Rule | undefined>();

function parsedRule(text: string): Rule | undefined {
  return memo(parsed, text, () => parse(text));
}

/** Whether the rule names `alarm` at all, by name or ARN. */
function references(rule: Rule, inAlarm: (id: string) => Value): boolean {
  switch (rule.kind) {
    case "state":
      return inAlarm(rule.alarm) !== "other";
    case "constant":
      return false;
    case "not":
      return references(rule.operand, inAlarm);
    default:
      return rule.operands.some((r) => references(r, inAlarm));
  }
}

function mentions(text: string, alarm: Alarm): boolean {
  return [alarm.alarmName, alarm.arn].some((id) => typeof id === "string" && text.includes(id));
}

/**
 * The rule's value with the metric alarm in ALARM, every other alarm in any state ("any": true or
 * false only if that state does not matter, undefined otherwise) or in its usual OK state.
 */
function evaluate(rule: Rule, inAlarm: (id: string) => Value, others: "any" | "usual"): boolean | undefined {
  switch (rule.kind) {
    case "constant":
      return rule.value;
    case "state": {
      const state = inAlarm(rule.alarm);
      if (state === true) return rule.state === "ALARM";
      if (state === undefined || others === "any") return undefined;
      return rule.state === "OK";
    }
    case "not": {
      const value = evaluate(rule.operand, inAlarm, others);
      return value === undefined ? undefined : !value;
    }
    case "and": {
      const values = rule.operands.map((r) => evaluate(r, inAlarm, others));
      return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
    }
    case "or": {
      const values = rule.operands.map((r) => evaluate(r, inAlarm, others));
      return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
    }
  }
}

/** A rule in CloudWatch's syntax; undefined for what this reader does not know (AT_LEAST, say). */
function parse(text: string): Rule | undefined {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|\(|\)|[^\s()"]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  /** Operands joined by `operator` (OR binds looser than AND), each read by `operand`. */
  const joined = (operator: "OR" | "AND", operand: () => Rule | undefined): Rule | undefined => {
    const operands = [operand()];
    while (peek() === operator) {
      at++;
      operands.push(operand());
    }
    if (operands.includes(undefined)) return undefined;
    const kind = operator === "OR" ? "or" : "and";
    return operands.length === 1 ? operands[0] : { kind, operands: operands as Rule[] };
  };
  const expression = (): Rule | undefined => joined("OR", () => joined("AND", unary));
  const unary = (): Rule | undefined => {
    const token = tokens[at++];
    if (token === "NOT") {
      const operand = unary();
      return operand && { kind: "not", operand };
    }
    if (token === "TRUE" || token === "FALSE") return { kind: "constant", value: token === "TRUE" };
    if (token === "(") {
      const inner = expression();
      return tokens[at++] === ")" ? inner : undefined;
    }
    if (token === "ALARM" || token === "OK" || token === "INSUFFICIENT_DATA") {
      if (tokens[at++] !== "(") return undefined;
      const id = tokens[at++];
      if (id === undefined || tokens[at++] !== ")") return undefined;
      const alarm = id.startsWith('"') ? id.slice(1, -1).replace(/\\(.)/g, "$1") : id;
      return { kind: "state", state: token, alarm };
    }
    return undefined;
  };
  const rule = expression();
  return at === tokens.length ? rule : undefined;
}
