/**
 * Reading the files a user names (project and stack files, exports, policy and passphrase files)
 * with a bound: only a regular file is read (a device such as /dev/zero never ends, and a FIFO may
 * never be written to), and never more than a limit, so neither memory nor time follows a bad path.
 */
import * as fs from "fs";

const MiB = 1024 * 1024;

/** The most each kind of file may hold; the README states them. */
export const FILE_LIMITS = {
  /** Pulumi.yaml, Pulumi.<stack>.yaml and a --policy-pack-config file. */
  config: 8 * MiB,
  /**
   * A `pulumi stack export`, read whole as one JSON text: well under the longest string Node holds
   * (512 MiB), and over the 400 MiB a policy pack accepts in one message.
   */
  export: 500 * MiB,
  passphrase: 64 * 1024,
} as const;

/** A file that is not read: not a regular file, or over its limit. The message says which. */
export class LimitedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LimitedFileError";
  }
}

/** `1 MiB`, `512 KiB`: a limit as the messages and the README write it. */
export function sizeText(bytes: number): string {
  return bytes >= MiB ? `${+(bytes / MiB).toFixed(1)} MiB` : `${+(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * The text of `file`, or of standard input for `-`, at most `limit` bytes. `what` names the file
 * in the message of one that is larger. A pipe is read only where `pipes` allows it (a passphrase
 * given as `<(…)`); standard input may be anything, as the user chose it.
 */
export function readLimitedFile(file: string, limit: number, what: string, { pipes = false } = {}): string {
  if (file === "-") return readAll(0, limit, what);
  // Opened without waiting: opening a FIFO for reading would otherwise wait for a writer.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (pipes ? 0 : fs.constants.O_NONBLOCK));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() && !(pipes && stat.isFIFO())) {
      throw new LimitedFileError(`it is ${kind(stat)}, not a regular file`);
    }
    if (stat.size > limit) throw tooLarge(what, limit);
    return readAll(fd, limit, what, stat.size);
  } finally {
    fs.closeSync(fd);
  }
}

function kind(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

function tooLarge(what: string, limit: number): LimitedFileError {
  return new LimitedFileError(`it is larger than ${sizeText(limit)}, the most ${what} may be`);
}

/** Reads to the end of `fd` into one buffer, `expected` bytes long at first; fails once more than `limit` bytes came. */
function readAll(fd: number, limit: number, what: string, expected = 64 * 1024): string {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(bigger, 0, 0, total);
      buffer = bigger;
    }
    const n = readSome(fd, buffer.subarray(total));
    if (n === 0) break;
    total += n;
    if (total > limit) throw tooLarge(what, limit);
  }
  return buffer.toString("utf8", 0, total);
}

/** One read; a pipe left non-blocking by whoever opened it is waited on. */
function readSome(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/**
 * The JSON object in a small file a user names (a policy pack config, stack reference outputs):
 * `what` names the file in the messages, `expected` says what it should hold, and `fail` makes the
 * caller's own error of a message.
 */
export function readJsonObjectFile(
  file: string,
  what: string,
  expected: string,
  fail: (message: string) => Error,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readLimitedFile(file, FILE_LIMITS.config, `a ${what} file`));
  } catch (e) {
    throw fail(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw fail(`${file}: expected ${expected}`);
  }
  return parsed as Record<string, unknown>;
}
