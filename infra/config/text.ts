/**
 * Stack config values as Pulumi hands them to the program: text. A key left blank in the stack file
 * is "", lists and objects are JSON, and `pulumi config set` stores `true` and `300` as text too.
 * Read back by the type the schema gives each key, and never rounded or repaired on the way.
 */
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { ConfigPath, SettingsError, SettingsOrigin } from "./error";
import { allowedAt, settingAt } from "./schema";

/** A value as Pulumi would hand it over, from the stack file's own value (what `replay` reads). */
export function configText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * One setting's value from its text: text for a string setting, JSON for any other, null for a
 * blank. Text that is not JSON stays text, for the schema to say what the setting should be.
 */
export function readConfigText(origin: SettingsOrigin, name: string, text: string): unknown {
  // Pulumi hands over "" for a key left blank; a runner that passes the stack file's values as JSON
  // hands over "null". Neither is a value anyone means, for any setting.
  if (text === "" || text === "null") return null;
  if (settingAt([name])?.type === "string") return checkedString(origin, [name], text);
  const document = parseDocument(text, { schema: "json" });
  if (document.errors.length > 0) return checkedString(origin, [name], text);
  return plain(origin, [name], document.contents);
}

/** A parsed JSON node as a plain value, each object built afresh (so `__proto__` is just a key). */
function plain(origin: SettingsOrigin, path: ConfigPath, node: unknown): unknown {
  if (isMap(node)) {
    return Object.fromEntries(
      node.items.map((pair) => {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        return [key, plain(origin, [...path, key], pair.value)];
      }),
    );
  }
  if (isSeq(node)) return node.items.map((item, i) => plain(origin, [...path, i], item));
  if (!isScalar(node)) return null;
  if (typeof node.value === "string") return checkedString(origin, path, node.value);
  const written = node.source ?? String(node.value);
  if (typeof node.value === "number" && !exactly(written, node.value)) {
    throw new SettingsError(
      origin,
      path,
      `${written} is not a number a double holds exactly`,
      allowedAt(path),
    );
  }
  return node.value;
}

// A file that is not UTF-8 is read with each bad byte as U+FFFD: an address or name with one is not
// the one the user wrote.
function checkedString(origin: SettingsOrigin, path: ConfigPath, text: string): string {
  if (!text.includes("\uFFFD")) return text;
  throw new SettingsError(
    origin,
    path,
    `${JSON.stringify(text)} has bytes that are not valid UTF-8 (each read as U+FFFD)`,
    `${allowedAt(path)}, in a stack file saved as UTF-8`,
  );
}

/**
 * Whether `value` is exactly the number `text` spells. The settings are integers, so a fraction
 * only has to stay a fraction (the schema refuses it); an integer must be the one written:
 * 9007199254740993, 1e308 and 1.0000000000000001 are not.
 */
function exactly(text: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return !Number.isInteger(value) || decimalInteger(text) === BigInt(value);
}

/** The integer a JSON number's text spells, or undefined if it spells a fraction or is huge. */
function decimalInteger(text: string): bigint | undefined {
  const parts = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (parts === null) return undefined;
  const [, sign, whole, fraction = "", exponent = "0"] = parts;
  const digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return 0n;
  const scale = Number(exponent) - fraction.length;
  if (scale > 400) return undefined; // beyond any double
  if (scale >= 0) return BigInt(`${sign}${digits}`) * 10n ** BigInt(scale);
  const kept = digits.length + scale;
  if (kept <= 0 || !/^0*$/.test(digits.slice(kept))) return undefined;
  return BigInt(`${sign}${digits.slice(0, kept)}`);
}
