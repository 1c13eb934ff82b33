import { strict as assert } from "assert";
import * as fc from "fast-check";
import {
  AlarmState,
  alarmEntries,
  AlarmRule,
  evaluateRange,
  simulateAlarm,
  simulateRuns,
} from "../../replay/alarm/simulate";

type Treatment = AlarmRule["treatMissingData"];
const TREATMENTS: Treatment[] = ["missing", "ignore", "breaching", "notBreaching"];

/** `0` a datapoint below the threshold, `X` one at it, `-` no datapoint; oldest first. */
function datapoints(picture: string): (number | undefined)[] {
  return picture
    .split(/\s*/)
    .filter((c) => c !== "")
    .map((c) => (c === "X" ? 1 : c === "0" ? 0 : undefined));
}

function rule(datapointsToAlarm: number, evaluationPeriods: number, treatMissingData: Treatment): AlarmRule {
  return { threshold: 1, evaluationPeriods, datapointsToAlarm, treatMissingData };
}

describe("replay: CloudWatch alarm evaluation", () => {
  // The tables of "Configuring how CloudWatch alarms treat missing data" (Amazon CloudWatch User
  // Guide): five most recent datapoints, oldest first; the state for missing, ignore, breaching and
  // notBreaching. "keep" is the guide's "Retain current state".
  const tables: { m: number; n: number; rows: [string, string[]][] }[] = [
    {
      m: 3,
      n: 3,
      rows: [
        ["0 - X - X", ["OK", "OK", "OK", "OK"]],
        ["0 - - - -", ["OK", "OK", "OK", "OK"]],
        ["- - - - -", ["INSUFFICIENT_DATA", "keep", "ALARM", "OK"]],
        ["0 X X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
        ["- - X - -", ["ALARM", "keep", "ALARM", "OK"]],
      ],
    },
    {
      m: 2,
      n: 3,
      rows: [
        ["0 - X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
        ["0 0 X 0 X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
        ["0 - X - -", ["OK", "OK", "ALARM", "OK"]],
        ["- - - - 0", ["OK", "OK", "ALARM", "OK"]],
        ["- - - X -", ["ALARM", "keep", "ALARM", "OK"]],
      ],
    },
  ];
  for (const { m, n, rows } of tables) {
    for (const [picture, expected] of rows) {
      it(`evaluates ${picture} with ${m} of ${n} datapoints as the guide's table says`, () => {
        const states = TREATMENTS.map((t) => evaluateRange(datapoints(picture), rule(m, n, t)) ?? "keep");
        assert.deepEqual(states, expected);
      });
    }
  }

  it("goes into ALARM on the guide's premature case only once the breach is M periods old", () => {
    // "- - - - X" and "- - - X -" stay out of ALARM with 3 of 3; "- - X - -" goes in.
    assert.equal(evaluateRange(datapoints("- - - - X"), rule(3, 3, "missing")), "OK");
    assert.equal(evaluateRange(datapoints("- - - X -"), rule(3, 3, "missing")), "OK");
    assert.equal(evaluateRange(datapoints("- - X - -"), rule(3, 3, "missing")), "ALARM");
  });

  // A run of periods: each entry into ALARM is one notification.
  const run = "0 X 0 X X 0 - - - - X - - - - 0 0 X - X 0";
  const alarmed = (states: string[]) => states.flatMap((s, i) => (s === "ALARM" ? [i] : []));
  const cases: { m: number; n: number; treatment: Treatment; entries: number[]; inAlarm: number[] }[] = [
    // 1 of 1: a breach stays in ALARM while it is the newest datapoint of the 3-period range, so
    // period 18, empty, keeps the ALARM of period 17 and period 19 sends no second notification.
    {
      m: 1,
      n: 1,
      treatment: "notBreaching",
      entries: [1, 3, 10, 17],
      inAlarm: [1, 3, 4, 10, 11, 12, 17, 18, 19],
    },
    { m: 1, n: 1, treatment: "missing", entries: [1, 3, 10, 17], inAlarm: [1, 3, 4, 10, 11, 12, 17, 18, 19] },
    // Ignore keeps ALARM through 13 and 14, whose ranges hold no datapoint.
    {
      m: 1,
      n: 1,
      treatment: "ignore",
      entries: [1, 3, 10, 17],
      inAlarm: [1, 3, 4, 10, 11, 12, 13, 14, 17, 18, 19],
    },
    // Breaching: ranges without a datapoint (8, 9, 13, 14) breach.
    {
      m: 1,
      n: 1,
      treatment: "breaching",
      entries: [1, 3, 8, 17],
      inAlarm: [1, 3, 4, 8, 9, 10, 11, 12, 13, 14, 17, 18, 19],
    },
    // 2 of 3: two breaches among the three most recent datapoints.
    { m: 2, n: 3, treatment: "notBreaching", entries: [3, 19], inAlarm: [3, 4, 5, 6, 7, 19, 20] },
    // Ignore keeps OK where missing would alarm prematurely (11 to 14).
    { m: 2, n: 3, treatment: "ignore", entries: [3, 19], inAlarm: [3, 4, 5, 6, 7, 19, 20] },
    // Missing: the lone breach of period 10 alarms prematurely once it is 2 periods old.
    {
      m: 2,
      n: 3,
      treatment: "missing",
      entries: [3, 11, 19],
      inAlarm: [3, 4, 5, 6, 7, 11, 12, 13, 14, 19, 20],
    },
    // Breaching: missing datapoints fill up to 3, keeping ALARM until 16 has two real non-breaching ones.
    {
      m: 2,
      n: 3,
      treatment: "breaching",
      entries: [3, 19],
      inAlarm: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 19, 20],
    },
  ];
  for (const { m, n, treatment, entries, inAlarm } of cases) {
    it(`replays ${m} of ${n} with missing data ${treatment}: ${entries.length} notifications`, () => {
      const states = simulateAlarm(datapoints(run), rule(m, n, treatment));
      assert.deepEqual(alarmEntries(states), entries);
      assert.deepEqual(alarmed(states), inAlarm);
    });
  }

  it("compares the period's Sum with the threshold, at or above it breaching", () => {
    const states = simulateAlarm([2, 3, 5, 4], { ...rule(1, 1, "notBreaching"), threshold: 4 });
    assert.deepEqual(states, ["OK", "OK", "ALARM", "ALARM"]);
  });

  it("starts in INSUFFICIENT_DATA and does not count the time before the replay as missing", () => {
    assert.deepEqual(simulateAlarm([], rule(1, 1, "breaching")), []);
    // With breaching, a missing history would alarm at once; the replay's first datapoint decides.
    assert.deepEqual(simulateAlarm([0, 0], rule(2, 3, "breaching")), ["OK", "OK"]);
    assert.deepEqual(simulateAlarm([undefined], rule(1, 1, "ignore")), ["INSUFFICIENT_DATA"]);
  });

  it("evaluates only the periods whose range holds a datapoint, with the states of evaluating every period", () => {
    // Every period evaluated on its own range, oldest first: what the guide describes.
    const everyPeriod = (datapoints: (number | undefined)[], r: AlarmRule): AlarmState[] => {
      const range = r.evaluationPeriods + 2;
      const states: AlarmState[] = [];
      datapoints.forEach((_, i) => {
        const state = evaluateRange(datapoints.slice(Math.max(0, i - range + 1), i + 1), r);
        states.push(state ?? states[i - 1] ?? "INSUFFICIENT_DATA");
      });
      return states;
    };
    const datapoint = fc.oneof(
      fc.constant(undefined),
      fc.constant(undefined),
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(datapoint, { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.record({
            threshold: fc.integer({ min: 1, max: 3 }),
            evaluationPeriods: fc.constant(n),
            datapointsToAlarm: fc.integer({ min: 1, max: n }),
            treatMissingData: fc.constantFrom(...TREATMENTS),
          }),
        ),
        (datapoints, r) => {
          assert.deepEqual(simulateAlarm(datapoints, r), everyPeriod(datapoints, r));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps the states of a century as a few runs when it has a few datapoints", () => {
    const century = 100 * 365 * 288; // five-minute periods
    const runs = simulateRuns({ index: [0, century - 1], sum: [1, 1] }, century, rule(1, 1, "notBreaching"));
    assert.deepEqual(runs, [
      { from: 0, length: 3, state: "ALARM" },
      { from: 3, length: century - 4, state: "OK" },
      { from: century - 1, length: 1, state: "ALARM" },
    ]);
  });
});
