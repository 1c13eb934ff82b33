import { EventHandler, EventInputError, Splitter } from "./event";

/** JSON lines, or with `timestamped`, a CloudWatch Logs export: `<timestamp> <event>` per line. */
export class LineEvents implements Splitter {
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
