import * as fs from "fs";
import { Output } from "../lib/cli";
import { EventInputError, eventPlace, listEventFiles, LogEvent, readEventFile } from "../lib/events";
import { RecordError, Tally } from "./count/tally";
import { ReplayOptions } from "./options";
import { Progress } from "./progress";

/**
 * Counts the events of every file of `options.paths` into `tally`, with a progress bar on a
 * terminal. An unreadable one is reported and stops the replay, or with --keep-going is passed over.
 */
export async function tallyFiles(
  options: ReplayOptions,
  tally: Tally,
  output: Output,
): Promise<{ read: number; unreadable: number } | "stopped"> {
  const files: string[] = [];
  let unreadable = 0;
  const goOn = (e: unknown): boolean => {
    if (!(e instanceof EventInputError)) throw e;
    output.err(e.message);
    unreadable++;
    return options.keepGoing;
  };
  for (const target of options.paths) {
    try {
      files.push(...listEventFiles(target));
    } catch (e) {
      if (!goOn(e)) return "stopped";
    }
  }
  // Without a terminal nothing is drawn, so the files need not be measured.
  const progress = new Progress(output.terminal, output.terminal ? totalSize(files) : 0);
  let first = false;
  const count = (event: LogEvent) => {
    try {
      tally.add(event.text, first);
      first = false;
    } catch (e) {
      if (e instanceof RecordError) throw new EventInputError(`${eventPlace(event)}: ${e.message}`);
      throw e;
    }
  };
  let read = 0;
  for (const file of files) {
    first = true;
    try {
      await readEventFile(file, count, { onProgress: (bytes) => progress.update(bytes, tally.events) });
      read++;
    } catch (e) {
      progress.clear();
      if (!goOn(e)) return "stopped";
    }
    progress.fileDone();
  }
  progress.clear();
  return { read, unreadable };
}

function totalSize(files: readonly string[]): number {
  return files.reduce(
    (sum, file) => sum + (file === "-" ? 0 : (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0)),
    0,
  );
}
