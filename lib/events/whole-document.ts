import { JsonTextError, parseJsonText } from "../../policy/filter-pattern";
import { EventInputError, EventSink, MAX_RECORD_LENGTH, recordTooLong, skipOrStop, Splitter } from "./event";

/**
 * A file that is one JSON document across lines: read whole, as it cannot be split before parsing.
 * It is one record, so it may be no longer than one.
 */
export class WholeDocument implements Splitter {
  private text = "";
  private overlong = false;

  /** `linesBefore`: blank lines of the file before the document. */
  constructor(
    private readonly source: string,
    private readonly sink: EventSink,
    private readonly linesBefore = 0,
  ) {}

  push(text: string): void {
    if (this.overlong) return;
    if (this.text.length + text.length <= MAX_RECORD_LENGTH) {
      this.text += text;
      return;
    }
    this.text = "";
    this.overlong = true;
    skipOrStop(this.sink, recordTooLong(this.source));
  }

  end(): void {
    if (this.overlong) return;
    let document: unknown;
    try {
      document = JSON.parse(this.text);
    } catch {
      throw this.syntaxError();
    }
    const records = (document as { Records?: unknown } | null)?.Records;
    if (Array.isArray(records)) {
      records.forEach((record, i) =>
        this.sink.onEvent({ source: this.source, text: JSON.stringify(record), line: 0, record: i + 1 }),
      );
    } else {
      this.sink.onEvent({ source: this.source, text: this.text, line: 0, record: 0 });
    }
  }

  /** Where the document breaks, by line, from the parser that reports positions. */
  private syntaxError(): EventInputError {
    try {
      parseJsonText(this.text);
    } catch (e) {
      if (e instanceof JsonTextError) {
        const line = this.linesBefore + this.text.slice(0, e.offset).split("\n").length;
        return new EventInputError(`${this.source}:${line}: not valid JSON (${e.reason})`);
      }
    }
    return new EventInputError(`${this.source}: not valid JSON`);
  }
}
