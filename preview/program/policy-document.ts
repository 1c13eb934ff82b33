/**
 * `aws.iam.getPolicyDocument` computed as the AWS provider computes it, with no call to AWS: source
 * documents first, then the statements, then override documents, each replacing statements of the
 * same Sid; lists of one item written as a string and longer ones sorted in reverse, `&{var}` written
 * `${var}`, keys of principals and conditions sorted, and the JSON indented by two spaces.
 */
import * as zlib from "zlib";

/** A policy the inputs do not make: duplicate Sids, or a source or override that is not a policy document. */
export class PolicyDocumentError extends Error {}

interface Principal {
  readonly type: string;
  readonly identifiers: string | string[];
}

interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: string[];
}

interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: Principal[];
  readonly NotPrincipal?: Principal[];
  readonly Condition?: Condition[];
}

interface Document {
  Version?: string;
  Id?: string;
  Statement: Statement[];
}

type Args = Record<string, unknown>;

export function getPolicyDocument(args: Args): Record<string, unknown> {
  const version = typeof args.version === "string" ? args.version : "2012-10-17";
  const merged: Document = { Statement: [] };
  const sources = [...strings(args.sourceJson), ...strings(args.sourcePolicyDocuments)];
  const sourceSids = new Set<string>();
  for (const source of sources) {
    const doc = parseDocument(source, "sourcePolicyDocuments");
    for (const s of doc.Statement) {
      if (!s.Sid) continue;
      if (sourceSids.has(s.Sid))
        throw new PolicyDocumentError(`duplicate Sid (${s.Sid}) in sourcePolicyDocuments`);
      sourceSids.add(s.Sid);
    }
    merge(merged, doc);
  }
  const own: Document = { Version: version, Statement: [] };
  if (typeof args.policyId === "string") own.Id = args.policyId;
  const sids = new Set<string>();
  for (const input of (args.statements as Args[] | undefined) ?? []) {
    const statement = fromInput(input, version);
    if (statement.Sid) {
      if (sids.has(statement.Sid)) throw new PolicyDocumentError(`duplicate Sid (${statement.Sid})`);
      sids.add(statement.Sid);
    }
    own.Statement.push(statement);
  }
  merge(merged, own);
  for (const override of [...strings(args.overridePolicyDocuments), ...strings(args.overrideJson)]) {
    merge(merged, parseDocument(override, "overridePolicyDocuments"));
  }
  const document = toJson(merged);
  const json = goJson(JSON.stringify(document, null, 2));
  return {
    ...args,
    id: String(zlib.crc32(json)),
    json,
    minifiedJson: goJson(JSON.stringify(document)),
  };
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The provider's list encoding: one item as a string, several sorted in reverse. */
function list(values: unknown, version: string): string | string[] | undefined {
  const items = strings(values).map((v) => (version === "2012-10-17" ? v.replace(/&\{/g, "${") : v));
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : [...items].sort().reverse();
}

function principals(input: unknown, version: string): Principal[] | undefined {
  if (!Array.isArray(input) || input.length === 0) return undefined;
  return input.map((p: Args) => ({ type: String(p.type), identifiers: list(p.identifiers, version) ?? [] }));
}

function fromInput(input: Args, version: string): Statement {
  const conditions = Array.isArray(input.conditions) ? (input.conditions as Args[]) : [];
  return {
    Sid: typeof input.sid === "string" && input.sid !== "" ? input.sid : undefined,
    Effect: typeof input.effect === "string" ? input.effect : "Allow",
    Action: list(input.actions, version),
    NotAction: list(input.notActions, version),
    Resource: list(input.resources, version),
    NotResource: list(input.notResources, version),
    Principal: principals(input.principals, version),
    NotPrincipal: principals(input.notPrincipals, version),
    Condition:
      conditions.length === 0
        ? undefined
        : conditions.map((c) => {
            const values = list(c.values, version) ?? [];
            return { test: String(c.test), variable: String(c.variable), values: [values].flat() };
          }),
  };
}

function parseDocument(text: string, field: string): Document {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new PolicyDocumentError(`${field}: not a JSON policy document: ${(e as Error).message}`);
  }
  const doc = parsed as { Version?: unknown; Id?: unknown; Statement?: unknown };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  return {
    Version: typeof doc.Version === "string" ? doc.Version : undefined,
    Id: typeof doc.Id === "string" ? doc.Id : undefined,
    Statement: statements.map((s: Args) => ({
      Sid: typeof s.Sid === "string" && s.Sid !== "" ? s.Sid : undefined,
      Effect: typeof s.Effect === "string" ? s.Effect : undefined,
      Action: s.Action,
      NotAction: s.NotAction,
      Resource: s.Resource,
      NotResource: s.NotResource,
      Principal: parsePrincipals(s.Principal),
      NotPrincipal: parsePrincipals(s.NotPrincipal),
      Condition: parseConditions(s.Condition),
    })),
  };
}

function parsePrincipals(value: unknown): Principal[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return [{ type: "*", identifiers: ["*"] }];
  return Object.entries(value as Record<string, unknown>).map(([type, ids]) => ({
    type,
    identifiers: typeof ids === "string" ? ids : strings(ids).sort(),
  }));
}

function parseConditions(value: unknown): Condition[] | undefined {
  if (value === undefined) return undefined;
  return Object.entries(value as Record<string, Record<string, unknown>>).flatMap(([test, variables]) =>
    Object.entries(variables).map(([variable, values]) => ({
      test,
      variable,
      values: typeof values === "boolean" ? [String(values)] : [values].flat().map(String),
    })),
  );
}

/** Adopts `next`'s Id and newer Version, and adds its statements, replacing those of the same Sid. */
function merge(into: Document, next: Document): void {
  if (next.Id) into.Id = next.Id;
  if (next.Version && next.Version > (into.Version ?? "")) into.Version = next.Version;
  for (const statement of next.Statement) {
    const same = statement.Sid ? into.Statement.findIndex((s) => s.Sid === statement.Sid) : -1;
    if (same >= 0) into.Statement[same] = statement;
    else into.Statement.push(statement);
  }
}

function principalJson(list: Principal[] | undefined): unknown {
  if (!list) return undefined;
  const only = list.length === 1 ? list[0] : undefined;
  if (only?.type === "*" && [only.identifiers].flat().join() === "*") return "*";
  const byType: Record<string, string | string[]> = {};
  for (const { type, identifiers } of list) {
    const before = byType[type];
    if (Array.isArray(identifiers)) {
      byType[type] = [...(before === undefined ? [] : [before].flat()), ...[...identifiers].sort().reverse()];
    } else {
      byType[type] = before === undefined ? identifiers : [...[before].flat(), identifiers];
    }
  }
  return sortedKeys(byType);
}

function conditionJson(list: Condition[] | undefined): unknown {
  if (!list) return undefined;
  const byTest: Record<string, Record<string, string[]>> = {};
  for (const { test, variable, values } of list) {
    byTest[test] ??= {};
    byTest[test][variable] = [...(byTest[test][variable] ?? []), ...values];
  }
  return sortedKeys(
    Object.fromEntries(
      Object.entries(byTest).map(([test, variables]) => [
        test,
        sortedKeys(
          Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
        ),
      ]),
    ),
  );
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The document with fields in the provider's order; absent and empty fields left out. */
function toJson(doc: Document): object {
  return {
    Version: doc.Version || undefined,
    Id: doc.Id || undefined,
    Statement: doc.Statement.length
      ? doc.Statement.map((s) => ({
          Sid: s.Sid,
          Effect: s.Effect || undefined,
          Action: s.Action,
          NotAction: s.NotAction,
          Resource: s.Resource,
          NotResource: s.NotResource,
          Principal: principalJson(s.Principal),
          NotPrincipal: principalJson(s.NotPrincipal),
          Condition: conditionJson(s.Condition),
        }))
      : undefined,
  };
}

/** Go's JSON encoder escapes <, > and & in strings. */
function goJson(json: string): string {
  return json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}
