/**
 * What test-pattern prints: each match as soon as it is found, then the count; or with --json, one
 * object with a flag per event. Memory stays flat however many events match: matches are written in
 * blocks as they come, and --json keeps one byte per event.
 */
import { terminalText } from "../lib/cli";
import { EventResult } from "./test-events";

/** Text written at a time. */
const BLOCK = 64 * 1024;

export class Results {
  private total = 0;
  private matched = 0;
  /** With --json: 1 for each event that matched, 0 for the others. */
  private flags = new Uint8Array(BLOCK);
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly json: boolean,
  ) {}

  add(result: EventResult): void {
    if (this.json) {
      if (this.total === this.flags.length) {
        const grown = new Uint8Array(this.flags.length * 2);
        grown.set(this.flags);
        this.flags = grown;
      }
      this.flags[this.total] = result.matched ? 1 : 0;
    } else if (result.matched) {
      // An event's text, and a file's name, can hold control characters that would redraw the terminal.
      this.print(`${terminalText(result.source + result.position)}\t${terminalText(result.text)}\n`);
    }
    this.total++;
    if (result.matched) this.matched++;
  }

  /** Writes what is still held (the matches so far). */
  flush(): void {
    if (this.pending.length > 0) this.write(this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Writes the count, or the JSON object. */
  end(): void {
    if (!this.json) {
      this.print(
        `${this.matched} of ${this.total} event${this.total === 1 ? "" : "s"} ${this.matched === 1 ? "matches" : "match"}\n`,
      );
      return this.flush();
    }
    this.print(`{"total":${this.total},"matched":${this.matched},"matches":[`);
    for (let i = 0; i < this.total; i++) this.print(`${i > 0 ? "," : ""}${this.flags[i] ? "true" : "false"}`);
    this.print("]}\n");
    this.flush();
  }

  private print(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BLOCK) this.flush();
  }
}
