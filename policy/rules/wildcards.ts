/**
 * IAM's wildcards (`*` any text, `?` one character) matched against a value that may be known only
 * in part, such as the ARN of a log group whose name is chosen at deployment. The answer is yes,
 * no, or not known yet; a value known in part is never guessed either way.
 */
import { memo } from "../stack/maps";

/** Text known only later: at deployment, or a part of the stack's own place (see {@link stackPart}). */
export type Hole = { readonly hole: "deployment" } | { readonly hole: "stack"; readonly part: ArnPart };

/** The parts of `arn:PARTITION:SERVICE:REGION:ACCOUNT:...`, by position. */
const ARN_PARTS = { partition: 1, region: 3, account: 4 } as const;
type ArnPart = keyof typeof ARN_PARTS;

/** A value that may be known only in part: text and holes. */
export type Template = readonly (string | Hole)[];

/** Known after deployment (or from the environment the program runs in). */
export const LATER: Hole = { hole: "deployment" };

/**
 * A part of the place the stack's own credentials (and, without provider information, its
 * resources) are in. As for places everywhere in the pack (../stack/location.ts), it is taken to be
 * the one an ARN the stack writes names: compared with an ARN, it is that ARN's part.
 */
export function stackPart(part: ArnPart): Hole {
  return { hole: "stack", part };
}

/** yes or no for sure; "pending" while a value known only after deployment decides. */
export type Match = "yes" | "no" | "pending";

interface Options {
  /** Whether `*` and `?` in the pattern are wildcards (StringLike, ArnLike, Action, Resource) or text (StringEquals). */
  readonly wildcards: boolean;
  readonly ignoreCase: boolean;
}

/** Whether `pattern` matches every value the template may take, none of them, or that is not known yet. */
export function match(pattern: string, template: Template, options: Options): Match {
  const { test, tokens } = compiled(pattern, options);
  if (template.length === 1 && typeof template[0] === "string") return test.test(template[0]) ? "yes" : "no";
  const parts = withStackParts(
    template.map((part) => (typeof part === "string" && options.ignoreCase ? part.toLowerCase() : part)),
    pattern,
  );
  if (parts.every((part) => typeof part === "string")) return test.test(parts.join("")) ? "yes" : "no";
  if (!intersects(tokens, parts)) return "no";
  // A pattern matches whatever fills the holes when it matches texts of different lengths and characters there.
  const fills = ["", "\uE000", "\uE001\uE002\uE001"];
  return fills.every((fill) =>
    test.test(parts.map((part) => (typeof part === "string" ? part : fill)).join("")),
  )
    ? "yes"
    : "pending";
}

interface Compiled {
  readonly test: { test(text: string): boolean };
  readonly tokens: readonly Token[];
}

// Policies repeat a few patterns across many resources: each is compiled once.
const compiledPatterns = new Map<string, Compiled>();

function compiled(pattern: string, { wildcards, ignoreCase }: Options): Compiled {
  return memo(compiledPatterns, `${+wildcards}${+ignoreCase}${pattern}`, () => {
    const p = ignoreCase ? pattern.toLowerCase() : pattern;
    const source = [...p]
      .map((char) =>
        wildcards && char === "*"
          ? "[\\s\\S]*"
          : wildcards && char === "?"
            ? "[\\s\\S]"
            : char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("");
    const tokens = tokenize(p, wildcards);
    // A regular expression with many wildcards may backtrack for long: walk those without it.
    const stars = tokens.filter((t) => "any" in t).length;
    const test =
      stars <= 2
        ? new RegExp(`^${source}$`, ignoreCase ? "i" : "")
        : { test: (text: string) => walks(tokens, ignoreCase ? text.toLowerCase() : text) };
    return { test, tokens };
  });
}

/** Whether the text matches the tokens, walking every position reachable after each token. */
function walks(tokens: readonly Token[], text: string): boolean {
  let reachable = new Set([0]);
  for (const token of tokens) {
    const next = new Set<number>();
    for (const at of reachable) {
      if ("any" in token) for (let i = at; i <= text.length; i++) next.add(i);
      else if (at < text.length && ("one" in token || text[at] === token.char)) next.add(at + 1);
    }
    if (next.size === 0) return false;
    reachable = next;
  }
  return reachable.has(text.length);
}

/** A template as plain text when it is known, for messages. */
export function shown(template: Template): string {
  return template.map((part) => (typeof part === "string" ? part : "…")).join("");
}

/**
 * The stack's own parts filled in with those the pattern names: its partition, region or account
 * where it is an ARN, or the pattern itself where it is an account ID. Otherwise not known yet.
 */
function withStackParts(parts: Template, pattern: string): Template {
  const arn = pattern.startsWith("arn:") ? pattern.split(":") : undefined;
  const named = (part: ArnPart): string | undefined => {
    const text = arn
      ? arn[ARN_PARTS[part]]
      : part === "account" && /^\d{12}$/.test(pattern)
        ? pattern
        : undefined;
    // A wildcard there matches any value; an account of the stack is twelve digits.
    return text === undefined ? undefined : text.replace(/[*?]/g, "") === "" ? "000000000000" : text;
  };
  return parts.map((part) =>
    typeof part !== "string" && part.hole === "stack" ? (named(part.part) ?? LATER) : part,
  );
}

type Token = { readonly any: true } | { readonly one: true } | { readonly char: string };

function tokenize(pattern: string, wildcards: boolean): Token[] {
  return [...pattern].map((char) =>
    wildcards && char === "*" ? { any: true } : wildcards && char === "?" ? { one: true } : { char },
  );
}

/** Whether some filling of the holes makes the text match: both sides walked together. */
function intersects(tokens: readonly Token[], parts: Template): boolean {
  const text = parts.flatMap((part): (string | Hole)[] => (typeof part === "string" ? [...part] : [part]));
  const seen = new Set<string>();
  const todo: [number, number][] = [[0, 0]];
  for (let state = todo.pop(); state !== undefined; state = todo.pop()) {
    const [i, j] = state;
    const key = `${i},${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === tokens.length && j === text.length) return true;
    const token = tokens[i];
    const char = text[j];
    if (token && "any" in token) todo.push([i + 1, j]);
    if (char !== undefined && typeof char !== "string") todo.push([i, j + 1]);
    if (token === undefined || char === undefined) continue;
    if (typeof char !== "string") {
      // The hole goes on: it gives the token a character of its choosing.
      if (!("any" in token)) todo.push([i + 1, j]);
    } else if ("any" in token) todo.push([i, j + 1]);
    else if ("one" in token || token.char === char) todo.push([i + 1, j + 1]);
  }
  return false;
}
