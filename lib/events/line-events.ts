import { EventInputError, EventSink, MAX_RECORD_LENGTH, recordTooLong, skipOrStop, Splitter } from "./event";

/**
 * JSON lines, or with `timestamped`, a CloudWatch Logs export: `<timestamp> <event>` per line. Each
 * chunk is searched once, and a line's earlier pieces are joined once, when it ends: time is linear
 * in the text however long its lines, and a line longer than MAX_RECORD_LENGTH is passed over
 * without being held.
 */
export class LineEvents implements Splitter {
  /** The current line's text from earlier chunks. */
  private pieces: string[] = [];
  private length = 0;
  /** The current line is too long: the rest of it is dropped up to its end. */
  private overlong = false;
  private line: number;

  /** `linesBefore`: lines of the file already passed (blank ones before the first event). */
  constructor(
    private readonly source: string,
    private readonly timestamped: boolean,
    private readonly sink: EventSink,
    linesBefore = 0,
  ) {
    this.line = linesBefore;
  }

  push(chunk: string): void {
    let start = 0;
    for (let newline = chunk.indexOf("\n"); newline >= 0; newline = chunk.indexOf("\n", start)) {
      this.hold(chunk.slice(start, newline));
      this.endLine();
      start = newline + 1;
    }
    this.hold(chunk.slice(start));
  }

  end(): void {
    if (this.length > 0 || this.overlong) this.endLine();
  }

  private hold(piece: string): void {
    if (this.overlong || piece === "") return;
    this.length += piece.length;
    this.pieces.push(piece);
    if (this.length > MAX_RECORD_LENGTH) {
      this.pieces = [];
      this.overlong = true;
      skipOrStop(this.sink, recordTooLong(`${this.source}:${this.line + 1}`));
    }
  }

  private endLine(): void {
    this.line++;
    const raw = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join("");
    const overlong = this.overlong;
    this.pieces = [];
    this.length = 0;
    this.overlong = false;
    if (!overlong) this.emit(raw);
  }

  private emit(raw: string): void {
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
    this.sink.onEvent({ source: this.source, text, line: this.line, record: 0 });
  }
}
