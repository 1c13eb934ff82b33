/**
 * The `%regex%` values of filter patterns, as CloudWatch Logs documents them ("Supported regular
 * expressions (regex) syntax", Amazon CloudWatch Logs User Guide): letters, digits, the symbols
 * `: _ # = @ / ; , -` and the operators `^ $ ? [ ] { } | \ * + .`; no parentheses, so no groups,
 * and no multi-byte characters. Anything else is refused, saying why, as CloudWatch Logs refuses it.
 *
 * Without groups a regex is a choice (`|`) of sequences of single characters or classes, each
 * repeated (`* + ? {m} {m,} {m,n}`). That is matched in one pass over the text, in time
 * proportional to the text's length times the number of those items, whatever the repeat counts:
 * for each item, the starts of the runs of its class still in progress are kept, oldest first, and
 * an item can end where its oldest run is long enough. No pattern can make matching slow.
 */
import { FilterPatternError } from "./errors";

/** Highest repeat count, as in RE2 and other linear-time engines. */
const MAX_REPEAT = 1_000;

/** What CloudWatch Logs allows in a regex besides letters and digits. */
const SYMBOLS = ":_#=@/;,-";
const OPERATORS = "^$?[]{}|\\*+.";

type CharTest = (code: number) => boolean;

/** One character or class, repeated from `min` to `max` times in a row. */
interface Item {
  /** Whether each character below 128 is in the class. */
  readonly ascii: Uint8Array;
  readonly test: CharTest;
  readonly min: number;
  readonly max: number;
}

/** One alternative: its items, and whether it is anchored to the text's start (`^`) or end (`$`). */
interface Alternative {
  readonly start: boolean;
  readonly end: boolean;
  readonly items: readonly Item[];
}

export interface CompiledRegex {
  /** true when the regex matches somewhere in `text`. */
  test(text: string): boolean;
}

export function compileRegex(source: string): CompiledRegex {
  const alternatives = new RegexParser(source).parse();
  return { test: (text) => alternatives.some((alternative) => matches(alternative, text)) };
}

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) => c === 32 || (c >= 9 && c <= 13);
const not =
  (test: CharTest): CharTest =>
  (c) =>
    !test(c);
const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit,
  D: not(isDigit),
  w: isWord,
  W: not(isWord),
  s: isSpace,
  S: not(isSpace),
};
const CHAR_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11 };

class RegexParser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(): Alternative[] {
    this.allowedCharacters();
    const alternatives = [this.alternative()];
    while (this.source[this.pos] === "|") {
      this.pos++;
      alternatives.push(this.alternative());
    }
    return alternatives;
  }

  /** Refuses, where it is, the first character CloudWatch Logs does not allow in a regex. */
  private allowedCharacters(): void {
    for (let i = 0; i < this.source.length; i++) {
      const c = this.source[i];
      if (/[A-Za-z0-9]/.test(c) || SYMBOLS.includes(c) || OPERATORS.includes(c)) continue;
      this.pos = i;
      if (c === "(" || c === ")")
        this.fail(`CloudWatch Logs does not support '${c}' in a regex: it has no groups`);
      if (c.charCodeAt(0) > 127)
        this.fail("CloudWatch Logs does not support multi-byte characters in a regex");
      this.fail(
        `CloudWatch Logs does not allow ${JSON.stringify(c)} in a regex: only letters, digits, ` +
          `the symbols ${SYMBOLS.split("").join(" ")} and the operators ${OPERATORS.split("").join(" ")}`,
      );
    }
  }

  private alternative(): Alternative {
    const items: Item[] = [];
    let start = false;
    let end = false;
    while (this.pos < this.source.length && this.source[this.pos] !== "|") {
      const c = this.source[this.pos];
      if (end) this.fail("'$' anchors at the end of the text: nothing can follow it but '|'");
      if (c === "^") {
        if (start || items.length > 0)
          this.fail("'^' anchors at the start of the text: it can only begin the regex or follow '|'");
        start = true;
        this.pos++;
        this.noQuantifier("an anchor cannot be repeated in the regex");
      } else if (c === "$") {
        end = true;
        this.pos++;
        this.noQuantifier("an anchor cannot be repeated in the regex");
      } else {
        items.push(this.quantified(this.atom()));
      }
    }
    return { start, end, items };
  }

  private atom(): CharTest {
    const c = this.source[this.pos++];
    switch (c) {
      case "[":
        return this.charClass();
      case ".":
        return () => true;
      case "\\":
        return this.escape();
      case "*":
      case "+":
      case "?":
      case "{":
        this.pos--;
        return this.fail(`nothing to repeat before '${c}' in the regex`);
      default: {
        const code = c.charCodeAt(0);
        return (x) => x === code;
      }
    }
  }

  private quantified(test: CharTest): Item {
    const repeat = this.repeat() ?? [1, 1];
    this.noQuantifier("a repeat cannot follow another in the regex");
    const ascii = new Uint8Array(128);
    for (let code = 0; code < 128; code++) ascii[code] = test(code) ? 1 : 0;
    return { ascii, test, min: repeat[0], max: repeat[1] };
  }

  /** The repeat at the current position (`*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`), if there is one. */
  private repeat(): [number, number] | undefined {
    const c = this.source[this.pos];
    if (c === "*" || c === "+" || c === "?") {
      this.pos++;
      return c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    }
    const braces = c === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos)) : null;
    if (braces === null) return undefined;
    const [text, lo, comma, hi] = braces;
    const min = Number(lo);
    const max = comma === undefined ? min : hi === "" ? Infinity : Number(hi);
    if (min > max) this.fail("a repeat's minimum is above its maximum in the regex");
    if (Math.max(min, max === Infinity ? 0 : max) > MAX_REPEAT)
      this.fail(`a repeat count above ${MAX_REPEAT}`);
    this.pos += text.length;
    return [min, max];
  }

  private noQuantifier(reason: string): void {
    if ("*+?".includes(this.source[this.pos] ?? "x") || /^\{\d+(,\d*)?\}/.test(this.source.slice(this.pos))) {
      this.fail(reason);
    }
  }

  private charClass(): CharTest {
    const negate = this.source[this.pos] === "^";
    if (negate) this.pos++;
    const tests: CharTest[] = [];
    let first = true;
    while (this.source[this.pos] !== "]" || first) {
      first = false;
      if (this.pos >= this.source.length) this.fail("expected ']' to close the character class in the regex");
      let low: number;
      if (this.source[this.pos] === "\\") {
        this.pos++;
        const letter = this.source[this.pos];
        if (CLASS_ESCAPES[letter]) {
          this.pos++;
          tests.push(CLASS_ESCAPES[letter]);
          continue;
        }
        low = this.escapedCode();
      } else {
        low = this.source.charCodeAt(this.pos++);
      }
      if (
        this.source[this.pos] === "-" &&
        this.pos + 1 < this.source.length &&
        this.source[this.pos + 1] !== "]"
      ) {
        this.pos++;
        const high =
          this.source[this.pos] === "\\"
            ? (this.pos++, this.escapedCode())
            : this.source.charCodeAt(this.pos++);
        if (high < low) this.fail("a character range runs backwards in the regex");
        tests.push((c) => c >= low && c <= high);
      } else {
        tests.push((c) => c === low);
      }
    }
    this.pos++;
    const any: CharTest = (c) => tests.some((t) => t(c));
    return negate ? not(any) : any;
  }

  private escape(): CharTest {
    const letter = this.source[this.pos];
    if (letter !== undefined && CLASS_ESCAPES[letter]) {
      this.pos++;
      return CLASS_ESCAPES[letter];
    }
    const code = this.escapedCode();
    return (c) => c === code;
  }

  /** The character after a backslash: a control escape or a literal punctuation mark. */
  private escapedCode(): number {
    const letter = this.source[this.pos];
    if (letter === undefined) this.fail("expected a character after '\\' in the regex");
    this.pos++;
    if (CHAR_ESCAPES[letter] !== undefined) return CHAR_ESCAPES[letter];
    if (/[A-Za-z0-9]/.test(letter)) {
      this.pos--;
      this.fail(`unsupported escape '\\${letter}' in the regex`);
    }
    return letter.charCodeAt(0);
  }

  private fail(reason: string): never {
    throw new FilterPatternError(reason, this.pos + 1);
  }
}

/**
 * Whether `alternative` matches somewhere in `text`, in one pass. `runs[i]` holds, oldest first,
 * the positions where item i could start and from which every character since is in its class,
 * dropped once longer than its maximum: item i can end where its oldest run is at least its minimum.
 */
function matches({ start, end, items }: Alternative, text: string): boolean {
  const runs = items.map((item) => new Starts(item.max === Infinity ? 1 : item.max + 1));
  // Whether the items before `i` can end at `position`, starting the next there; true for i = 0
  // wherever the alternative may start. Returns whether the whole alternative can end there.
  const advance = (position: number): boolean => {
    let ready = !start || position === 0;
    for (let i = 0; i < items.length; i++) {
      const run = runs[i];
      if (ready) run.add(position);
      ready = run.size > 0 && position - run.oldest() >= items[i].min;
    }
    return ready && (!end || position === text.length);
  };
  if (advance(0)) return true;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    for (let i = 0; i < items.length; i++) {
      const { ascii, test, max } = items[i];
      const run = runs[i];
      if (run.size === 0) continue;
      if (!(code < 128 ? ascii[code] === 1 : test(code))) run.clear();
      else run.dropOlderThan(position + 1 - max);
    }
    if (advance(position + 1)) return true;
  }
  return false;
}

/**
 * Start positions in increasing order, at most `capacity` of them (a ring). With room for one
 * (an unbounded repeat), only the oldest is kept: it is the only one that decides.
 */
class Starts {
  private readonly ring: Float64Array;
  private head = 0;
  size = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Float64Array(capacity);
  }

  add(position: number): void {
    if (this.size > 0 && this.newest() === position) return;
    if (this.size === this.capacity) {
      if (this.capacity === 1) return; // keep the oldest
      this.head = (this.head + 1) % this.capacity;
      this.size--;
    }
    this.ring[(this.head + this.size) % this.capacity] = position;
    this.size++;
  }

  oldest(): number {
    return this.ring[this.head];
  }

  /** Drops the starts before `position`. */
  dropOlderThan(position: number): void {
    while (this.size > 0 && this.ring[this.head] < position) {
      this.head = (this.head + 1) % this.capacity;
      this.size--;
    }
  }

  clear(): void {
    this.size = 0;
    this.head = 0;
  }

  private newest(): number {
    return this.ring[(this.head + this.size - 1) % this.capacity];
  }
}
