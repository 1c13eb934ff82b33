import { strict as assert } from "assert";
import { compileFilterPattern, EventValue } from "../../policy/filter-pattern";
import { CIS_ALARM, CONTROLS, PATTERN_SETS } from "../../policy/catalog";
import { countPerPeriod } from "../../replay/count/tally";
import { CONTRIBUTOR_FIELDS } from "../../replay/report/contributors";
import { accountOf, principalName, principalOf } from "../../replay/count/principal";
import { ControlPattern, DayRange, emitQueries, EmitOptions } from "../../replay/sql";
import { isoSeconds, START } from "./archive";
import { Engine, jsonText, loadLake, loadTrail, TrailRecord, trailRecords } from "./sql-engine";

const controls: ControlPattern[] = CONTROLS.flatMap((c) =>
  Object.entries(c.patterns).map(([set, pattern]) => ({
    id: `${c.id}/${set}`,
    pattern,
    periodSeconds: c.alarm.periodSeconds,
  })),
);

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

      it("counts the same on CloudTrail Lake's types, reading its maps of strings with element_at", async () => {
        const [{ sql }] = emitQueries({
          target: "cloudtrail-lake",
          eventDataStore: "lakespread",
          controls: [control],
        });
        assert.deepEqual(await periods(sql, control.id), countPeriods(spread, control));
      });
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
    it(`${control.id}: the top contributors per principal and account, event, error, source address and region, as the replay names them`, async () => {
      const expected = topContributors(spread, control, 10);
      for (const options of [
        { target: "athena" as const, table: "spread" },
        { target: "cloudtrail-lake" as const, eventDataStore: "lakespread" },
      ]) {
        const [query] = emitQueries({ ...options, controls: [control], query: "contributors" });
        const rows = await engine.rows(query.sql);
        const actual = rows.map((r) => `${r.dimension} ${r.contributor} ${r.account} ${Number(r.matches)}`);
        assert.deepEqual(actual, expected, options.target);
      }
    });
  }
});

/** What the local replay calls the contributor of `record` in `dimension`, and its account for a principal. */
function contributor(
  dimension: (typeof CONTRIBUTOR_FIELDS)[number],
  record: EventValue,
): [string | null, string | null] {
  const r = record as Record<string, unknown>;
  if (dimension === "principal") return [principalName(principalOf(r.userIdentity)), accountOf(r) ?? null];
  const value = {
    eventName: r.eventName,
    errorCode: r.errorCode,
    sourceIPAddress: r.sourceIPAddress,
    region: r.awsRegion,
  }[dimension];
  return [typeof value === "string" ? value : null, null];
}

function topContributors(records: readonly TrailRecord[], control: ControlPattern, top: number): string[] {
  const matcher = compileFilterPattern(control.pattern);
  const matched = records.filter((r) => matcher.matchesText(r.text));
  const byValue = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
  return [...CONTRIBUTOR_FIELDS].sort().flatMap((dimension) => {
    const counts = new Map<string, { value: string | null; account: string | null; n: number }>();
    for (const r of matched) {
      const [value, account] = contributor(dimension, r.record);
      const key = JSON.stringify([value, account]);
      counts.set(key, { value, account, n: (counts.get(key)?.n ?? 0) + 1 });
    }
    return [...counts.values()]
      .sort((a, b) => b.n - a.n || byValue(a.value, b.value) || byValue(a.account, b.account))
      .slice(0, top)
      .map(({ value, account, n }) => `${dimension} ${value} ${account} ${n}`);
  });
}
