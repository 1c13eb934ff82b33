/**
 * Whether an IAM policy document's statements allow a request, as IAM decides it for one policy: an
 * explicit Deny wins, then any Allow whose Action, Resource and every Condition match; else denied.
 * It knows the wildcards `*` and `?` and the condition operators the project's documents use, and
 * refuses any other operator rather than guess.
 */

export interface Request {
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request: `kms:ViaService`, `aws:SourceArn`. */
  readonly context?: Readonly<Record<string, string>>;
}

interface Statement {
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export function allows(document: { Statement: object[] }, request: Request): boolean {
  const matching = (document.Statement as Statement[]).filter((s) => applies(s, request));
  return matching.some((s) => s.Effect === "Allow") && !matching.some((s) => s.Effect === "Deny");
}

function applies(statement: Statement, { action, resource, context = {} }: Request): boolean {
  const any = (patterns: string | string[], value: string, caseless: boolean) =>
    [patterns].flat().some((p) => wildcard(p, caseless).test(value));
  return (
    any(statement.Action, action, true) &&
    any(statement.Resource, resource, false) &&
    Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
      Object.entries(keys).every(([key, values]) => {
        const value = context[key];
        if (value === undefined) return false;
        switch (operator) {
          case "StringEquals":
            return [values].flat().includes(value);
          case "StringLike":
          case "ArnLike":
            return any(values, value, false);
          default:
            throw new Error(`condition operator ${operator} is not known to this evaluator`);
        }
      }),
    )
  );
}

function wildcard(pattern: string, caseless: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, caseless ? "i" : "");
}
