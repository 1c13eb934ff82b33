/**
 * Reads log events from files or standard input: JSON lines, a single JSON object, or a
 * CloudTrail log file (`{"Records": [...]}`), gzipped or not.
 */
import * as fs from "fs";
import * as zlib from "zlib";
import {
  CompiledPattern,
  EventValue,
  JsonNumber,
  JsonTextError,
  parseJsonText,
} from "../policy/filter-pattern";

/** Input that cannot be read as events: names the file and, where it applies, the line. */
export class EventInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventInputError";
  }
}

export interface EventSource {
  /** How messages name it: the file's path, or "stdin". */
  readonly name: string;
  readonly content: Buffer;
}

/** One event's result: where it came from, its text, and whether the pattern matched. */
export interface EventResult {
  /** The file's name and the event's line (JSON lines) or position (`#3`, in a document). */
  readonly source: string;
  readonly position: string;
  readonly text: string;
  readonly matched: boolean;
}

export function readSource(file: string): EventSource {
  try {
    return file === "-"
      ? { name: "stdin", content: fs.readFileSync(0) }
      : { name: file, content: fs.readFileSync(file) };
  } catch (e) {
    throw new EventInputError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

export function testSource(pattern: CompiledPattern, source: EventSource): EventResult[] {
  const text = decode(source);
  const document = wholeDocument(text);
  return document === undefined
    ? testLines(pattern, text, source.name)
    : testDocument(pattern, document, source.name);
}

function decode({ name, content }: EventSource): string {
  if (content[0] !== 0x1f || content[1] !== 0x8b) return content.toString("utf8");
  try {
    return zlib.gunzipSync(content).toString("utf8");
  } catch (e) {
    throw new EventInputError(`cannot read ${name}: not a valid gzip file (${(e as Error).message})`);
  }
}

// The text as one JSON object or array, or undefined for JSON lines: the parse gives up at the
// second line of a JSON-lines file, so trying it first costs little.
function wholeDocument(text: string): EventValue | undefined {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") return undefined;
  try {
    return parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonTextError) return undefined;
    throw e;
  }
}

/** Each non-blank line is one event; the hot path of the command, kept to JSON.parse and the match. */
export function testLines(pattern: CompiledPattern, text: string, name: string): EventResult[] {
  const results: EventResult[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    if (!/\S/.test(line)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw new EventInputError(`${name}:${i + 1}: not a JSON event (${(e as Error).message})`);
    }
    results.push({
      source: name,
      position: `:${i + 1}`,
      text: line,
      matched: pattern.matchesParsed(parsed, line),
    });
  }
  return results;
}

function testDocument(pattern: CompiledPattern, document: EventValue, name: string): EventResult[] {
  const isObject = (v: EventValue): v is { [key: string]: EventValue } =>
    v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof JsonNumber);
  const records: EventValue[] =
    isObject(document) && Array.isArray(document.Records)
      ? document.Records
      : Array.isArray(document)
        ? document
        : [document];
  return records.map((record, i) => ({
    source: name,
    position: records.length === 1 && records[0] === document ? "" : `#${i + 1}`,
    text: JSON.stringify(record, (_key, v) => (v instanceof JsonNumber ? Number(v.text) : v)),
    matched: pattern.matches(record),
  }));
}
