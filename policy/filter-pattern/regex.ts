/**
 * The `%regex%` values of filter patterns, matched in time linear in the text: the regex becomes
 * a Thompson NFA simulated one character at a time, never a backtracking JavaScript RegExp, so no
 * pattern can make matching slow. Supports what CloudWatch Logs documents: literals, `.`, classes
 * (`[a-z]`, `[^0-9]`, `\d \w \s` and their negations), groups, `|`, `* + ?`, `{m}`, `{m,}`, `{m,n}`,
 * `^` and `$`. A regex matches when it matches anywhere in the text.
 */
import { FilterPatternError } from "./errors";

/** Limits that keep a compiled regex small: CloudWatch Logs' own are smaller. */
const MAX_STATES = 10_000;
const MAX_NESTING = 100;
const MAX_REPEAT = 1_000;

type CharTest = (code: number) => boolean;

type Node =
  | { kind: "char"; test: CharTest }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "repeat"; node: Node; min: number; max: number }
  | { kind: "start" }
  | { kind: "end" };

type State =
  | { kind: "char"; test: CharTest; out: number }
  | { kind: "split"; out: number; alt: number }
  | { kind: "start" | "end"; out: number }
  | { kind: "match" };

export interface CompiledRegex {
  /** true when the regex matches somewhere in `text`. */
  test(text: string): boolean;
}

export function compileRegex(source: string): CompiledRegex {
  const node = new RegexParser(source).parse();
  const states: State[] = [];
  const entry = build(node, states.push({ kind: "match" }) - 1, states, source);
  return { test: (text) => simulate(states, entry, text) };
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
  private depth = 0;

  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.source.length) this.fail("unbalanced ')' in the regex");
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.source[this.pos] === "|") {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.source.length && this.source[this.pos] !== "|" && this.source[this.pos] !== ")") {
      items.push(this.quantified(this.atom()));
    }
    return { kind: "seq", items };
  }

  private atom(): Node {
    const c = this.source[this.pos++];
    switch (c) {
      case "(": {
        if (++this.depth > MAX_NESTING) this.fail(`regex groups nest deeper than ${MAX_NESTING}`);
        if (this.source.startsWith("?:", this.pos)) this.pos += 2;
        const inner = this.alternation();
        if (this.source[this.pos] !== ")") this.fail("expected ')' in the regex");
        this.pos++;
        this.depth--;
        return inner;
      }
      case "[":
        return { kind: "char", test: this.charClass() };
      case ".":
        return { kind: "char", test: () => true };
      case "^":
        return { kind: "start" };
      case "$":
        return { kind: "end" };
      case "\\":
        return { kind: "char", test: this.escape() };
      case "*":
      case "+":
      case "?":
      case "{":
        this.pos--;
        this.fail(`nothing to repeat before '${c}' in the regex`);
      // eslint-disable-next-line no-fallthrough
      default: {
        const code = c.charCodeAt(0);
        return { kind: "char", test: (x) => x === code };
      }
    }
  }

  private quantified(node: Node): Node {
    const c = this.source[this.pos];
    let min: number, max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{" && /^\{\d+(,\d*)?\}/.test(this.source.slice(this.pos))) {
      const [, lo, comma, hi] = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos))!;
      min = Number(lo);
      max = comma === undefined ? min : hi === "" ? Infinity : Number(hi);
      if (min > max) this.fail("a repeat's minimum is above its maximum in the regex");
      if (Math.max(min, max === Infinity ? 0 : max) > MAX_REPEAT)
        this.fail(`a repeat count above ${MAX_REPEAT}`);
      this.pos += /^\{[^}]*\}/.exec(this.source.slice(this.pos))![0].length - 1;
    } else return node;
    this.pos++;
    if (node.kind === "start" || node.kind === "end") this.fail("an anchor cannot be repeated in the regex");
    return this.quantified({ kind: "repeat", node, min, max });
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

/** Thompson's construction: returns the entry state of `node`, whose exit leads to `out`. */
function build(node: Node, out: number, states: State[], source: string): number {
  const add = (state: State) => {
    if (states.length >= MAX_STATES) throw new FilterPatternError("the regex is too large", source.length);
    return states.push(state) - 1;
  };
  switch (node.kind) {
    case "char":
      return add({ kind: "char", test: node.test, out });
    case "start":
    case "end":
      return add({ kind: node.kind, out });
    case "seq":
      return node.items.reduceRight((next, item) => build(item, next, states, source), out);
    case "alt":
      return node.options
        .map((option) => build(option, out, states, source))
        .reduce((alt, entry) => add({ kind: "split", out: entry, alt }));
    case "repeat": {
      let entry = out;
      if (node.max === Infinity) {
        // A loop: a split that either enters the node (which returns to the split) or leaves.
        const loop = add({ kind: "split", out: -1, alt: out });
        const body = build(node.node, loop, states, source);
        (states[loop] as { out: number }).out = body;
        entry = loop;
      } else {
        for (let i = node.min; i < node.max; i++) {
          entry = add({ kind: "split", out: build(node.node, entry, states, source), alt: out });
        }
      }
      for (let i = 0; i < node.min; i++) entry = build(node.node, entry, states, source);
      return entry;
    }
  }
}

function simulate(states: State[], entry: number, text: string): boolean {
  const seen = new Int32Array(states.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  // Follows the empty moves from `s`, collecting the states that read a character.
  const addState = (list: number[], s: number, pos: number): boolean => {
    const stack = [s];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (seen[i] === pos) continue;
      seen[i] = pos;
      const state = states[i];
      switch (state.kind) {
        case "match":
          return true;
        case "split":
          stack.push(state.alt, state.out);
          break;
        case "start":
          if (pos === 0) stack.push(state.out);
          break;
        case "end":
          if (pos === text.length) stack.push(state.out);
          break;
        case "char":
          list.push(i);
      }
    }
    return false;
  };
  for (let pos = 0; pos <= text.length; pos++) {
    // Starting afresh at every position makes this a search, not an anchored match.
    if (addState(current, entry, pos)) return true;
    if (pos === text.length) break;
    const code = text.charCodeAt(pos);
    next.length = 0;
    for (const i of current) {
      const state = states[i] as { test: CharTest; out: number };
      if (state.test(code) && addState(next, state.out, pos + 1)) return true;
    }
    [current, next] = [next, current];
  }
  return false;
}
