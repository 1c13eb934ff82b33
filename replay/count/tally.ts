/**
 * The tally of a replay: every event once, for all chosen controls together. It counts what each
 * metric filter would publish (its matches per alarm period, by eventTime, periods aligned to the
 * Unix epoch) and remembers who and what matched. Events that no pattern can match (most of them)
 * are not parsed: the prefilter tells them by their text, and their eventTime is read off the text.
 */
import { AlarmSettings } from "../../infra/config/settings";
import { Control } from "../../policy/catalog";
import { compileFilterPattern, CompiledPattern, parseFilterPattern } from "../../policy/filter-pattern";
import { PeriodRuns } from "./period-runs";
import { Prefilter } from "./prefilter";
import { accountOf, Principal, principalOf, sessionsTogether } from "./principal";

/** A control as the program deploys it for a stack. */
export interface ReplayControl {
  readonly control: Control;
  /** The filter pattern of the stack's pattern set. */
  readonly pattern: string;
  readonly metricName: string;
  readonly alarm: AlarmSettings;
}

/** An event the replay cannot count: not a JSON object, or without a usable eventTime. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecordError";
  }
}

/** Counts by alarm period: the period's start, in seconds since the epoch, to a count. */
export type PeriodCounts = Map<number, number>;

/** The first and last minute with events, each in seconds since the epoch. */
export interface Span {
  readonly first: number;
  readonly last: number;
}

/** Matching events that share who made them, what they were, and where they came from. */
export interface Row {
  readonly principal: Principal;
  /** The account the events are about (recipientAccountId, else the principal's). */
  readonly account?: string;
  readonly eventName?: string;
  readonly errorCode?: string;
  readonly sourceIPAddress?: string;
  readonly awsRegion?: string;
  /**
   * The first event of this principal and event name, as written: every such event gives the same
   * verdict on an exclusion of either, so one stands for all.
   */
  readonly sample: string;
  readonly periods: PeriodRuns;
}

export class ControlTally {
  matched = 0;
  readonly periods: PeriodCounts = new Map();
  readonly rows = new Map<string, Row>();
  private readonly samples = new Map<string, string>();
  /** Each userIdentity.arn met, to the principal's: the sessions of a role share its rows. */
  private readonly principalArns = new Map<string, string>();

  constructor(readonly periodSeconds: number) {}

  add(record: Record<string, unknown>, text: string, minute: number): void {
    const period = periodStart(minute * 60, this.periodSeconds);
    this.matched++;
    increment(this.periods, period);
    const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
    const arn = this.principalArn(identity.arn);
    const account = accountOf(record);
    const key =
      `${identity.type}\u0000${arn}\u0000${identity.invokedBy}\u0000${account}\u0000${record.eventName}\u0000` +
      `${record.errorCode}\u0000${record.sourceIPAddress}\u0000${record.awsRegion}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = this.newRow(record, text, account);
      this.rows.set(key, row);
    }
    row.periods.add(period);
  }

  private principalArn(arn: unknown): unknown {
    if (typeof arn !== "string") return arn;
    let principal = this.principalArns.get(arn);
    if (principal === undefined) this.principalArns.set(arn, (principal = sessionsTogether(arn)));
    return principal;
  }

  private newRow(record: Record<string, unknown>, text: string, account: string | undefined): Row {
    const principal = principalOf(record.userIdentity);
    const eventName = stringValue(record.eventName);
    const group = `${principal.type}\u0000${principal.arn}\u0000${principal.invokedBy}\u0000${eventName}`;
    let sample = this.samples.get(group);
    // A copy: the text is a slice of the chunk it was read in, which it would keep in memory.
    if (sample === undefined) this.samples.set(group, (sample = Buffer.from(text).toString()));
    return {
      principal,
      account,
      eventName,
      errorCode: stringValue(record.errorCode),
      sourceIPAddress: stringValue(record.sourceIPAddress),
      awsRegion: stringValue(record.awsRegion),
      sample,
      periods: new PeriodRuns(),
    };
  }
}

export class Tally {
  events = 0;
  readonly controls: ControlTally[];
  /** The chosen controls' patterns, in their order. */
  readonly patterns: readonly CompiledPattern[];
  private readonly prefilter: Prefilter;
  /** Minutes (since the epoch) in which any event happened: the filters publish 0 in those. */
  private readonly minutes = new Set<number>();
  private lastMinute = NaN;
  private readonly times = new EventTimes();

  constructor(chosen: readonly ReplayControl[]) {
    const trees = chosen.map((c) => parseFilterPattern(c.pattern));
    this.patterns = trees.map((tree) => compileFilterPattern(tree));
    this.prefilter = new Prefilter(trees);
    this.controls = chosen.map((c) => new ControlTally(c.alarm.periodSeconds));
  }

  /**
   * Counts one event, given as its text. `check`: parse it even if no pattern can match it, to tell
   * a file that is not CloudTrail by its first event.
   */
  add(text: string, check = false): void {
    const candidates = this.prefilter.candidates(text);
    // An event that looks like one JSON object and that no pattern can match is not parsed.
    if (
      !check &&
      candidates.length === 0 &&
      text.charCodeAt(0) === 123 &&
      text.charCodeAt(text.length - 1) === 125
    ) {
      const minute = this.times.minuteInText(text);
      if (minute !== undefined) return this.saw(minute);
    }
    const record = parseRecord(text);
    const minute = this.times.minuteOfRecord(record);
    this.saw(minute);
    for (const i of candidates) {
      if (this.patterns[i].matchesParsed(record, text)) this.controls[i].add(record, text, minute);
    }
  }

  /** Counts an event of `minute`, once it is known to be a CloudTrail record. */
  private saw(minute: number): void {
    this.events++;
    if (minute !== this.lastMinute) this.minutes.add((this.lastMinute = minute));
  }

  /** The periods (by start) in which any event happened, for alarm periods of `periodSeconds`. */
  periodsWithEvents(periodSeconds: number): Set<number> {
    return new Set([...this.minutes].map((minute) => periodStart(minute * 60, periodSeconds)));
  }

  /** The first and last minute with events; undefined without events. */
  span(): Span | undefined {
    if (this.minutes.size === 0) return undefined;
    let first = Infinity;
    let last = -Infinity;
    for (const minute of this.minutes) {
      first = Math.min(first, minute);
      last = Math.max(last, minute);
    }
    return { first: first * 60, last: last * 60 };
  }
}

/** What each control's metric filter publishes for `texts`: matches per period, and the periods with any event. */
export function countPerPeriod(
  texts: Iterable<string>,
  chosen: readonly ReplayControl[],
): { id: string; periodSeconds: number; matches: PeriodCounts; withEvents: Set<number> }[] {
  const tally = new Tally(chosen);
  for (const text of texts) tally.add(text);
  return tally.controls.map((c, i) => ({
    id: chosen[i].control.id,
    periodSeconds: c.periodSeconds,
    matches: c.periods,
    withEvents: tally.periodsWithEvents(c.periodSeconds),
  }));
}

/** Start of the alarm period holding `seconds`, both in seconds since the epoch, as periods align to it. */
export function periodStart(seconds: number, periodSeconds: number): number {
  return Math.floor(seconds / periodSeconds) * periodSeconds;
}

function increment(counts: PeriodCounts, period: number): void {
  counts.set(period, (counts.get(period) ?? 0) + 1);
}

function stringValue(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function parseRecord(text: string): Record<string, unknown> {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (e) {
    throw new RecordError(`not a JSON event (${(e as Error).message})`);
  }
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new RecordError("not a CloudTrail record: the event is not a JSON object");
  }
  return record as Record<string, unknown>;
}

/** An eventTime: a date and a time to the minute at least, in UTC unless it says otherwise. */
const EVENT_TIME = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?(Z|([+-])(\d\d):?(\d\d))?$/;

/** Reads eventTime as a minute since the epoch, remembering the last hour (events come in runs). */
class EventTimes {
  private lastHour = "-";
  private lastHourMinute = 0;

  minuteOfRecord(record: Record<string, unknown>): number {
    const time = record.eventTime;
    if (time === undefined) throw new RecordError("a record without eventTime: not a CloudTrail record");
    const minute = typeof time === "string" ? this.minute(time, 0, time.length) : undefined;
    if (minute === undefined) {
      throw new RecordError(`eventTime ${JSON.stringify(time)} is not a time such as 2026-01-15T10:00:00Z`);
    }
    return minute;
  }

  /**
   * eventTime read off the text; undefined when not found that simply. CloudTrail writes it after
   * userIdentity, which has no eventTime of its own, and before requestParameters and the other
   * objects that may hold any key: the first `"eventTime":` is the record's own.
   */
  minuteInText(text: string): number | undefined {
    const key = text.indexOf('"eventTime"');
    if (key < 0) return undefined;
    let i = key + 11;
    while (text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i++) !== 58) return undefined;
    while (text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i) !== 34) return undefined;
    const end = text.indexOf('"', i + 1);
    return end < 0 ? undefined : this.minute(text, i + 1, end);
  }

  /** The minute of the time written from `start` to `end` of `text`. */
  private minute(text: string, start: number, end: number): number | undefined {
    // CloudTrail's own form, 2026-01-15T10:04:05Z, in an hour seen last: only the minute to read.
    if (end - start === 20 && text.charCodeAt(start + 19) === 90 && text.startsWith(this.lastHour, start)) {
      const minute = twoDigits(text, start + 14);
      if (minute < 60 && text.charCodeAt(start + 16) === 58 && twoDigits(text, start + 17) < 60) {
        return this.lastHourMinute + minute;
      }
    }
    const time = text.slice(start, end);
    const m = EVENT_TIME.exec(time);
    if (m === null) return undefined;
    const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
    const offset = m[7] === undefined ? 0 : (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
    // Date.UTC reads the years 0 to 99 as 1900 to 1999: the year is set on its own.
    const date = new Date(Date.UTC(2000, month - 1, day, hour, minute));
    date.setUTCFullYear(year, month - 1, day);
    const result = date.getTime() / 60_000 - offset;
    if (m[6] === "Z") {
      this.lastHour = time.slice(0, 14); // through "T10:"
      this.lastHourMinute = result - minute;
    }
    return result;
  }
}

/** The number written with two digits at `at`, or 99 when they are not digits. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const units = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : 99;
}
