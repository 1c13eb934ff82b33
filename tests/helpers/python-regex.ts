/**
 * Python's `re.search(regex, text)` in JavaScript, for the constructs of the regular expressions
 * Prowler searches filter patterns with. Where JavaScript reads a construct otherwise, Python's
 * meaning is spelt out: `.` is any character but "\n" (no re.DOTALL), `\s` is Python's whitespace
 * (which includes \x1c-\x1f), and `\b` is a boundary of Python's `\w` (Unicode letters, numbers and
 * `_`). Anything else is refused rather than guessed at.
 */

const SPACE =
  "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const WORD = "[\\p{L}\\p{N}_]";
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
/** Characters that are syntax in a JavaScript `u` regex, so a literal one needs a backslash. */
const SYNTAX = new Set("^$\\.*+?()[]{}|/");

export function pythonSearch(regex: string): (text: string) => boolean {
  const compiled = new RegExp(translate(regex), "u");
  return (text) => compiled.test(text);
}

function translate(regex: string): string {
  let out = "";
  let open = 0;
  let quantified = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    const wasQuantified = quantified;
    quantified = false;
    const refuse = (what: string): never => {
      throw new Error(`${what} at ${i} of ${regex} is not translated from Python`);
    };
    if (c === "\\") {
      const next = regex[++i] ?? refuse("a trailing backslash");
      if (next === "s") out += SPACE;
      else if (next === "b") out += BOUNDARY;
      else if (/[A-Za-z0-9]/.test(next)) refuse(`\\${next}`);
      else out += literal(next);
    } else if (c === ".") {
      out += "[^\\n]";
    } else if (c === "?" || c === "+" || c === "*") {
      if (wasQuantified) refuse(`the lazy or repeated quantifier ${c}`);
      quantified = true;
      out += c;
    } else if (c === "(") {
      if (regex[i + 1] === "?") {
        if (regex[i + 2] !== "=") refuse("a group extension other than (?=");
        out += "(?=";
        i += 2;
      } else out += c;
      open++;
    } else if (c === ")") {
      if (open-- === 0) refuse("an unbalanced )");
      out += c;
    } else if (c === "|") {
      out += c;
    } else if ("[]{}^$".includes(c)) {
      refuse(c);
    } else {
      out += literal(c);
    }
  }
  return out;
}

function literal(c: string): string {
  return SYNTAX.has(c) ? `\\${c}` : c;
}
