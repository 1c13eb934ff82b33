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

/**
 * The longest record read, in characters: 16 times the 1 MB CloudWatch Logs takes in one event, so
 * no event a metric filter could see is refused, and reading a file never holds more than this.
 */
export const MAX_RECORD_LENGTH = 16 * 1024 * 1024;

/**
 * Hears of a record that was passed over (one longer than MAX_RECORD_LENGTH) while the rest of the
 * file is still read. Without one, such a record stops the file with that error.
 */
export type SkipHandler = (problem: EventInputError) => void;

/** Where a splitter sends what it reads: each event, and each record it passes over. */
export interface EventSink {
  readonly onEvent: EventHandler;
  readonly onSkip?: SkipHandler;
}

/** Passes `problem` to the sink's skip handler, or throws it when there is none. */
export function skipOrStop(sink: EventSink, problem: EventInputError): void {
  if (sink.onSkip === undefined) throw problem;
  sink.onSkip(problem);
}

/** The record at `place` (`file:12`, `file#3`) is longer than MAX_RECORD_LENGTH. */
export function recordTooLong(place: string): EventInputError {
  return new EventInputError(
    `${place}: a record longer than ${MAX_RECORD_LENGTH / 1024 / 1024} MiB ` +
      `(${MAX_RECORD_LENGTH.toLocaleString("en-US")} characters), the most one record may be; ` +
      `CloudWatch Logs takes events of at most 1 MB`,
  );
}

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
