import { strict as assert } from "assert";
import { CONTROLS } from "../../policy/catalog";
import { emitQueries, SqlUnsupportedError } from "../../replay/sql";
import { replay } from "./archive";

describe("npm run replay --emit: the replay's counts as SQL, for where the events are", () => {
  it("prints {queries: [{control, sql}]} with --json, one per control the stack chooses", async () => {
    const run = await replay(["--emit", "athena", "--json", "--table", "audit.cloudtrail_logs"]);
    assert.equal(run.status, 0, run.stderr);
    const { queries } = JSON.parse(run.stdout) as { queries: { control: string; sql: string }[] };
    assert.deepEqual(
      queries.map((q) => q.control),
      CONTROLS.map((c) => c.id),
    );
    for (const { sql } of queries) {
      assert.match(sql, /AS period_start,\n {2}count\(\*\) AS matches\nFROM audit\.cloudtrail_logs\n/);
    }
  });

  it("prints one query for all controls with --combined, limited to the days asked for", async () => {
    const run = await replay([
      "--emit",
      "athena",
      "--combined",
      "--from",
      "2026-01-01",
      "--to",
      "2026-01-31",
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^-- all\nSELECT\n {2}c\.control,/);
    assert.match(
      run.stdout,
      /eventtime >= '2026-01-01T00:00:00Z'\n {2}AND eventtime < '2026-02-01T00:00:00Z'/,
    );
  });

  it("prints CloudTrail Lake queries for every control the stack chooses, reading Lake's maps with element_at", async () => {
    const lake = await replay(["--emit", "cloudtrail-lake", "--json", "--event-data-store", "eds-1"]);
    assert.equal(lake.status, 0, lake.stderr);
    assert.equal(lake.stderr, "");
    const { queries } = JSON.parse(lake.stdout) as { queries: { control: string; sql: string }[] };
    assert.deepEqual(
      queries.map((q) => q.control),
      CONTROLS.map((c) => c.id),
    );
    assert.ok(queries.every((q) => /\nFROM eds-1\n/.test(q.sql)));
    assert.match(
      queries.find((q) => q.control === "console-signin-without-mfa")!.sql,
      /element_at\(additionalEventData, 'MFAUsed'\) <> 'Yes'/,
    );
  });

  it("leaves out, and names, the chosen controls whose patterns have no SQL; refuses them when asked for", () => {
    const controls = [
      { id: "term", pattern: "ERROR -DEBUG", periodSeconds: 300 },
      { id: "json", pattern: '{ $.eventName = "ConsoleLogin" }', periodSeconds: 300 },
    ];
    const leftOut: string[] = [];
    const queries = emitQueries({
      target: "athena",
      controls,
      onLeftOut: (id, e) => leftOut.push(`${id}: ${e.reason}`),
    });
    assert.deepEqual(
      queries.map((q) => q.control),
      ["json"],
    );
    assert.deepEqual(leftOut, [
      "term: term patterns search the raw event text, which the table does not keep; write a JSON pattern",
    ]);
    assert.throws(() => emitQueries({ target: "athena", controls }), SqlUnsupportedError);
    assert.throws(
      () => emitQueries({ target: "athena", controls: controls.slice(0, 1), onLeftOut: () => {} }),
      /^SqlOptionError: no chosen control compiles to SQL: there is nothing to query$/,
    );
  });

  it("exits 2 on arguments that do not go together, saying why", async () => {
    const cases: [string[], RegExp][] = [
      [["--emit", "bigquery"], /^--emit bigquery is not a query engine: use athena or cloudtrail-lake\n/],
      [["--emit", "athena", "events.json"], /^--emit prints queries .* reads no PATH: leave them out\n/],
      [["--table", "t", "events.json"], /^--table goes with --emit athena or --emit cloudtrail-lake\n/],
      [["--emit", "athena", "--from", "2026-02-30"], /^--from 2026-02-30 is not a day: use YYYY-MM-DD/],
      [
        ["--emit", "athena", "--from", "2026-02-02", "--to", "2026-02-01"],
        /^--from 2026-02-02 is after --to 2026-02-01\n/,
      ],
      [
        ["--emit", "cloudtrail-lake"],
        /^error: --emit cloudtrail-lake needs --event-data-store ID \(or its ARN\)$/,
      ],
      [["--emit", "athena", "--combined", "--contributors"], /^error: contributors are counted per control/],
    ];
    for (const [args, message] of cases) {
      const run = await replay(args);
      assert.equal(run.status, 2, args.join(" "));
      assert.match(run.stderr, message, args.join(" "));
    }
  });
});
