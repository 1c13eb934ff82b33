/**
 * Whether IAM policy documents let a principal perform an action: a key policy letting CloudWatch
 * use a topic's key, a trust policy letting CloudTrail assume a role, a role's policies letting it
 * write to a log group. Documents come as JSON strings or objects, parts of which may be unknown
 * until deployment. As IAM evaluates them: an explicit Deny wins, then some Allow must apply; a
 * statement applies when its principal, action, resource and conditions all do.
 *
 * Where the answer depends on what cannot be read here (a condition key this module does not know,
 * an operator over several values, a principal of every AWS account), it is "unclear", with why;
 * where it depends on a value known only after deployment, "pending". Neither is ever turned into
 * a yes or a no.
 */
import { PolicyDocument, UNKNOWN } from "../stack";
import { memo } from "../stack/maps";
import { match, Match, shown, Template } from "./wildcards";

export type Answer = Match | "unclear";

/** An answer, with why it is not yet a yes or a no. */
export interface Judgement {
  readonly answer: Answer;
  readonly reasons: readonly string[];
}

export interface Request {
  /** The service principal calling (`cloudwatch.amazonaws.com`); absent for a role's own policies. */
  readonly service?: string;
  readonly action: string;
  /** The resource acted on; absent for a trust policy, which names none. */
  readonly resource?: Template;
  /** The values of the condition keys the caller sends, by lower-case key. */
  readonly context: Readonly<Record<string, Template>>;
}

const YES: Judgement = { answer: "yes", reasons: [] };
const NO: Judgement = { answer: "no", reasons: [] };
const pending = (reason: string): Judgement => ({ answer: "pending", reasons: [reason] });
const unclear = (reason: string): Judgement => ({ answer: "unclear", reasons: [reason] });

/** Unclear outweighs pending: it will not become clear at deployment. */
const DOUBT: Record<Answer, number> = { yes: 0, no: 0, pending: 1, unclear: 2 };

function doubtful(judgements: readonly Judgement[]): Judgement {
  const answer = judgements.reduce<Answer>(
    (worst, j) => (DOUBT[j.answer] > DOUBT[worst] ? j.answer : worst),
    "pending",
  );
  return { answer, reasons: [...new Set(judgements.flatMap((j) => j.reasons))] };
}

/** All must hold. */
export function all(judgements: readonly Judgement[]): Judgement {
  if (judgements.some((j) => j.answer === "no")) return NO;
  const open = judgements.filter((j) => j.answer !== "yes");
  return open.length === 0 ? YES : doubtful(open);
}

/** One must hold. */
export function any(judgements: readonly Judgement[]): Judgement {
  if (judgements.some((j) => j.answer === "yes")) return YES;
  const open = judgements.filter((j) => j.answer !== "no");
  return open.length === 0 ? NO : doubtful(open);
}

function not(judgement: Judgement): Judgement {
  return judgement.answer === "yes" ? NO : judgement.answer === "no" ? YES : judgement;
}

/** Whether the documents together allow the request: what one allows, another may deny. */
export function allows(documents: readonly PolicyDocument[], request: Request): Judgement {
  const allowed: Judgement[] = [];
  const denied: Judgement[] = [];
  for (const [d, document] of documents.entries()) {
    const read = statementsOf(document);
    if (!Array.isArray(read)) {
      // A document that cannot be read may allow or deny.
      allowed.push(read);
      denied.push(read);
      continue;
    }
    for (const [i, statement] of read.entries()) {
      const label = `${documents.length > 1 ? `document ${d + 1}, ` : ""}${statementLabel(statement, i)}`;
      const applies = applying(statement, request, label);
      const effect = statement.Effect;
      if (effect === "Allow") allowed.push(applies);
      else if (effect === "Deny") denied.push(applies);
      else if (effect === UNKNOWN) {
        // It allows or denies: either way, only deployment tells.
        const either = all([applies, pending(`the Effect of ${label}, computed at deployment`)]);
        allowed.push(either);
        denied.push(either);
      }
    }
  }
  return all([any(allowed), not(any(denied))]);
}

type Statement = Record<string, unknown>;

// Many alarms share one key policy, many trails one role's: each document is read once.
const readDocuments = new Map<string, Statement[] | Judgement>();

function statementsOf(document: PolicyDocument): Statement[] | Judgement {
  if (document === UNKNOWN) return pending("its policy document, computed at deployment");
  if (typeof document !== "string") return statementsIn(document);
  return memo(readDocuments, document, () => {
    try {
      return statementsIn(JSON.parse(document));
    } catch {
      return unclear("its policy document, which is not valid JSON");
    }
  });
}

function statementsIn(parsed: unknown): Statement[] | Judgement {
  if (parsed === null || typeof parsed !== "object")
    return unclear("its policy document, which is not a JSON object");
  const statements = (parsed as Record<string, unknown>).Statement;
  if (statements === UNKNOWN) return pending("its policy statements, computed at deployment");
  return (Array.isArray(statements) ? statements : [statements]).map((s) =>
    s !== null && typeof s === "object" ? (s as Statement) : {},
  );
}

function statementLabel(statement: Statement, index: number): string {
  return typeof statement.Sid === "string" && statement.Sid !== ""
    ? `statement '${statement.Sid}'`
    : `statement ${index + 1}`;
}

function applying(statement: Statement, request: Request, label: string): Judgement {
  return all([
    principal(statement, request, label),
    listed(statement, "Action", "NotAction", request.action, label, { wildcards: true, ignoreCase: true }),
    request.resource === undefined
      ? YES
      : listed(statement, "Resource", "NotResource", request.resource, label, {
          wildcards: true,
          ignoreCase: false,
        }),
    conditions(statement.Condition, request, label),
  ]);
}

/** A string or a list of strings, each of which may be UNKNOWN. */
function values(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Whether an element such as Action (or its negation NotAction) covers the request's value. */
function listed(
  statement: Statement,
  key: string,
  notKey: string,
  value: string | Template,
  label: string,
  options: { wildcards: boolean; ignoreCase: boolean },
): Judgement {
  const negated = statement[key] === undefined && statement[notKey] !== undefined;
  const given = negated ? statement[notKey] : statement[key];
  // A statement without the element covers everything (a key policy's Resource is "*" by rule).
  if (given === undefined) return YES;
  if (given === UNKNOWN) return pending(`the ${negated ? notKey : key} of ${label}, computed at deployment`);
  const template = typeof value === "string" ? [value] : value;
  const found = any(
    values(given).map((pattern): Judgement => {
      if (pattern === UNKNOWN)
        return pending(`part of the ${negated ? notKey : key} of ${label}, computed at deployment`);
      if (typeof pattern !== "string") return NO;
      if (pattern.includes("${"))
        return unclear(`the policy variable in the ${key} of ${label} (${pattern})`);
      const answer = match(pattern, template, options);
      return answer === "pending"
        ? pending(`whether ${pattern} covers ${shown(template)}, known in full only after deployment`)
        : { answer, reasons: [] };
    }),
  );
  return negated ? not(found) : found;
}

function principal(statement: Statement, request: Request, label: string): Judgement {
  // A role's own policies name no principal: they apply to the role.
  if (request.service === undefined) return YES;
  const negated = statement.Principal === undefined && statement.NotPrincipal !== undefined;
  const given = negated ? statement.NotPrincipal : statement.Principal;
  if (given === undefined) return NO;
  if (given === UNKNOWN) return pending(`the Principal of ${label}, computed at deployment`);
  let found: Judgement;
  if (given === "*") found = YES;
  else if (given === null || typeof given !== "object") found = NO;
  else {
    const principals = given as Record<string, unknown>;
    found = any(
      Object.entries(principals).flatMap(([kind, names]) =>
        values(names).map((name): Judgement => {
          if (name === UNKNOWN) return pending(`a principal of ${label}, computed at deployment`);
          if (kind === "Service") return name === request.service ? YES : NO;
          if (kind === "AWS" && name === "*")
            return unclear(
              `the principal {"AWS": "*"} of ${label}, which may not include ${request.service}`,
            );
          return NO;
        }),
      ),
    );
  }
  return negated ? not(found) : found;
}

/** Condition operators on text, and whether each compares with wildcards and negates. */
const OPERATORS: Readonly<Record<string, { wildcards: boolean; ignoreCase: boolean; negated: boolean }>> = {
  StringEquals: { wildcards: false, ignoreCase: false, negated: false },
  StringNotEquals: { wildcards: false, ignoreCase: false, negated: true },
  StringEqualsIgnoreCase: { wildcards: false, ignoreCase: true, negated: false },
  StringNotEqualsIgnoreCase: { wildcards: false, ignoreCase: true, negated: true },
  StringLike: { wildcards: true, ignoreCase: false, negated: false },
  StringNotLike: { wildcards: true, ignoreCase: false, negated: true },
  ArnEquals: { wildcards: true, ignoreCase: false, negated: false },
  ArnLike: { wildcards: true, ignoreCase: false, negated: false },
  ArnNotEquals: { wildcards: true, ignoreCase: false, negated: true },
  ArnNotLike: { wildcards: true, ignoreCase: false, negated: true },
  // "true" or "false", as IAM reads a boolean key such as aws:SecureTransport.
  Bool: { wildcards: false, ignoreCase: true, negated: false },
};

function conditions(condition: unknown, request: Request, label: string): Judgement {
  if (condition === undefined) return YES;
  if (condition === UNKNOWN) return pending(`the Condition of ${label}, computed at deployment`);
  if (condition === null || typeof condition !== "object")
    return unclear(`the Condition of ${label}, which is not an object`);
  const tests: Judgement[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    if (keys === UNKNOWN) {
      tests.push(pending(`the ${operator} condition of ${label}, computed at deployment`));
      continue;
    }
    for (const [key, expected] of Object.entries((keys ?? {}) as Record<string, unknown>))
      tests.push(condition1(operator, key, expected, request, label));
  }
  return all(tests);
}

function condition1(
  operator: string,
  key: string,
  expected: unknown,
  request: Request,
  label: string,
): Judgement {
  const what = `the condition ${operator} on ${key} in ${label}`;
  // With IfExists a key the caller sends is tested as without it: every key of the context is sent.
  const base = operator.replace(/IfExists$/, "");
  const known = request.context[key.toLowerCase()];
  if (base === "Null") {
    // Null "true" asks for the key's absence; the caller sends the keys of its context.
    if (known === undefined) return unclear(`${what}, which cannot be checked here`);
    return values(expected).some((v) => v === UNKNOWN)
      ? pending(`${what}, computed at deployment`)
      : values(expected).every((v) => String(v) === "false")
        ? YES
        : NO;
  }
  const kind = OPERATORS[base];
  if (kind === undefined || known === undefined) return unclear(`${what}, which cannot be checked here`);
  const found = any(
    values(expected).map((value): Judgement => {
      if (value === UNKNOWN) return pending(`${what}, computed at deployment`);
      if (typeof value !== "string") return unclear(`${what}, which compares with a value that is not text`);
      const answer = match(value, known, kind);
      return answer === "pending"
        ? pending(`${what}, against ${shown(known)} known in full only after deployment`)
        : { answer, reasons: [] };
    }),
  );
  return kind.negated ? not(found) : found;
}
