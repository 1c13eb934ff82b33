/**
 * A sound prefilter for many filter patterns at once: which patterns may match an event, told from
 * its raw text without parsing it (literals.ts says what text each pattern needs).
 *
 * One regular expression searches each event for gate literals: for each pattern, one literal of
 * each disjunct of its condition, so that every event it matches holds one of them. An event
 * without any (most events) is no pattern's candidate. Where the search finds some, the patterns they
 * gate are checked against their whole condition.
 *
 * Which literal of a disjunct guards it changes only the speed, never the result. The first events
 * read show how often each literal occurs, and then the rarest are chosen: `"PutBucketPolicy"` rather
 * than `"s3.amazonaws.com"`.
 */
import { FilterPattern } from "../../policy/filter-pattern";
import { TextCondition, Literal, rawTextCondition } from "./literals";

/** The search for gate literals, and what each found text tells. */
interface Gates {
  readonly search: RegExp | undefined;
  /** For each text the search can find, every literal it holds (itself included). */
  readonly within: ReadonlyMap<string, readonly number[]>;
  /** For each literal, the patterns it gates. */
  readonly opens: readonly (readonly number[])[];
  /** The patterns gated by a literal an escape can hide: candidates for any event with an escape. */
  readonly escapable: readonly number[];
  /** Which literals are gates: the search finds each that is present, so one it did not find is absent. */
  readonly isGate: Uint8Array;
}

export class Prefilter {
  private readonly literals: Literal[] = [];
  private readonly conditions: readonly TextCondition[];
  private readonly tests: readonly (() => boolean)[];
  private readonly everyPattern: readonly number[];
  /** Patterns that need no literal: candidates for every event. */
  private readonly always: readonly number[];
  private gates: Gates;
  private readonly hits: Int32Array;
  private sampled = 0;
  private readonly found: number[] = [];
  // The event being looked at, and what is known of it.
  private text = "";
  private escaped = false;
  private stamp = 0;
  private readonly checked: Int32Array;
  private readonly present: Uint8Array;
  private readonly gated: Int32Array;

  /** `calibration`: how many events to count literals in before choosing the gates. */
  constructor(
    patterns: readonly FilterPattern[],
    private readonly calibration = 1000,
  ) {
    this.conditions = patterns.map((pattern) => rawTextCondition(pattern, this.literals));
    this.tests = this.conditions.map((condition) => this.compile(condition));
    this.everyPattern = patterns.map((_, i) => i);
    this.always = this.everyPattern.filter((i) => this.conditions[i] === true);
    this.hits = new Int32Array(this.literals.length);
    this.checked = new Int32Array(this.literals.length);
    this.present = new Uint8Array(this.literals.length);
    this.gated = new Int32Array(patterns.length);
    // Until the counts are in, every literal is a gate.
    this.gates = this.buildGates(this.conditions.map((c) => literalsOf(c)));
  }

  /** The indexes of the patterns that may match `text`. The array is reused by the next call. */
  candidates(text: string): readonly number[] {
    const backslash = text.indexOf("\\");
    if (backslash >= 0 && text.indexOf("\\u", backslash) >= 0) return this.everyPattern;
    this.look(text, backslash >= 0);
    const { search, within, opens, escapable } = this.gates;
    const stamp = this.stamp;
    let gated = false;
    if (search !== undefined) {
      search.lastIndex = 0;
      for (let m = search.exec(text); m !== null; m = search.exec(text)) {
        for (const id of within.get(m[0])!) {
          this.checked[id] = stamp;
          this.present[id] = 1;
          for (const pattern of opens[id]) this.gated[pattern] = stamp;
        }
        gated = true;
        search.lastIndex = m.index + 1; // texts that start inside this one
      }
    }
    if (this.escaped && escapable.length > 0) {
      for (const pattern of escapable) this.gated[pattern] = stamp;
      gated = true;
    }
    if (this.sampled < this.calibration) this.sample();
    if (!gated) return this.always;
    const found = this.found;
    found.length = 0;
    for (let i = 0; i < this.tests.length; i++) {
      if (this.conditions[i] === true || (this.gated[i] === stamp && this.tests[i]())) found.push(i);
    }
    return found;
  }

  private look(text: string, escaped: boolean): void {
    if (this.stamp === 0x7fffffff) {
      this.checked.fill(0);
      this.gated.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
    this.text = text;
    this.escaped = escaped;
  }

  /** Whether the event may contain literal `id`. */
  private has(id: number): boolean {
    if (this.checked[id] === this.stamp) return this.present[id] === 1;
    const literal = this.literals[id];
    if (this.escaped && literal.escapable) return true;
    return this.gates.isGate[id] === 0 && this.text.includes(literal.text);
  }

  private compile(condition: TextCondition): () => boolean {
    if (condition === true) return () => true;
    if ("literal" in condition) {
      const id = condition.literal;
      return () => this.has(id);
    }
    const parts = ("all" in condition ? condition.all : condition.any).map((c) => this.compile(c));
    return "all" in condition ? () => parts.every((test) => test()) : () => parts.some((test) => test());
  }

  /** Counts the literals of a calibration event (while every literal is a gate, the search found them all). */
  private sample(): void {
    for (let id = 0; id < this.literals.length; id++) {
      if (this.checked[id] === this.stamp && this.present[id] === 1) this.hits[id]++;
    }
    if (++this.sampled === this.calibration) {
      const rate = (id: number) => (this.hits[id] + 1) / (this.sampled + 2);
      this.gates = this.buildGates(this.conditions.map((c) => rarest(c, rate).literals));
    }
  }

  private buildGates(gateLiterals: readonly (readonly number[])[]): Gates {
    const opens: number[][] = this.literals.map(() => []);
    gateLiterals.forEach((ids, pattern) => ids.forEach((id) => opens[id].push(pattern)));
    const gates = [...new Set(gateLiterals.flat())];
    const texts = [...new Set(gates.map((id) => this.literals[id].text))];
    const within = new Map(
      texts.map((text) => [text, this.everyLiteral().filter((id) => text.includes(this.literals[id].text))]),
    );
    const escapable = gates.filter((id) => this.literals[id].escapable).flatMap((id) => opens[id]);
    const isGate = new Uint8Array(this.literals.length);
    for (const id of gates) isGate[id] = 1;
    return {
      search: texts.length > 0 ? new RegExp(alternatives(texts), "g") : undefined,
      within,
      opens,
      escapable: [...new Set(escapable)],
      isGate,
    };
  }

  private everyLiteral(): number[] {
    return this.literals.map((_, id) => id);
  }
}

/** Every literal a condition names. */
function literalsOf(condition: TextCondition): number[] {
  if (condition === true) return [];
  if ("literal" in condition) return [condition.literal];
  return ("all" in condition ? condition.all : condition.any).flatMap(literalsOf);
}

/**
 * Literals at least one of which every text meeting `condition` holds, chosen to be rare: all of an
 * `||`'s sides' gates, and the rarest side's gate of an `&&`. `odds` estimates how likely it is that
 * any of them occurs.
 */
function rarest(
  condition: TextCondition,
  rate: (id: number) => number,
): { literals: number[]; odds: number } {
  if (condition === true) return { literals: [], odds: 1 };
  if ("literal" in condition) return { literals: [condition.literal], odds: rate(condition.literal) };
  const sides = ("all" in condition ? condition.all : condition.any).map((c) => rarest(c, rate));
  if ("all" in condition) return sides.reduce((best, side) => (side.odds < best.odds ? side : best));
  return {
    literals: sides.flatMap((side) => side.literals),
    odds: Math.min(
      1,
      sides.reduce((sum, side) => sum + side.odds, 0),
    ),
  };
}

/**
 * A regular expression source matching any of `texts`, written as their trie (`"Create(?:Vpc|Route)"`).
 * Where texts start at one place, it matches the longest, which holds the others.
 */
function alternatives(texts: readonly string[]): string {
  interface Node {
    end: boolean;
    readonly next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const text of texts) {
    let node = root;
    for (const c of text) {
      if (!node.next.has(c)) node.next.set(c, { end: false, next: new Map() });
      node = node.next.get(c)!;
    }
    node.end = true;
  }
  const source = (node: Node): string => {
    const branches = [...node.next].map(([c, child]) => escapeRegExp(c) + source(child));
    if (branches.length === 0) return "";
    const group = branches.length === 1 && !node.end ? branches[0] : `(?:${branches.join("|")})`;
    return node.end ? `${group}?` : group;
  };
  return source(root);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
