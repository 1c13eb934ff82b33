/**
 * The last guard against showing a secret: every known secret value is replaced by [secret] in what
 * `npm start` prints, wherever it ended up (a policy's message, a program's error). Values shorter
 * than four characters are left alone: masking them would garble the output and hide nothing.
 */
import { SECRET_TEXT } from "../../lib/pulumi/property-values";

const SHORTEST = 4;

function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === "object") return Object.values(value).flatMap(leaves);
  return [String(value)];
}

export function redactor(secrets: unknown[]): (text: string) => string {
  const texts = new Set<string>();
  for (const leaf of secrets.flatMap(leaves)) {
    if (leaf.length < SHORTEST) continue;
    texts.add(leaf);
    texts.add(JSON.stringify(leaf).slice(1, -1)); // as it reads inside a JSON string
  }
  const sorted = [...texts].sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, secret) => out.split(secret).join(SECRET_TEXT), text);
}
