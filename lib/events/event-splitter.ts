import { EventHandler, EventInputError, Splitter } from "./event";
import { LineEvents } from "./line-events";
import { DocumentEvents } from "./document-events";
import { WholeDocument } from "./whole-document";

/**
 * Recognises the format from the first characters, then hands the text to the splitter for it. A
 * CloudTrail log file is split record by record without holding the file, however large.
 */
export class EventSplitter implements Splitter {
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
