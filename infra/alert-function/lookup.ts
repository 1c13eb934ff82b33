/**
 * The events the metric counted: CloudWatch Logs FilterLogEvents on the trail's log group with the
 * control's own filter pattern over the alarm's window, page by page, within bounds: a message must
 * leave in time, and thousands of events say no more than the first ten thousand.
 */
import { FilterLogEventsCommand, FilterLogEventsCommandOutput } from "@aws-sdk/client-cloudwatch-logs";
import { AlertTally } from "../../lib/alert-message";

/** The part of the CloudWatch Logs client the lookup uses. */
export interface LogsClient {
  send(command: FilterLogEventsCommand): Promise<FilterLogEventsCommandOutput>;
}

export interface LookupRequest {
  readonly logGroupName: string;
  readonly filterPattern: string;
  readonly start: Date;
  readonly end: Date;
}

export interface LookupBounds {
  /** Events to read at most. */
  readonly maxEvents: number;
  /** Whether the time for reading is up (checked before each page after the first). */
  readonly timeUp: () => boolean;
}

export interface Lookup {
  readonly found: AlertTally;
  /** Why it stopped before the window's last event, if it did. */
  readonly stoppedEarly?: string;
}

/** Events the function reads at most: beyond them, the top lists would say no more. */
export const MAX_EVENTS = 10_000;

/** The most events FilterLogEvents returns in one page. */
const PAGE = 10_000;

/** Reads the window's matching events. A failure on the first page throws; a later one ends the reading. */
export async function lookUpEvents(
  logs: LogsClient,
  request: LookupRequest,
  bounds: LookupBounds,
): Promise<Lookup> {
  const found = new AlertTally();
  let nextToken: string | undefined;
  do {
    const read = found.events + found.unreadable;
    if (read >= bounds.maxEvents) {
      return {
        found,
        stoppedEarly: `the lookup stops at ${bounds.maxEvents.toLocaleString("en-US")} events`,
      };
    }
    if (nextToken !== undefined && bounds.timeUp()) {
      return {
        found,
        stoppedEarly: `the time for the lookup ran out after ${read.toLocaleString("en-US")} events`,
      };
    }
    let page: FilterLogEventsCommandOutput;
    try {
      page = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: request.logGroupName,
          filterPattern: request.filterPattern,
          // The window's end is not in it: it is where the next period begins.
          startTime: request.start.getTime(),
          endTime: request.end.getTime() - 1,
          limit: Math.min(bounds.maxEvents - read, PAGE),
          nextToken,
        }),
      );
    } catch (e) {
      if (nextToken === undefined) throw e;
      return {
        found,
        stoppedEarly: `the lookup failed after ${read.toLocaleString("en-US")} events (${failure(e)})`,
      };
    }
    for (const event of page.events ?? []) {
      if (event.message !== undefined) found.addText(event.message);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return { found };
}

/** `AccessDeniedException: User ... is not authorized ...`: what an AWS error says. */
export function failure(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
