/** The corpus of CloudTrail records and filter-pattern cases in tests/data (its README says where each came from). */
import * as fs from "fs";
import * as path from "path";
import { EventValue, JsonNumber, parseJsonText } from "../../policy/filter-pattern";

export const CORPUS = path.resolve(__dirname, "../data");

/** The non-blank lines of a corpus file. */
export function corpusLines(file: string): string[] {
  return fs
    .readFileSync(path.join(CORPUS, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

export interface PatternCase {
  readonly line: number;
  readonly pattern: string;
  /** The event with each number's text as the corpus wrote it. */
  readonly event: EventValue;
  readonly expected: boolean | "InvalidParameterException";
  readonly source: string;
}

export function patternCases(): PatternCase[] {
  return corpusLines("filter-pattern-cases.jsonl").map((text, i) => {
    const c = parseJsonText(text) as Record<string, EventValue>;
    return {
      line: i + 1,
      pattern: c.pattern as string,
      event: c.event,
      expected: c.expected as PatternCase["expected"],
      source: c.source as string,
    };
  });
}

export interface CloudTrailCase {
  readonly line: number;
  /** The record alone, as CloudWatch Logs receives it. */
  readonly text: string;
  readonly errorCode: string | null;
  readonly expectedUnauthorized: boolean;
}

export function cloudTrailCases(): CloudTrailCase[] {
  return corpusLines("cloudtrail-events.jsonl").map((text, i) => {
    const c = parseJsonText(text) as Record<string, EventValue>;
    return {
      line: i + 1,
      text: JSON.stringify(c.event, (_k, v) => (v instanceof JsonNumber ? Number(v.text) : v)),
      errorCode: c.errorCode as string | null,
      expectedUnauthorized: c.expected_unauthorized as boolean,
    };
  });
}
