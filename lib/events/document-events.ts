import { EventInputError, EventSink, MAX_RECORD_LENGTH, recordTooLong, skipOrStop, Splitter } from "./event";

/**
 * The records of a JSON array (record depth 1) or of a CloudTrail log file's `Records` array (depth
 * 2), split by tracking strings and nesting without parsing. Concatenated log files, as `zcat`
 * prints them, follow one another. A record longer than MAX_RECORD_LENGTH is passed over without
 * being held.
 */
export class DocumentEvents implements Splitter {
  private depth = 0;
  private inString = false;
  /** The string's last character so far was an escaping backslash. */
  private escaped = false;
  /** The records' array has closed (the rest of the document holds no records). */
  private closed = false;
  /** The record's text from earlier chunks, while inside a record that spans chunks. */
  private pending: string | undefined;
  private pendingLength = 0;
  /** Inside a record too long to hold: its text is dropped up to its end. */
  private overlong = false;
  private records = 0;
  private bytesBefore = 0;
  /** The next backslash in the current chunk at or after the last search (so each chunk is searched once). */
  private backslash = -1;

  /** `bytesBefore`: bytes of the file already passed (white space before the document). */
  constructor(
    private readonly source: string,
    private readonly recordDepth: 1 | 2,
    private readonly sink: EventSink,
    bytesBefore = 0,
  ) {
    this.bytesBefore = bytesBefore;
  }

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
          const last = text.slice(start, i + 1);
          if (!this.overlong && this.pendingLength + last.length > MAX_RECORD_LENGTH) this.hold(last);
          this.records++;
          if (!this.overlong) this.emit((this.pending ?? "") + last);
          this.pending = undefined;
          this.pendingLength = 0;
          this.overlong = false;
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
    if (start >= 0) this.hold(text.slice(start));
    this.bytesBefore += Buffer.byteLength(text);
  }

  /** Keeps the part of a record read so far, unless the record is too long to keep. */
  private hold(piece: string): void {
    if (this.overlong) return;
    this.pendingLength += piece.length;
    if (this.pendingLength <= MAX_RECORD_LENGTH) {
      this.pending = (this.pending ?? "") + piece;
      return;
    }
    this.pending = "";
    this.overlong = true;
    skipOrStop(this.sink, recordTooLong(`${this.source}#${this.records + 1}`));
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
    this.sink.onEvent({ source: this.source, text, line: 0, record: this.records });
  }

  private notAnObject(text: string, index: number): never {
    this.fail(text, index, `record #${this.records + 1} is not a JSON object`);
  }

  private fail(text: string, index: number, problem: string): never {
    const byte = this.bytesBefore + Buffer.byteLength(text.slice(0, index));
    throw new EventInputError(`${this.source}: ${problem}, at byte ${byte}`);
  }
}
