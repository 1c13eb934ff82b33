/**
 * Text from outside (a resource's name, a program's message, an event's field) as a terminal may
 * show it: every control character escaped, so no escape sequence, carriage return, backspace or
 * line break in it can move the cursor, recolour the screen or draw a line of its own (a fake
 * "✔ Passed"). Bidirectional overrides are escaped too, since they reorder what is shown.
 */

// C0 controls but the tab (it only moves forward, as spaces would: messages indent with it), C1
// controls with DEL, the bidirectional marks, embeddings, overrides and isolates, and the Unicode
// line and paragraph separators.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { "\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r" };

/**
 * `text` with each control character written as a JSON escape (`\n`, `\u001b`): text meant to span
 * lines is escaped line by line. A JSON document stays valid JSON when its lines are escaped.
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
