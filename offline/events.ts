/**
 * Reads log events from files, folders or standard input as a stream, so memory stays flat however
 * large the input: JSON lines, a CloudTrail log file (`{"Records": [...]}`) or a JSON array, a single
 * JSON object, or a CloudWatch Logs export (`<timestamp> <event>` lines); each gzipped or not.
 */
import * as fs from "fs";
import * as path from "path";
import { pipeline, Readable } from "stream";
import { StringDecoder } from "string_decoder";
import * as zlib from "zlib";
import { CompiledPattern, JsonTextError, parseJsonText } from "../policy/filter-pattern";

/**
 * Bytes read, and decompressed, at a time. Text decoded from a chunk this size stays below V8's
 * large-object size, so it is freed by the young generation's collections: memory stays flat.
 */
const CHUNK = 64 * 1024;

/** Input that cannot be read as events: names the file and, where it applies, the line or byte. */
export class EventInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventInputError";
  }
}

/** One log event: its text as written, and where it was. */
export interface LogEvent {
  /** The file's path, or "stdin". */
  readonly source: string;
  readonly text: string;
  /** 1-based line of a JSON-lines file or export; 0 when the event is not a line. */
  readonly line: number;
  /** 1-based position in a log file's `Records` (or a JSON array); 0 when not in one. */
  readonly record: number;
}

export type EventHandler = (event: LogEvent) => void;

/** `file:12` (a line), `file#3` (a record of a log file), or `file` (the file is one event). */
export function eventPlace(event: LogEvent): string {
  return event.source + position(event);
}

function position({ line, record }: LogEvent): string {
  return line > 0 ? `:${line}` : record > 0 ? `#${record}` : "";
}

/** One event's result: where it came from, its text, and whether the pattern matched. */
export interface EventResult {
  readonly source: string;
  /** `:12` (a line), `#3` (a record of a log file), or "" (the file is one event). */
  readonly position: string;
  readonly text: string;
  readonly matched: boolean;
}

/** Tests one event as CloudWatch Logs would test it against a metric filter's pattern. */
export function testEvent(pattern: CompiledPattern, event: LogEvent): EventResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.text);
  } catch (e) {
    throw new EventInputError(`${eventPlace(event)}: not a JSON event (${(e as Error).message})`);
  }
  return {
    source: event.source,
    position: position(event),
    // A pretty-printed record is shown on one line, as CloudWatch Logs receives it.
    text: event.line === 0 && event.text.includes("\n") ? JSON.stringify(parsed) : event.text,
    matched: pattern.matchesParsed(parsed, event.text),
  };
}

/** Each non-blank line of `text` is one event. */
export function testLines(pattern: CompiledPattern, text: string, name: string): EventResult[] {
  const results: EventResult[] = [];
  const lines = new LineEvents(name, false, (event) => results.push(testEvent(pattern, event)));
  lines.push(text);
  lines.end();
  return results;
}

/**
 * The files to read for `paths`: a file itself, a folder's files recursively in name order (which is
 * time order in CloudTrail's `YYYY/MM/DD` layout), `-` for standard input. Skips hidden files and
 * CloudTrail's digest folders, which hold checksums rather than events.
 */
export function listEventFiles(target: string): string[] {
  if (target === "-") return ["-"];
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    throw new EventInputError(`cannot read ${target}: ${(e as Error).message}`);
  }
  if (!stat.isDirectory()) return [target];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(target, { withFileTypes: true });
  } catch (e) {
    throw new EventInputError(`cannot read ${target}: ${(e as Error).message}`);
  }
  return entries
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "CloudTrail-Digest")
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => listEventFiles(path.join(target, entry.name)));
}

/**
 * Reads the events of one file (`-`: standard input) as they arrive, gunzipping when the content is
 * gzip. `onProgress` hears how many bytes of the file have been read so far.
 */
export async function readEventFile(
  file: string,
  onEvent: EventHandler,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  const name = file === "-" ? "stdin" : file;
  const input = file === "-" ? process.stdin : fs.createReadStream(file, { highWaterMark: CHUNK });
  const bytesRead = () => (input instanceof fs.ReadStream ? input.bytesRead : 0);
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch (e) {
    throw new EventInputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (first.done) return;
  const gzipped = first.value[0] === 0x1f && first.value[1] === 0x8b;
  const content: AsyncIterable<Buffer> = gzipped ? gunzip(first.value, chunks) : prepend(first.value, chunks);
  const events = new EventSplitter(name, onEvent);
  const decoder = new StringDecoder("utf8");
  let decoded = 0;
  try {
    for await (const chunk of content) {
      decoded += chunk.length;
      events.push(decoder.write(chunk));
      onProgress?.(bytesRead());
    }
  } catch (e) {
    if (e instanceof EventInputError) throw e;
    if (!gzipped) throw new EventInputError(`cannot read ${file}: ${(e as Error).message}`);
    const problem = (e as NodeJS.ErrnoException).code === "Z_BUF_ERROR" ? "truncated" : "corrupt";
    throw new EventInputError(
      `${name}: ${problem} gzip data after byte ${bytesRead()} of the file (${(e as Error).message}); ` +
        `the ${decoded} bytes of events before it were read`,
    );
  } finally {
    await chunks.return?.(); // closes the file when reading stopped early
  }
  events.push(decoder.end());
  events.end();
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function gunzip(first: Buffer, rest: AsyncIterator<Buffer>): Readable {
  // Errors reach the reader through the gunzip stream, which pipeline destroys with them.
  return pipeline(Readable.from(prepend(first, rest)), zlib.createGunzip({ chunkSize: CHUNK }), () => {});
}

/** Something that turns decoded text, pushed as it arrives, into events. */
interface Splitter {
  push(text: string): void;
  end(): void;
}

/**
 * Recognises the format from the first characters, then hands the text to the splitter for it. A
 * CloudTrail log file is split record by record without holding the file, however large.
 */
class EventSplitter implements Splitter {
  private head = "";
  private splitter: Splitter | undefined;

  constructor(
    private readonly source: string,
    private readonly onEvent: EventHandler,
  ) {}

  push(text: string): void {
    if (this.splitter !== undefined) return this.splitter.push(text);
    this.head += text;
    this.splitter = this.recognise(false);
    if (this.splitter !== undefined) this.flushHead();
  }

  end(): void {
    if (this.splitter === undefined) {
      this.splitter = this.recognise(true);
      if (this.splitter === undefined) return;
      this.flushHead();
    }
    this.splitter.end();
  }

  private flushHead(): void {
    const head = this.head;
    this.head = "";
    this.splitter!.push(head);
  }

  /** The splitter for the text in `head`, or undefined when more text is needed to tell. */
  private recognise(atEnd: boolean): Splitter | undefined {
    const text = this.head.replace(/^\uFEFF/, "");
    const start = text.search(/\S/);
    if (start < 0) return atEnd ? new LineEvents(this.source, false, this.onEvent) : undefined;
    this.head = text;
    const first = text[start];
    if (first === "[") return new DocumentEvents(this.source, 1, this.onEvent);
    if (first === "{") {
      const records = recordsHead(text, start);
      if (records === "yes") return new DocumentEvents(this.source, 2, this.onEvent);
      if (records === "more" && !atEnd) return undefined;
      const newline = text.indexOf("\n", start);
      if (newline < 0 && !atEnd) return undefined;
      // JSON lines when the first line is a whole JSON value; otherwise one multi-line document.
      return isJson(text.slice(start, newline < 0 ? undefined : newline))
        ? new LineEvents(this.source, false, this.onEvent)
        : new WholeDocument(this.source, this.onEvent);
    }
    const space = text.slice(start).search(/\s/);
    if (space < 0 && !atEnd && text.length - start < 64) return undefined;
    if (/^\d{4}-\d\d-\d\dT\S+ /.test(text.slice(start)))
      return new LineEvents(this.source, true, this.onEvent);
    throw new EventInputError(
      `${this.source}: not CloudTrail events: it starts with ${JSON.stringify(text.slice(start, start + 40))}, ` +
        `not JSON lines, a CloudTrail log file ({"Records": [...]}) or a CloudWatch Logs export (<timestamp> <event> lines)`,
    );
  }
}

/** Whether `text` from `start` opens a CloudTrail log file, `{"Records": [`, or may once more arrives. */
function recordsHead(text: string, start: number): "yes" | "no" | "more" {
  const tokens = ["{", '"Records"', ":", "["];
  let pos = start;
  for (const token of tokens) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    const available = text.slice(pos, pos + token.length);
    if (available !== token)
      return token.startsWith(available) && pos + token.length > text.length ? "more" : "no";
    pos += token.length;
  }
  return "yes";
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON lines, or with `timestamped`, a CloudWatch Logs export: `<timestamp> <event>` per line. */
class LineEvents implements Splitter {
  private carry = "";
  private line = 0;

  constructor(
    private readonly source: string,
    private readonly timestamped: boolean,
    private readonly onEvent: EventHandler,
  ) {}

  push(chunk: string): void {
    const text = this.carry === "" ? chunk : this.carry + chunk;
    let start = 0;
    for (let newline = text.indexOf("\n"); newline >= 0; newline = text.indexOf("\n", start)) {
      this.emit(text.slice(start, newline));
      start = newline + 1;
    }
    this.carry = text.slice(start);
  }

  end(): void {
    if (this.carry !== "") this.emit(this.carry);
    this.carry = "";
  }

  private emit(raw: string): void {
    this.line++;
    let text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.timestamped) {
      const space = text.indexOf(" ");
      if (space < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 84) {
        if (!/\S/.test(text)) return;
        throw new EventInputError(
          `${this.source}:${this.line}: not a CloudWatch Logs export line (expected "<timestamp> <event>")`,
        );
      }
      text = text.slice(space + 1);
    }
    // Blank lines carry no event; the test looks at the first character only, as events start with '{'.
    const first = text.charCodeAt(0);
    if (first !== 123 && !/\S/.test(text)) return;
    this.onEvent({ source: this.source, text, line: this.line, record: 0 });
  }
}

/**
 * The records of a JSON array (record depth 1) or of a CloudTrail log file's `Records` array (depth
 * 2), split by tracking strings and nesting without parsing. Concatenated log files, as `zcat`
 * prints them, follow one another.
 */
class DocumentEvents implements Splitter {
  private depth = 0;
  private inString = false;
  /** The string's last character so far was an escaping backslash. */
  private escaped = false;
  /** The records' array has closed (the rest of the document holds no records). */
  private closed = false;
  /** The record's text from earlier chunks, while inside a record that spans chunks. */
  private pending: string | undefined;
  private records = 0;
  private bytesBefore = 0;
  /** The next backslash in the current chunk at or after the last search (so each chunk is searched once). */
  private backslash = -1;

  constructor(
    private readonly source: string,
    private readonly recordDepth: 1 | 2,
    private readonly onEvent: EventHandler,
  ) {}

  push(text: string): void {
    let start = this.pending === undefined ? -1 : 0;
    this.backslash = -1;
    let i = this.inString ? this.skipString(text, 0) : 0;
    const recordDepth = this.recordDepth;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      const atRecordLevel = this.depth === recordDepth && !this.closed && start < 0;
      if (c === 34) {
        if (atRecordLevel) this.notAnObject(text, i);
        this.inString = true;
        i = this.skipString(text, i + 1);
        continue;
      }
      if (c === 123 || c === 91) {
        if (atRecordLevel) {
          if (c === 91) this.notAnObject(text, i);
          start = i;
        } else if (this.depth === 0) {
          this.closed = false;
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        if (--this.depth < 0) this.fail(text, i, "unbalanced brackets");
        if (start >= 0 && this.depth === recordDepth) {
          this.emit((this.pending ?? "") + text.slice(start, i + 1));
          this.pending = undefined;
          start = -1;
        } else if (this.depth === recordDepth - 1) {
          this.closed = true;
        }
      } else if (c > 32 && c !== 44 && c !== 58) {
        if (atRecordLevel) this.notAnObject(text, i);
        if (this.depth === 0) this.fail(text, i, "unexpected text after the end of the log file");
      }
      i++;
    }
    if (start >= 0) this.pending = (this.pending ?? "") + text.slice(start);
    this.bytesBefore += Buffer.byteLength(text);
  }

  end(): void {
    if (this.depth > 0 || this.inString) {
      const where = this.pending !== undefined ? `inside record #${this.records + 1}` : "before its end";
      throw new EventInputError(
        `${this.source}: the log file stops ${where}, at byte ${this.bytesBefore}: it is truncated`,
      );
    }
  }

  /** Moves past the rest of a string from `from` (inside it); returns the index after its closing quote. */
  private skipString(text: string, from: number): number {
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    for (;;) {
      const quote = text.indexOf('"', i);
      if (this.backslash < i) this.backslash = text.indexOf("\\", i) >>> 0; // none: beyond any index
      if (this.backslash < (quote < 0 ? text.length : quote)) {
        // An escape before the quote: step over the escaped character and look again.
        if (this.backslash === text.length - 1) {
          this.escaped = true;
          return text.length;
        }
        i = this.backslash + 2;
        continue;
      }
      if (quote < 0) return text.length;
      this.inString = false;
      return quote + 1;
    }
  }

  private emit(text: string): void {
    this.records++;
    this.onEvent({ source: this.source, text, line: 0, record: this.records });
  }

  private notAnObject(text: string, index: number): never {
    this.fail(text, index, `record #${this.records + 1} is not a JSON object`);
  }

  private fail(text: string, index: number, problem: string): never {
    const byte = this.bytesBefore + Buffer.byteLength(text.slice(0, index));
    throw new EventInputError(`${this.source}: ${problem}, at byte ${byte}`);
  }
}

/** A file that is one JSON document across lines: read whole, as it cannot be split before parsing. */
class WholeDocument implements Splitter {
  private text = "";

  constructor(
    private readonly source: string,
    private readonly onEvent: EventHandler,
  ) {}

  push(text: string): void {
    this.text += text;
  }

  end(): void {
    let document: unknown;
    try {
      document = JSON.parse(this.text);
    } catch {
      throw this.syntaxError();
    }
    const records = (document as { Records?: unknown } | null)?.Records;
    if (Array.isArray(records)) {
      records.forEach((record, i) =>
        this.onEvent({ source: this.source, text: JSON.stringify(record), line: 0, record: i + 1 }),
      );
    } else {
      this.onEvent({ source: this.source, text: this.text, line: 0, record: 0 });
    }
  }

  /** Where the document breaks, by line, from the parser that reports positions. */
  private syntaxError(): EventInputError {
    try {
      parseJsonText(this.text);
    } catch (e) {
      if (e instanceof JsonTextError) {
        const line = this.text.slice(0, e.offset).split("\n").length;
        return new EventInputError(`${this.source}:${line}: not valid JSON (${e.reason})`);
      }
    }
    return new EventInputError(`${this.source}: not valid JSON`);
  }
}
