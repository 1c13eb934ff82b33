/**
 * A JSON parser that keeps each number's text. CloudWatch Logs compares a quoted pattern value
 * with a number field as text, as written in the event: `12.0` is "12.0", though JavaScript's
 * JSON.parse would make it 12.
 */

/** A number from event text: its value and the text it was written as. */
export class JsonNumber {
  constructor(readonly text: string) {}
  get value(): number {
    return Number(this.text);
  }
}

export type EventValue =
  null | boolean | string | number | JsonNumber | EventValue[] | { [key: string]: EventValue };

export class JsonTextError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at character ${offset + 1}`);
    this.name = "JsonTextError";
  }
}

const MAX_DEPTH = 1_000;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

export function parseJsonText(text: string): EventValue {
  let pos = 0;
  let depth = 0;
  const fail = (reason: string): never => {
    throw new JsonTextError(reason, pos);
  };
  const space = () => {
    while (
      pos < text.length &&
      (text[pos] === " " || text[pos] === "\n" || text[pos] === "\r" || text[pos] === "\t")
    )
      pos++;
  };
  const string = (): string => {
    const start = ++pos;
    // Fast path: no escapes before the closing quote.
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 92) break;
      if (code === 34) {
        pos = i + 1;
        return text.slice(start, i);
      }
    }
    let out = "";
    for (;;) {
      if (pos >= text.length) fail("unterminated string");
      const c = text[pos++];
      if (c === '"') return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = text[pos++];
      if (e === "u") {
        const hex = text.slice(pos, pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 4;
      } else {
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (simple[e] === undefined) fail("bad escape");
        out += simple[e];
      }
    }
  };
  const value = (): EventValue => {
    space();
    const c = text[pos];
    if (c === "{" || c === "[") {
      if (++depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
      pos++;
      space();
      const close = c === "{" ? "}" : "]";
      const result: EventValue = c === "{" ? {} : [];
      if (text[pos] === close) {
        pos++;
      } else {
        for (;;) {
          if (Array.isArray(result)) {
            result.push(value());
          } else {
            space();
            if (text[pos] !== '"') fail("expected a property name");
            const key = string();
            space();
            if (text[pos++] !== ":") fail("expected ':'");
            const v = value();
            // Assigning "__proto__" would set the object's prototype: define it as the key it is.
            if (key === "__proto__") {
              Object.defineProperty(result, key, {
                value: v,
                enumerable: true,
                writable: true,
                configurable: true,
              });
            } else {
              result[key] = v;
            }
          }
          space();
          const sep = text[pos++];
          if (sep === close) break;
          if (sep !== ",") fail(`expected ',' or '${close}'`);
        }
      }
      depth--;
      return result;
    }
    if (c === '"') return string();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) fail("expected a JSON value");
    pos += m![0].length;
    return new JsonNumber(m![0]);
  };
  const result = value();
  space();
  if (pos < text.length) fail("unexpected text after the JSON value");
  return result;
}
