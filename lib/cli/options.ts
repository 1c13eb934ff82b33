/**
 * A command's options as one table, from which both its usage and the check of its command line are
 * made, so that the two always agree.
 */
import { parseArgs, ParseArgsConfig } from "util";

export interface Option {
  readonly type: "string" | "boolean";
  readonly default?: string | boolean;
  /** How the usage names the option's value: `NAME` in `--stack NAME`. */
  readonly value?: string;
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, Option>>;

/** An option's value: a string or a boolean, undefined when not given and without a default. */
type Value<O extends Option> =
  | (O["type"] extends "boolean" ? boolean : string)
  | (O extends { readonly default: unknown } ? never : undefined);

export type OptionValues<T extends OptionTable> = { -readonly [K in keyof T]: Value<T[K]> };

/** A command line that cannot be read: the message is printed with the usage, and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `-h` is short for `--help`, in every command whose table has `help`. */
const SHORT: Readonly<Record<string, string>> = { help: "h" };

/**
 * The usage's lines for `table`: `  --stack NAME  help`, the help column `width` wide (by default,
 * one space wider than the longest option).
 */
export function optionLines(table: OptionTable, width?: number): string {
  const flags = Object.entries(table).map(
    ([name, o]) => `${name in SHORT ? `-${SHORT[name]}, ` : ""}--${name}${o.value ? ` ${o.value}` : ""}`,
  );
  const column = width ?? Math.max(...flags.map((f) => f.length)) + 1;
  return Object.values(table)
    .map((o, i) => `  ${flags[i].padEnd(column)} ${o.help}`)
    .join("\n");
}

/** Reads `argv` by `table`; positional arguments only where `positionals` allows them. */
export function parseOptions<T extends OptionTable>(
  table: T,
  argv: readonly string[],
  positionals = false,
): { values: OptionValues<T>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(table).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.default === undefined ? {} : { default: o.default }),
        ...(name in SHORT ? { short: SHORT[name] } : {}),
      },
    ]),
  ) as ParseArgsConfig["options"];
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    const problem = tokenProblem(table, token, positionals);
    if (problem !== undefined) throw new UsageError(problem);
  }
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: positionals, strict: true });
    return { values: parsed.values as OptionValues<T>, positionals: parsed.positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];

/** What is wrong with one word of the command line, said in the usage's own terms. */
function tokenProblem(table: OptionTable, token: Token, positionals: boolean): string | undefined {
  if (token.kind === "positional") {
    return positionals ? undefined : `unexpected argument '${token.value}': this command takes only options`;
  }
  if (token.kind !== "option") return undefined;
  const option = table[token.name];
  if (option === undefined) {
    const near = Object.keys(table).find((name) => editDistance(name, token.name) <= 2);
    return `unknown option ${token.rawName}${near === undefined ? "" : ` (did you mean --${near}?)`}`;
  }
  if (option.type === "string" && token.value === undefined) {
    return `${token.rawName} needs a value: ${token.rawName} ${option.value ?? "VALUE"}`;
  }
  if (option.type === "boolean" && token.inlineValue) return `${token.rawName} takes no value`;
  return undefined;
}

/** Levenshtein distance, for options a letter or two away from one the command has. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
