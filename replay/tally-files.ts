import * as fs from "fs";
import { Output, terminalText } from "../lib/cli";
import { EventInputError, eventPlace, listEventFiles, LogEvent, readEventFile } from "../lib/events";
import { RecordError, Tally } from "./count/tally";
import { ReplayOptions } from "./options";
import { Progress } from "./progress";

/** What was read, and, with --keep-going, what was left out (each also named on standard error). */
export interface Reading {
  /** Files whose events were counted: read to their end, or up to where they broke. */
  readonly files: number;
  readonly leftOut: {
    /** Records passed over: not CloudTrail records, or too long to read. */
    readonly records: number;
    /** Files read up to where they broke (a truncated .gz, say): the rest of each is left out. */
    readonly filesReadInPart: number;
    /** Files and folders of which nothing could be read. */
    readonly unreadable: number;
  };
}

/** Whether --keep-going passed over anything: then the replay exits 1, whatever it printed. */
export function passedOver(reading: Reading): boolean {
  return Object.values(reading.leftOut).some((n) => n > 0);
}

/** Bad records named per file; the rest are counted. */
const NAMED_PER_FILE = 10;

/**
 * Counts the events of every file of `options.paths` into `tally`, with a progress bar on a
 * terminal. Unreadable input is reported and stops the replay, or with --keep-going is passed over:
 * a bad record, the rest of a file that breaks, a file or folder that cannot be read.
 */
export async function tallyFiles(
  options: ReplayOptions,
  tally: Tally,
  output: Output,
): Promise<Reading | "stopped"> {
  const leftOut = { records: 0, filesReadInPart: 0, unreadable: 0 };
  // Messages name files and quote records: their control characters are escaped.
  const unreadable = (problem: EventInputError) => {
    output.err(terminalText(problem.message));
    leftOut.unreadable++;
  };

  const files: string[] = [];
  try {
    for (const target of options.paths)
      files.push(...listEventFiles(target, options.keepGoing ? unreadable : undefined));
  } catch (e) {
    if (!(e instanceof EventInputError)) throw e;
    output.err(terminalText(e.message));
    return "stopped";
  }

  // Without a terminal nothing is drawn, so the files need not be measured.
  const progress = new Progress(output.terminal, output.terminal ? totalSize(files) : 0);
  const say = (message: string) => {
    progress.clear();
    output.err(terminalText(message));
  };
  let read = 0;
  for (const file of files) {
    let first = true;
    let skipped = 0;
    const skip = (problem: EventInputError) => {
      if (++skipped <= NAMED_PER_FILE) say(`${problem.message}; passed over`);
      leftOut.records++;
    };
    const count = (event: LogEvent) => {
      try {
        tally.add(event.text, first);
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        const problem = new EventInputError(`${eventPlace(event)}: ${e.message}`);
        if (!options.keepGoing) throw problem;
        skip(problem);
      }
      first = false;
    };
    const eventsBefore = tally.events;
    try {
      await readEventFile(file, count, {
        onProgress: (bytes) => progress.update(bytes, tally.events),
        onSkip: options.keepGoing ? skip : undefined,
      });
      read++;
    } catch (e) {
      if (!(e instanceof EventInputError)) throw e;
      say(e.message);
      if (!options.keepGoing) return "stopped";
      if (tally.events > eventsBefore) {
        read++;
        leftOut.filesReadInPart++;
      } else {
        leftOut.unreadable++;
      }
    }
    if (skipped > NAMED_PER_FILE)
      say(`${file === "-" ? "stdin" : file}: ${skipped - NAMED_PER_FILE} more records passed over`);
    progress.fileDone();
  }
  progress.clear();
  return { files: read, leftOut };
}

function totalSize(files: readonly string[]): number {
  return files.reduce(
    (sum, file) => sum + (file === "-" ? 0 : (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0)),
    0,
  );
}
