/** A progress bar on a terminal while files are read: bytes read of all files, and events so far. */
import { number } from "./report/format";

const WIDTH = 30;
/** Redraw at most this often, in milliseconds. */
const INTERVAL = 100;

export class Progress {
  private done = 0;
  private current = 0;
  private drawn = 0;

  /** `terminal`: where to draw, or undefined to draw nothing (output that is not a terminal). */
  constructor(
    private readonly terminal: NodeJS.WriteStream | undefined,
    private readonly totalBytes: number,
  ) {}

  /** The file being read has `bytesRead` bytes read so far, and `events` have been counted overall. */
  update(bytesRead: number, events: number): void {
    this.current = bytesRead;
    const now = Date.now();
    if (this.terminal === undefined || now - this.drawn < INTERVAL) return;
    this.drawn = now;
    const counted = `${number(events)} events`;
    if (this.totalBytes === 0) {
      // Standard input: its size is unknown.
      this.terminal.write(`\r${counted}`);
      return;
    }
    const read = this.done + this.current;
    const share = Math.min(1, read / this.totalBytes);
    const filled = Math.round(share * WIDTH);
    this.terminal.write(
      `\r[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ` +
        `${megabytes(read)} of ${megabytes(this.totalBytes)}, ${counted}`,
    );
  }

  /** The file being read is done. */
  fileDone(): void {
    this.done += this.current;
    this.current = 0;
  }

  /** Clears the bar, so that what follows starts on a clean line. */
  clear(): void {
    if (this.drawn > 0) this.terminal?.write("\r\x1b[K");
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
