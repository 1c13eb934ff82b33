import * as fs from "fs";
import * as path from "path";
import { EventInputError } from "./event";

/**
 * The files to read for `target`: a file itself, a folder's files recursively in name order (which is
 * time order in CloudTrail's `YYYY/MM/DD` layout), `-` for standard input. Skips hidden files and
 * CloudTrail's digest folders, which hold checksums rather than events.
 */
export function listEventFiles(target: string): string[] {
  if (target === "-") return ["-"];
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    throw new EventInputError(`cannot read ${target}: ${(e as Error).message}`);
  }
  if (!stat.isDirectory()) return [target];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(target, { withFileTypes: true });
  } catch (e) {
    throw new EventInputError(`cannot read ${target}: ${(e as Error).message}`);
  }
  return entries
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "CloudTrail-Digest")
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => listEventFiles(path.join(target, entry.name)));
}
