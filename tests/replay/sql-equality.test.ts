import { strict as assert } from "assert";
import { compileFilterPattern, EventValue } from "../../policy/filter-pattern";
import { CONTROLS } from "../../policy/catalog";
import { athena, cloudTrailLake, Column, compilePatternToSql, SqlUnsupportedError } from "../../replay/sql";
import { patternCases } from "../helpers/corpus";
import { Engine, jsonText, loadLake, loadTrail, referencePatterns, trailRecords } from "./sql-engine";

const controlPatterns = CONTROLS.flatMap((c) =>
  Object.entries(c.patterns).map(([set, pattern]) => ({ title: `${c.id} (${set})`, pattern })),
);
const patterns = [
  ...controlPatterns,
  ...referencePatterns().map((pattern) => ({ title: `reference ${pattern}`, pattern })),
];

/** The lines where SQL and the pattern engine disagree, or SQL gave something other than TRUE/FALSE. */
function disagreements(rows: Record<string, unknown>[], expected: Map<number, boolean>): string[] {
  assert.equal(rows.length, expected.size, "one row per record");
  return rows
    .filter((r) => r.matched !== expected.get(r.line as number))
    .map((r) => `line ${r.line}: SQL ${r.matched}, pattern engine ${expected.get(r.line as number)}`);
}

describe("filter patterns as SQL on the 190 real CloudTrail records, against the pattern engine", () => {
  const records = trailRecords();
  let engine: Engine;

  before(async () => {
    engine = await Engine.open();
    await loadTrail(engine, "cloudtrail_logs", records);
    await loadLake(engine, "lakestore", "cloudtrail_logs");
  });
  after(() => engine.close());

  const run = async (sql: string, table: string, pattern: string) => {
    const rows = await engine.rows(`SELECT line, ${sql} AS matched FROM ${table} ORDER BY line`);
    const compiled = compileFilterPattern(pattern);
    return disagreements(rows, new Map(records.map((r) => [r.line, compiled.matchesText(r.text)])));
  };

  describe("Athena", () => {
    for (const { title, pattern } of patterns) {
      it(`${title}: TRUE exactly for the records it matches, FALSE for the others`, async () => {
        assert.deepEqual(
          await run(compilePatternToSql(pattern, athena().columns), "cloudtrail_logs", pattern),
          [],
        );
      });
    }

    it("counts as the corpus labels: 46 unauthorized calls for the Security Hub pattern", async () => {
      const sql = compilePatternToSql(CONTROLS[0].patterns["security-hub"], athena().columns);
      const [row] = await engine.rows(`SELECT count(*) AS n FROM cloudtrail_logs WHERE ${sql}`);
      assert.equal(Number(row.n), 46);
    });
  });

  describe("CloudTrail Lake (eventTime a timestamp, readOnly a boolean)", () => {
    for (const { title, pattern } of patterns) {
      it(`${title}: matches as the pattern engine does, or is refused for a map column`, async () => {
        let sql: string;
        try {
          sql = compilePatternToSql(pattern, cloudTrailLake("lakestore").columns);
        } catch (e) {
          assert.ok(e instanceof SqlUnsupportedError, String(e));
          assert.match(e.reason, /CloudTrail Lake stores it as a map of strings/);
          return;
        }
        assert.deepEqual(await run(sql, "lakestore", pattern), []);
      });
    }
  });
});

/**
 * The filter-pattern cases have events of any shape, so each event is one JSON-text column and
 * every selector is read through json_extract_scalar: the same compiler path as the fields inside
 * the Athena table's requestParameters, responseElements and other JSON-text columns.
 */
const EVENT: Column = { kind: "json", sql: "event" };

/**
 * Loads `events` (before the tests) into a table of JSON-text events, and returns a comparison of a
 * pattern's SQL with the pattern engine over all of them.
 */
function onJsonEvents(events: readonly { line: number; event: EventValue }[]) {
  let engine: Engine;
  before(async () => {
    engine = await Engine.open();
    const rows = events.map((e) => ({ line: e.line, event: jsonText(e.event) }));
    await engine.createTable("events", { line: "INTEGER", event: "VARCHAR" }, rows);
  });
  after(() => engine.close());
  return async (pattern: string) => {
    const sql = compilePatternToSql(pattern, EVENT);
    const rows = await engine.rows(`SELECT line, ${sql} AS matched FROM events ORDER BY line`);
    const matcher = compileFilterPattern(pattern);
    const expected = new Map(events.map((e) => [e.line, matcher.matches(e.event)]));
    return { wrong: disagreements(rows, expected), matching: [...expected.values()].filter(Boolean).length };
  };
}

describe("filter patterns as SQL on the filter-pattern cases' events, against the pattern engine", () => {
  const cases = patternCases().filter((c) => c.expected !== "InvalidParameterException");
  const compiling = [...new Set(cases.map((c) => c.pattern))].filter((pattern) => {
    try {
      return compilePatternToSql(pattern, EVENT) !== "";
    } catch (e) {
      if (!(e instanceof SqlUnsupportedError)) throw e;
      return false;
    }
  });
  const compare = onJsonEvents(cases);

  it("compiles the cases whose features have a faithful SQL form", () => {
    assert.ok(compiling.length >= 100, `only ${compiling.length} patterns compiled`);
  });

  for (const pattern of compiling) {
    it(`${pattern.trim()}: on every case's event`, async () => {
      assert.deepEqual((await compare(pattern)).wrong, []);
    });
  }
});

describe("wildcards with LIKE's own special characters, on an embedded SQL engine", () => {
  const texts = ["100%_done\\", "100ab_done\\", "100%xdone\\", "x_y", "xay", "it's", "50%", "a\\b", "%"];
  const compare = onJsonEvents(texts.map((m, i) => ({ line: i + 1, event: { m } })));
  const patterns = [
    '{ $.m = "*%_done\\\\*" }',
    '{ $.m = "100%*" }',
    '{ $.m = "*_y" }',
    '{ $.m != "x_*" }',
    '{ $.m = "it\'s*" }',
    '{ $.m = "*%" }',
    '{ $.m = "a\\\\*" }',
  ];

  for (const pattern of patterns) {
    it(`${pattern} treats % _ \\ and ' as ordinary characters`, async () => {
      const { wrong, matching } = await compare(pattern);
      assert.ok(matching > 0, "some text matches");
      assert.deepEqual(wrong, []);
    });
  }
});
