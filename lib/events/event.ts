/** One log event as read from a file, and the error for input that cannot be read as events. */

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
  return event.source + eventPosition(event);
}

/** `:12` (a line), `#3` (a record of a log file), or "" (the file is one event). */
export function eventPosition({ line, record }: LogEvent): string {
  return line > 0 ? `:${line}` : record > 0 ? `#${record}` : "";
}

/** Something that turns decoded text, pushed as it arrives, into events. */
export interface Splitter {
  push(text: string): void;
  end(): void;
}
