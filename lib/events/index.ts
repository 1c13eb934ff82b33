/**
 * Log events read from files, folders or standard input as a stream, so memory stays flat however
 * large the input: JSON lines, a CloudTrail log file (`{"Records": [...]}`) or a JSON array, a single
 * JSON object, or a CloudWatch Logs export (`<timestamp> <event>` lines); each gzipped or not.
 */
export {
  EventHandler,
  EventInputError,
  eventPlace,
  eventPosition,
  LogEvent,
  MAX_RECORD_LENGTH,
  SkipHandler,
} from "./event";
export { listEventFiles } from "./files";
export { LineEvents } from "./line-events";
export { readEventFile, ReadOptions } from "./read-event-file";
