import { EventInputError, EventSink, MAX_RECORD_LENGTH, Splitter } from "./event";
import { LineEvents } from "./line-events";
import { DocumentEvents } from "./document-events";
import { WholeDocument } from "./whole-document";

/** How a CloudTrail log file starts; white space may come between its four tokens. */
const RECORDS_HEAD = '{"Records":[';
const BETWEEN_TOKENS = new Set([1, 10, 11]);

/**
 * Recognises the format from the first characters, then hands the text to the splitter for it. A
 * CloudTrail log file is split record by record without holding the file, however large. Until the
 * format is known, each chunk is looked at once, white space before the first event is counted
 * rather than kept, and no more than a record's length is held.
 */
export class EventSplitter implements Splitter {
  private splitter: Splitter | undefined;
  /** White space (a byte order mark too) before the text, as its splitter's starting position. */
  private bytesBefore = 0;
  private linesBefore = 0;
  /** The text from its first character that is not white space, while the format is not known. */
  private head: string[] = [];
  private headLength = 0;
  /** Characters of RECORDS_HEAD the text starts with, or -1 once it is known not to. */
  private recordsHead = 0;
  private firstLineEnded = false;

  constructor(
    private readonly source: string,
    private readonly sink: EventSink,
  ) {}

  push(text: string): void {
    if (this.splitter !== undefined) return this.splitter.push(text);
    if (this.headLength === 0) {
      const start = text.search(/\S/);
      const before = start < 0 ? text : text.slice(0, start);
      this.bytesBefore += Buffer.byteLength(before);
      for (let i = before.indexOf("\n"); i >= 0; i = before.indexOf("\n", i + 1)) this.linesBefore++;
      if (start < 0) return;
      text = text.slice(start);
    }
    this.head.push(text);
    this.headLength += text.length;
    this.scan(text);
    const splitter = this.recognise(false);
    if (splitter !== undefined) this.start(splitter);
  }

  end(): void {
    if (this.splitter === undefined) this.start(this.recognise(true)!);
    this.splitter!.end();
  }

  private start(splitter: Splitter): void {
    this.splitter = splitter;
    const head = this.head.join("");
    this.head = [];
    splitter.push(head);
  }

  /** Follows the head's start through `{"Records": [`, and notes the end of its first line. */
  private scan(text: string): void {
    if (!this.firstLineEnded && text.includes("\n")) this.firstLineEnded = true;
    for (let i = 0; i < text.length && this.recordsHead >= 0 && this.recordsHead < RECORDS_HEAD.length; i++) {
      if (BETWEEN_TOKENS.has(this.recordsHead) && /\s/.test(text[i])) continue;
      this.recordsHead = text[i] === RECORDS_HEAD[this.recordsHead] ? this.recordsHead + 1 : -1;
    }
  }

  /** The splitter for the head, or undefined when more text is needed to tell. */
  private recognise(atEnd: boolean): Splitter | undefined {
    if (this.headLength === 0) return atEnd ? this.lines(false) : undefined;
    // Past a record's length the head cannot be one record: what it is, a reader of lines says.
    const enough = atEnd || this.headLength > MAX_RECORD_LENGTH;
    const first = this.head[0][0];
    if (first === "[") return new DocumentEvents(this.source, 1, this.sink, this.bytesBefore);
    if (first === "{") {
      if (this.recordsHead === RECORDS_HEAD.length) {
        return new DocumentEvents(this.source, 2, this.sink, this.bytesBefore);
      }
      if (!enough && (this.recordsHead >= 0 || !this.firstLineEnded)) return undefined;
      if (!this.firstLineEnded && !atEnd) return this.lines(false);
      const text = this.head.join("");
      this.head = [text];
      const newline = text.indexOf("\n");
      // JSON lines when the first line is a whole JSON value; otherwise one multi-line document.
      return isJson(newline < 0 ? text : text.slice(0, newline))
        ? this.lines(false)
        : new WholeDocument(this.source, this.sink, this.linesBefore);
    }
    const text = this.head.join("");
    this.head = [text];
    if (!/\s/.test(text) && !atEnd && text.length < 64) return undefined;
    if (/^\d{4}-\d\d-\d\dT\S+ /.test(text)) return this.lines(true);
    throw new EventInputError(
      `${this.source}: not CloudTrail events: it starts with ${JSON.stringify(text.slice(0, 40))}, ` +
        `not JSON lines, a CloudTrail log file ({"Records": [...]}) or a CloudWatch Logs export (<timestamp> <event> lines)`,
    );
  }

  private lines(timestamped: boolean): LineEvents {
    return new LineEvents(this.source, timestamped, this.sink, this.linesBefore);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
