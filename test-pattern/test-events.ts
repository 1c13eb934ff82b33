/** One event's result under a filter pattern, as `aws logs test-metric-filter` gives it. */
import { CompiledPattern } from "../policy/filter-pattern";
import { EventInputError, eventPlace, eventPosition, LineEvents, LogEvent } from "../lib/events";

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
    position: eventPosition(event),
    // A pretty-printed record is shown on one line, as CloudWatch Logs receives it.
    text: event.line === 0 && event.text.includes("\n") ? JSON.stringify(parsed) : event.text,
    matched: pattern.matchesParsed(parsed, event.text),
  };
}

/** Each non-blank line of `text` is one event. */
export function testLines(pattern: CompiledPattern, text: string, name: string): EventResult[] {
  const results: EventResult[] = [];
  const lines = new LineEvents(name, false, { onEvent: (event) => results.push(testEvent(pattern, event)) });
  lines.push(text);
  lines.end();
  return results;
}
