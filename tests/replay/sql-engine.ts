/**
 * An embedded DuckDB standing in for Athena: the four Trino functions it lacks as macros, and a
 * table shaped like AWS's Athena table for CloudTrail logs, loaded as Athena's JSON SerDe reads
 * the trail's files.
 */
import { DuckDBConnection, DuckDBInstance, Json } from "@duckdb/node-api";
import { EventValue, JsonNumber, parseJsonText } from "../../policy/filter-pattern";
import { CLOUDTRAIL_RECORD, RecordField, RecordFields } from "../../replay/sql";
import { corpusLines } from "../helpers/corpus";
import { REFERENCE } from "../helpers/reference";

/**
 * Trino's functions, as DuckDB spells them: json_extract_scalar gives no text for objects and
 * arrays; element_at gives a map's value for a key, or NULL without that key (DuckDB's own gives a
 * list).
 */
const TRINO_MACROS = [
  "CREATE MACRO element_at(m, k) AS map_extract_value(m, k)",
  "CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p)",
  `CREATE MACRO json_extract_scalar(j, p) AS
     CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END`,
  "CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)",
  "CREATE MACRO to_unixtime(t) AS epoch(t)",
  "CREATE MACRO from_unixtime(x) AS to_timestamp(x)",
  "SET TimeZone = 'UTC'",
];

export class Engine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(): Promise<Engine> {
    const instance = await DuckDBInstance.create(":memory:");
    const engine = new Engine(instance, await instance.connect());
    for (const sql of TRINO_MACROS) await engine.connection.run(sql);
    return engine;
  }

  async rows(sql: string): Promise<Record<string, Json>[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson();
  }

  /** Creates `table` from rows given as JSON, with columns of `structure` (json_transform's form). */
  async createTable(table: string, structure: object, rows: readonly object[]): Promise<void> {
    const statement = await this.connection.prepare(
      `CREATE TABLE ${table} AS SELECT r.* FROM (SELECT unnest(json_transform($1, '${JSON.stringify([structure])}')) AS r)`,
    );
    statement.bindVarchar(1, JSON.stringify(rows));
    await statement.run();
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** One CloudTrail record: its line in the corpus, the record and its text (as CloudWatch Logs gets it). */
export interface TrailRecord {
  readonly line: number;
  readonly record: EventValue;
  readonly text: string;
}

export function trailRecords(): TrailRecord[] {
  return corpusLines("cloudtrail-events.jsonl").map((l, i) => {
    const record = (parseJsonText(l) as Record<string, EventValue>).event;
    return { line: i + 1, record, text: jsonText(record) };
  });
}

/**
 * Loads records into `table` (plus a `line` column to pair rows with records) with the Athena
 * table's columns and types. Like Athena's JSON SerDe: keys match columns whatever their case; a
 * STRING column holds a string's content, or the JSON text of any other value (so an object's
 * text, or "true" for true); JSON null and a missing field are both NULL.
 */
export async function loadTrail(
  engine: Engine,
  table: string,
  records: readonly TrailRecord[],
): Promise<void> {
  const rows = records.map(({ line, record }) => ({
    line,
    ...(structValue(CLOUDTRAIL_RECORD, record) ?? {}),
  }));
  await engine.createTable(table, { line: "INTEGER", ...structure(CLOUDTRAIL_RECORD) }, rows);
}

/**
 * CloudTrail Lake's types for the same rows: eventTime a timestamp, readOnly a boolean, and the
 * free-form objects maps of strings, each key's value a string as the record has it, or the JSON
 * text of any other value (how Lake writes those is not documented; the SQL compares strings).
 */
export async function loadLake(engine: Engine, table: string, athenaTable: string): Promise<void> {
  const maps = Object.entries(CLOUDTRAIL_RECORD)
    .filter(([, type]) => type === "object")
    .map(([name]) => {
      const column = name.toLowerCase();
      return `CASE WHEN json_type(${column}) = 'OBJECT' THEN CAST(CAST(${column} AS JSON) AS MAP(VARCHAR, VARCHAR)) END AS ${column}`;
    });
  await engine.rows(
    `CREATE TABLE ${table} AS SELECT * REPLACE (from_iso8601_timestamp(eventtime) AS eventtime, ` +
      `CAST(readonly AS BOOLEAN) AS readonly, ${maps.join(", ")}) FROM ${athenaTable}`,
  );
}

/** The elements of `resources`, as the Athena table declares them. */
const RESOURCE: RecordFields = { ARN: "string", accountId: "string", type: "string" };

function structure(fields: RecordFields): Record<string, unknown> {
  const columnType = (type: RecordField): unknown =>
    typeof type === "object" ? structure(type) : type === "array" ? [structure(RESOURCE)] : "VARCHAR";
  return Object.fromEntries(
    Object.entries(fields).map(([name, type]) => [name.toLowerCase(), columnType(type)]),
  );
}

function structValue(fields: RecordFields, value: EventValue): Record<string, unknown> | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  return Object.fromEntries(
    Object.entries(fields).map(([name, type]) => {
      const key = keys.find((k) => k.toLowerCase() === name.toLowerCase());
      return [name.toLowerCase(), key === undefined ? null : columnValue(type, value[key])];
    }),
  );
}

function columnValue(type: RecordField, value: EventValue): unknown {
  if (value === null) return null;
  if (typeof type === "object") return structValue(type, value);
  if (type === "array") return Array.isArray(value) ? value.map((v) => structValue(RESOURCE, v)) : null;
  return typeof value === "string" ? value : jsonText(value);
}

function isObject(v: EventValue): v is { [key: string]: EventValue } {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof JsonNumber);
}

/** JSON text that keeps each number as the event wrote it. */
export function jsonText(v: EventValue): string {
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  if (isObject(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** Every filter pattern the controls' reference in tests/data lists for the 15 CIS controls (Security Hub, CIS, others). */
export function referencePatterns(): string[] {
  const found = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === "string" && v.trimStart().startsWith("{")) found.add(v);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  for (const c of REFERENCE) {
    collect(c.securityHub.pattern);
    collect(c.cisPatterns);
    collect(c.tfCisAlarmsPattern);
    collect(c.nozaqPattern);
  }
  return [...found];
}
