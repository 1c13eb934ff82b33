import { JsonTextError, parseJsonText } from "../../policy/filter-pattern";
import { EventHandler, EventInputError, Splitter } from "./event";

/** A file that is one JSON document across lines: read whole, as it cannot be split before parsing. */
export class WholeDocument implements Splitter {
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
