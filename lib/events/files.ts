import * as fs from "fs";
import * as path from "path";
import { EventInputError } from "./event";

/**
 * The files to read for `target`: a file itself, a folder's files recursively in name order (which is
 * time order in CloudTrail's `YYYY/MM/DD` layout), `-` for standard input. Skips hidden files and
 * CloudTrail's digest folders, which hold checksums rather than events. A path that cannot be read
 * (an unreadable folder, a dangling symbolic link, a link back to a folder it is in, a pipe) goes to
 * `onUnreadable`, and the others are still listed; without it, the first such path stops the listing.
 */
export function listEventFiles(target: string, onUnreadable?: (problem: EventInputError) => void): string[] {
  if (target === "-") return ["-"];
  const files: string[] = [];
  const unreadable = (problem: EventInputError) => {
    if (onUnreadable === undefined) throw problem;
    onUnreadable(problem);
  };
  /** `inside`: the folders (by device and inode) that `entry` is in, to tell a link back to one. */
  const visit = (entry: string, inside: readonly string[]) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch (e) {
      return unreadable(new EventInputError(`cannot read ${entry}: ${(e as Error).message}`));
    }
    if (!stat.isDirectory()) {
      // A pipe or a device is read when named, never found in a folder, where it could block for ever.
      if (inside.length === 0 || stat.isFile()) return files.push(entry);
      return unreadable(new EventInputError(`cannot read ${entry}: not a regular file`));
    }
    const id = `${stat.dev}:${stat.ino}`;
    if (inside.includes(id)) {
      return unreadable(
        new EventInputError(`cannot read ${entry}: a symbolic link back to a folder it is in (a loop)`),
      );
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(entry, { withFileTypes: true });
    } catch (e) {
      return unreadable(new EventInputError(`cannot read ${entry}: ${(e as Error).message}`));
    }
    for (const child of entries
      .filter((c) => !c.name.startsWith(".") && c.name !== "CloudTrail-Digest")
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      visit(path.join(entry, child.name), [...inside, id]);
    }
  };
  visit(target, []);
  return files;
}
