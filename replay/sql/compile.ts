/**
 * Compiles a filter pattern to a SQL boolean expression, in the Trino dialect Athena and
 * CloudTrail Lake run, with the meaning our evaluator gives the pattern (policy/filter-pattern/
 * evaluate.ts). The expression is TRUE exactly when the pattern matches a record and FALSE
 * otherwise, never NULL (unless asked for a WHERE clause), so it can be negated or combined without
 * SQL's three-valued surprises.
 *
 * A table loses some of what the pattern looks at: a STRING column reads the number 1, the boolean
 * true and the strings "1" and "true" alike; a JSON null and a missing field are both NULL, and
 * json_extract_scalar also gives NULL for objects and arrays. Constructs that depend on what was
 * lost are refused with a SqlUnsupportedError rather than compiled into something close. One fact
 * about CloudTrail records is relied on: apart from its free-form objects (requestParameters and
 * the like), CloudTrail leaves a field out rather than writing null, so `NOT EXISTS` on a column
 * is `IS NULL`. CloudTrail Lake keeps those objects as maps of strings: a key whose value is a
 * string holds that string, which is what the pattern compares (`element_at` gives NULL for a
 * missing key, as Trino documents); how Lake writes other values into the map is not documented.
 */
import {
  Check,
  Comparison,
  ComparisonOperator,
  Expression,
  FilterPattern,
  parseFilterPattern,
  printExpression,
  printFilterPattern,
  printStep,
  Selector,
  wildcards,
} from "../../policy/filter-pattern";
import { SqlUnsupportedError } from "./errors";
import { Column } from "./schema";

interface Sql {
  readonly text: string;
  /** Whether it may be NULL; it is never NULL where the pattern matches. */
  readonly nullable: boolean;
  /** Set for `column = 'literal'`, so that an OR of them can read as `column IN (...)`. */
  readonly equality?: { readonly column: string; readonly literal: string };
}

/**
 * What a selector reaches: a column, a scalar read from inside a JSON-text column, or the value of
 * a key of a map of strings.
 */
type Target =
  | Column
  | { readonly kind: "jsonScalar"; readonly sql: string }
  | { readonly kind: "mapValue"; readonly sql: string };

type Refuse = (reason: string) => never;

const FALSE: Sql = { text: "FALSE", nullable: false };
const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The pattern as a SQL boolean over `columns` (a table's columns, or one JSON-text column).
 * `where`: for a WHERE clause, which drops rows whose condition is NULL as it drops FALSE ones, so
 * the expression may be NULL where the pattern does not match.
 */
export function compilePatternToSql(
  source: string | FilterPattern,
  columns: Column,
  { where = false }: { where?: boolean } = {},
): string {
  const pattern = typeof source === "string" ? parseFilterPattern(source) : source;
  if (pattern.kind === "terms") {
    throw new SqlUnsupportedError(
      typeof source === "string" ? source.trim() : printFilterPattern(pattern),
      "term patterns search the raw event text, which the table does not keep; write a JSON pattern",
    );
  }
  const sql = expression(pattern.expression, columns);
  // AND and OR are monotone, so the whole is TRUE exactly when the pattern matches; NULL means no.
  return sql.nullable && !where ? `COALESCE(\n${indent(sql.text)},\n  FALSE\n)` : sql.text;
}

function expression(expr: Expression, columns: Column): Sql {
  switch (expr.kind) {
    case "or":
      return join("OR", inLists(expr.operands.map((e) => expression(e, columns))));
    case "and":
      return join(
        "AND",
        expr.operands.map((e) => {
          const sql = expression(e, columns);
          return e.kind === "or" ? { ...sql, text: parenthesized(sql.text) } : sql;
        }),
      );
    case "compare":
      return comparison(expr, columns);
    case "check":
      return check(expr, columns);
  }
}

/** Operands on one line when they fit, else one a line. */
function join(operator: "AND" | "OR", operands: readonly Sql[]): Sql {
  const texts = operands.map((s) => s.text);
  const inline = texts.join(` ${operator} `);
  const fits = inline.length <= WIDTH && !inline.includes("\n");
  return {
    text: fits ? inline : texts.join(`\n${operator} `),
    nullable: operands.some((s) => s.nullable),
  };
}

function parenthesized(text: string): string {
  return text.includes("\n") ? `(\n${indent(text)}\n)` : `(${text})`;
}

/** Every line of `text` moved right by `spaces`. */
export function indent(text: string, spaces = 2): string {
  const pad = " ".repeat(spaces);
  return pad + text.split("\n").join(`\n${pad}`);
}

const WIDTH = 80;

/** Merges equalities on one column into `column IN (...)`, where the first of them stood. */
function inLists(operands: readonly Sql[]): Sql[] {
  const groups = new Map<string, string[]>();
  for (const { equality } of operands) {
    if (equality) groups.set(equality.column, [...(groups.get(equality.column) ?? []), equality.literal]);
  }
  const out: Sql[] = [];
  for (const sql of operands) {
    const literals = sql.equality && groups.get(sql.equality.column);
    if (!sql.equality || !literals || literals.length === 1) {
      out.push(sql);
    } else if (literals.length > 0) {
      const inline = literals.join(", ");
      const list = inline.length <= WIDTH ? `(${inline})` : `(\n${indent(literals.join(",\n"))}\n)`;
      out.push({ text: `${sql.equality.column} IN ${list}`, nullable: true });
      literals.length = 0; // the rest of the group is in this IN list
    }
  }
  return out;
}

function comparison(expr: Comparison, columns: Column): Sql {
  const refuse: Refuse = refuser(expr);
  const target = resolve(expr.selector, columns, refuse);
  const { operator, value } = expr;
  if (value.kind === "regex") {
    refuse(
      "a %regex% would need regexp_like, whose regular expressions are not proven to match CloudWatch's",
    );
  }
  switch (target.kind) {
    case "struct":
    case "json":
    case "map":
      return FALSE; // it holds an object (or null), and those match neither = nor !=
    case "boolean":
      return refuse(
        `${target.sql} is a boolean column: only IS TRUE, IS FALSE and NOT EXISTS compile for it`,
      );
    case "opaque":
      return refuse(`${target.sql}: ${target.why}`);
    case "text":
    case "jsonScalar":
    case "mapValue":
      if (value.kind === "number") {
        refuse(
          `an unquoted number compares only with JSON numbers, and ${reads(target)} a number and ` +
            "its text alike; quote the value to compare text",
        );
      }
      return textTest(target.sql, value.text, operator);
  }
}

function check(expr: Check, columns: Column): Sql {
  const refuse: Refuse = refuser(expr);
  const target = resolve(expr.selector, columns, refuse);
  if (target.kind === "opaque") refuse(`${target.sql}: ${target.why}`);
  switch (expr.check) {
    case "absent":
    case "null":
      if (target.kind === "jsonScalar") {
        refuse("json_extract_scalar gives NULL alike for a missing field, a null, an object and an array");
      }
      if (target.kind === "mapValue") refuse("element_at gives NULL alike for a missing key and a null");
      if (expr.check === "null") refuse(`${target.sql} holds NULL alike for a JSON null and a missing field`);
      if (target.kind === "json" || target.kind === "map") {
        refuse(
          `CloudTrail writes null there as well as leaving it out, and ${target.sql} holds NULL for both`,
        );
      }
      return { text: `${target.sql} IS NULL`, nullable: false };
    case "true":
    case "false":
      if (target.kind === "boolean")
        return { text: `${target.sql} = ${expr.check.toUpperCase()}`, nullable: true };
      if (target.kind === "text" || target.kind === "jsonScalar" || target.kind === "mapValue") {
        refuse(`${reads(target)} the JSON boolean ${expr.check} and the string "${expr.check}" alike`);
      }
      return FALSE; // an object is neither true nor false
  }
}

/**
 * A text value against a column's text, as the evaluator's wildcard() does: `*` first or last is a
 * wildcard (LIKE), a lone `*` matches any present value, anything else is exact and case sensitive.
 */
function textTest(column: string, text: string, operator: ComparisonOperator): Sql {
  const equal = operator === "=";
  if (text === "*") return equal ? { text: `${column} IS NOT NULL`, nullable: false } : FALSE;
  const { leading, trailing, core } = wildcards(text);
  if (!leading && !trailing) {
    const literal = sqlString(core);
    return equal
      ? { text: `${column} = ${literal}`, nullable: true, equality: { column, literal } }
      : { text: `${column} <> ${literal}`, nullable: true };
  }
  const escaped = core.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = sqlString(`${leading ? "%" : ""}${escaped}${trailing ? "%" : ""}`);
  const escape = escaped === core ? "" : ` ESCAPE '\\'`;
  return { text: `${column} ${equal ? "LIKE" : "NOT LIKE"} ${like}${escape}`, nullable: true };
}

/** Follows a selector through the columns; refuses steps the table cannot take. */
function resolve(selector: Selector, root: Column, refuse: Refuse): Target {
  let column = root;
  for (const [i, step] of selector.entries()) {
    switch (column.kind) {
      case "json":
        return {
          kind: "jsonScalar",
          sql: `json_extract_scalar(${column.sql}, '${jsonPath(selector.slice(i), refuse)}')`,
        };
      case "struct": {
        if (step.kind !== "field") refuse(`${printStep(step)} on ${column.sql || "the table"}: ${ANY_OF}`);
        const next = column.fields.get(step.name);
        if (!next) refuse(unknownField(step.name, column));
        column = next;
        break;
      }
      case "map":
        if (step.kind !== "field") refuse(`${printStep(step)} on ${column.sql}: ${ANY_OF}`);
        if (i < selector.length - 1) {
          refuse(
            `${column.sql} is a map of strings: the value of its key ${JSON.stringify(step.name)} is text, ` +
              "with no fields of its own",
          );
        }
        return { kind: "mapValue", sql: `element_at(${column.sql}, ${sqlString(step.name)})` };
      case "opaque":
        return refuse(`${column.sql}: ${column.why}`);
      default:
        return refuse(`${column.sql} holds a single value, which has no ${printStep(step)}`);
    }
  }
  return column;
}

const ANY_OF =
  "steps by position or over any field need the struct's every field or UNNEST, which this compiler does not emit";

/** A JSON path as both Athena's json_extract_scalar and other engines read it. */
function jsonPath(steps: Selector, refuse: Refuse): string {
  const parts = steps.map((step) => {
    if (step.kind === "index") return `[${step.index}]`;
    if (step.kind !== "field")
      return refuse(`${printStep(step)} (any element or field) has no form in a JSON path`);
    if (!SIMPLE_NAME.test(step.name)) {
      refuse(
        `the field name ${JSON.stringify(step.name)} would need quoting in the JSON path, which engines ` +
          "write differently; only names of letters, digits and _ (not first) compile",
      );
    }
    return `.${step.name}`;
  });
  return `$${parts.join("")}`;
}

function unknownField(name: string, struct: Extract<Column, { kind: "struct" }>): string {
  const where = struct.sql === "" ? "the table has no column" : `${struct.sql} has no field`;
  const other = [...struct.fields.keys()].find((f) => f.toLowerCase() === name.toLowerCase());
  const hint = other ? `; CloudTrail writes it ${other}, and field names are case sensitive` : "";
  return `${where} for ${JSON.stringify(name)}${hint}`;
}

function reads(target: Target): string {
  if (target.kind === "jsonScalar") return "json_extract_scalar reads";
  if (target.kind === "mapValue") return "the map's values hold";
  return `the column ${target.sql} holds`;
}

function refuser(expr: Comparison | Check): Refuse {
  const construct = printExpression(expr);
  return (reason) => {
    throw new SqlUnsupportedError(construct, reason);
  };
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
