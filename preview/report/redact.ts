/**
 * The last guard against showing a secret: every secret value the run has learnt is replaced by
 * [secret] in all that `npm start` prints, on either stream, wherever it ended up (a policy's
 * message, a program's error or output). Secrets are learnt as soon as they are known: the stack's
 * config before the program runs, the program's secrets as it registers them, an export's as it is
 * read. Values shorter than four characters are left alone: masking them would garble the output
 * and hide nothing.
 */
import { terminalText } from "../../lib/cli";
import { SECRET_TEXT } from "../../lib/pulumi/property-values";

const SHORTEST = 4;

function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === "object") return Object.values(value).flatMap(leaves);
  return [String(value)];
}

export class Redactor {
  private readonly texts = new Set<string>();
  /** One pattern of every text, longest first, so the output is read once whatever their number. */
  private pattern?: RegExp;

  /** Learns secret values: any plain value, whose every leaf is masked from now on. */
  add(secrets: unknown[]): void {
    const before = this.texts.size;
    for (const leaf of secrets.flatMap(leaves)) {
      if (leaf.length < SHORTEST) continue;
      this.texts.add(leaf);
      this.texts.add(JSON.stringify(leaf).slice(1, -1)); // as it reads inside a JSON string
      this.texts.add(terminalText(leaf)); // as the text output escapes it
    }
    if (this.texts.size === before) return;
    const sorted = [...this.texts].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(sorted.map((t) => t.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|"), "g");
  }

  /** `text` with every secret learnt so far masked. */
  mask(text: string): string {
    return this.pattern ? text.replace(this.pattern, SECRET_TEXT) : text;
  }
}
