import { strict as assert } from "assert";
import { compileFilterPattern, EventValue } from "../../policy/filter-pattern";
import { CIS_ALARM, CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import { countPerPeriod } from "../../replay/count/tally";
import { CONTRIBUTOR_FIELDS } from "../../replay/report/contributors";
import { ControlPattern, DayRange, emitQueries, EmitOptions, SqlUnsupportedError } from "../../replay/sql";
import { isoSeconds, START } from "./archive";
import { Engine, jsonText, loadLake, loadTrail, TrailRecord, trailRecords } from "./sql-engine";

const controls: ControlPattern[] = CONTROLS.flatMap((c) =>
  Object.entries(c.patterns).map(([set, pattern]) => ({
    id: `${c.id}/${set}`,
    pattern,
    periodSeconds: c.alarm.periodSeconds,
  })),
);
/**
 * The catalog controls whose patterns CloudTrail Lake cannot run: each reads additionalEventData,
 * which Lake stores as a map of strings.
 */
const REFUSED_ON_LAKE = new Set(["console-signin-without-mfa"]);
/** "root-account-usage/cis-latest/hourly" → "root-account-usage". */
const catalogId = (control: ControlPattern): string => control.id.split("/")[0];

/** The same patterns over hourly and daily periods, so that the period is not a constant that happens to work. */
const longerPeriods = controls.flatMap((c) => [
  { ...c, id: `${c.id}/hourly`, periodSeconds: 3600 },
  { ...c, id: `${c.id}/daily`, periodSeconds: 86_400 },
]);

const published = trailRecords();
/**
 * The corpus records with eventTime rewritten across about three weeks: threes 97 seconds apart
 * (so periods with several matches, and threes that straddle a period's end), 26,000 s between threes.
 */
const spread: TrailRecord[] = published.map(({ line, record }, i) => {
  const moved = {
    ...(record as Record<string, EventValue>),
    eventTime: isoSeconds(START + Math.floor(i / 3) * 26_000 + (i % 3) * 97),
  };
  return { line, record: moved, text: jsonText(moved) };
});

function eventTime(r: TrailRecord): number | undefined {
  const t = (r.record as Record<string, EventValue>).eventTime;
  return typeof t === "string" ? Date.parse(t) / 1000 : undefined;
}

/** What the queries should return, counted plainly with the pattern engine. */
function countPeriods(
  records: readonly TrailRecord[],
  control: ControlPattern,
  days: DayRange = {},
): string[] {
  const from = days.from === undefined ? -Infinity : Date.parse(`${days.from}T00:00:00Z`) / 1000;
  const to = days.to === undefined ? Infinity : Date.parse(`${days.to}T00:00:00Z`) / 1000 + 86_400;
  const matcher = compileFilterPattern(control.pattern);
  const counts = new Map<number, number>();
  for (const r of records) {
    const t = eventTime(r);
    if (t === undefined || t < from || t >= to || !matcher.matchesText(r.text)) continue;
    const start = Math.floor(t / control.periodSeconds) * control.periodSeconds;
    counts.set(start, (counts.get(start) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a - b).map(([start, n]) => `${control.id} ${isoSeconds(start)} ${n}`);
}

describe("the emitted queries on an embedded SQL engine, against counts made with the pattern engine", () => {
  let engine: Engine;

  before(async () => {
    engine = await Engine.open();
    await loadTrail(engine, "published", published);
    await loadTrail(engine, "spread", spread);
    await loadLake(engine, "lakespread", "spread");
  });
  after(() => engine.close());

  /** Runs a period query, reading each row as "control period-start matches". */
  async function periods(sql: string, control?: string): Promise<string[]> {
    const rows = await engine.rows(
      `SELECT ${control ? `'${control}'` : "control"} AS control, epoch(period_start) AS start, matches FROM (${sql}) AS q`,
    );
    return rows.map((r) => `${r.control} ${isoSeconds(Number(r.start))} ${Number(r.matches)}`);
  }

  function emit(options: Omit<EmitOptions, "target"> & Partial<EmitOptions>) {
    return emitQueries({ target: "athena", ...options });
  }

  for (const control of [...controls, ...longerPeriods]) {
    describe(`${control.id}, ${control.periodSeconds} s periods`, () => {
      it("counts each period's matches over the corpus as published, leaving out records without eventTime", async () => {
        const [query] = emit({ controls: [control], table: "published" });
        assert.deepEqual(await periods(query.sql, control.id), countPeriods(published, control));
      });

      it("counts each period's matches over records spread across three weeks", async () => {
        const [query] = emit({ controls: [control], table: "spread" });
        assert.deepEqual(await periods(query.sql, control.id), countPeriods(spread, control));
      });

      it("counts only the days from --from to --to, both included", async () => {
        const days = { from: "2026-03-04", to: "2026-03-06" };
        const [query] = emit({ controls: [control], table: "spread", ...days });
        assert.deepEqual(await periods(query.sql, control.id), countPeriods(spread, control, days));
      });

      const refused = REFUSED_ON_LAKE.has(catalogId(control));
      it(
        refused
          ? "refuses the pattern on CloudTrail Lake, whose additionalEventData is a map of strings"
          : "counts the same on CloudTrail Lake's types",
        async () => {
          const lake = () =>
            emitQueries({ target: "cloudtrail-lake", eventDataStore: "lakespread", controls: [control] });
          if (refused) {
            assert.throws(lake, (e: unknown) => {
              assert.ok(e instanceof SqlUnsupportedError, String(e));
              assert.match(e.reason, /^additionalEventData: CloudTrail Lake stores it as a map of strings/);
              return true;
            });
            return;
          }
          const [{ sql }] = lake();
          assert.deepEqual(await periods(sql, control.id), countPeriods(spread, control));
        },
      );
    });
  }

  it("counts every control in one query, reading the table once, as the per-control queries do", async () => {
    const all = [...controls, ...longerPeriods];
    const [query] = emit({ controls: all, table: "spread", combined: true });
    assert.equal(query.control, "all");
    assert.equal(query.sql.match(/\bFROM spread\b/g)?.length, 1);
    const expected = all.flatMap((c) => countPeriods(spread, c)).sort();
    assert.deepEqual((await periods(query.sql)).sort(), expected);
  });

  it("counts per period exactly what the local replay counts, for every control and pattern set", async () => {
    const replayed = CONTROLS.flatMap((control) =>
      PATTERN_SETS.map((set) => ({
        control,
        pattern: control.patterns[set],
        metricName: control.metricName,
        alarm: { ...CIS_ALARM, datapointsToAlarm: 1, actionsEnabled: true },
      })),
    );
    const local = countPerPeriod(
      spread.map((r) => r.text),
      replayed,
    );
    for (const [i, counted] of local.entries()) {
      const { control, pattern } = replayed[i];
      const [query] = emit({ controls: [{ id: control.id, pattern, periodSeconds: 300 }], table: "spread" });
      const expected = [...counted.matches]
        .sort(([a], [b]) => a - b)
        .map(([start, n]) => `${control.id} ${isoSeconds(start)} ${n}`);
      assert.deepEqual(await periods(query.sql, control.id), expected, `${control.id}: ${pattern}`);
    }
  });

  for (const control of controls) {
    it(`${control.id}: the top contributors per principal, event, error, source address and region`, async () => {
      const [query] = emit({ controls: [control], table: "spread", query: "contributors" });
      const rows = await engine.rows(query.sql);
      const actual = rows.map((r) => `${r.dimension} ${r.contributor} ${Number(r.matches)}`);
      assert.deepEqual(actual, topContributors(spread, control, 10));
    });
  }
});

/** The replay's principal: userIdentity.arn, or userIdentity.type for the root user and AWS services. */
function contributor(dimension: (typeof CONTRIBUTOR_FIELDS)[number], record: EventValue): string | null {
  const r = record as Record<string, EventValue>;
  const identity = (r.userIdentity ?? {}) as Record<string, EventValue>;
  const value = {
    principal: identity.type === "Root" || identity.type === "AWSService" ? identity.type : identity.arn,
    eventName: r.eventName,
    errorCode: r.errorCode,
    sourceIPAddress: r.sourceIPAddress,
    region: r.awsRegion,
  }[dimension];
  return typeof value === "string" ? value : null;
}

function topContributors(records: readonly TrailRecord[], control: ControlPattern, top: number): string[] {
  const matcher = compileFilterPattern(control.pattern);
  const matched = records.filter((r) => matcher.matchesText(r.text));
  return [...CONTRIBUTOR_FIELDS].sort().flatMap((dimension) => {
    const counts = new Map<string | null, number>();
    for (const r of matched) {
      const value = contributor(dimension, r.record);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const byValue = (a: string | null, b: string | null) =>
      a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
    return [...counts]
      .sort(([a, m], [b, n]) => n - m || byValue(a, b))
      .slice(0, top)
      .map(([value, n]) => `${dimension} ${value} ${n}`);
  });
}
