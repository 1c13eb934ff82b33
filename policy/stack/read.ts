/**
 * Reading resource properties without tripping over unknowns. During a first preview, values
 * computed at deployment are unknown, and touching one through @pulumi/policy's proxy throws,
 * which would skip the whole stack policy. Here an unknown value becomes the UNKNOWN marker.
 */
import { createRequire } from "module";
import { UnknownValueError } from "@pulumi/policy";

export const UNKNOWN = Symbol("known after deployment");
export type Unknown = typeof UNKNOWN;

// The values that mark an unknown, as the engine sends them and @pulumi/policy's proxies refuse them.
const proxy = createRequire(require.resolve("@pulumi/policy"))("./proxy") as Record<string, unknown>;
const UNKNOWNS = new Set(
  Object.keys(proxy)
    .filter((k) => /^unknown.*Value$/.test(k))
    .map((k) => proxy[k]),
);

/** Whether a value the engine sent stands for one known only after deployment. */
export function isUnknownMarker(value: unknown): boolean {
  return typeof value === "string" && UNKNOWNS.has(value);
}

/** A copy of `value` as plain data, with UNKNOWN where a value is not known yet. */
export function snapshot(value: unknown): unknown {
  return value === null || typeof value !== "object" ? value : readThrough(value);
}

function readThrough(value: object): unknown {
  if (Array.isArray(value)) {
    const length = read(value, "length");
    if (length === UNKNOWN) return UNKNOWN;
    return Array.from({ length: length as number }, (_, i) => snapshot(read(value, String(i))));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = snapshot(read(value, key));
  return copy;
}

function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch (e) {
    if (e instanceof UnknownValueError) return UNKNOWN;
    throw e;
  }
}

/** A value of type T, UNKNOWN, or undefined when absent or of another type. */
export type Field<T> = T | Unknown | undefined;

export function str(value: unknown): Field<string> {
  return value === UNKNOWN || typeof value === "string" ? value : undefined;
}

export function bool(value: unknown): Field<boolean> {
  return value === UNKNOWN || typeof value === "boolean" ? value : undefined;
}

export function num(value: unknown): Field<number> {
  return value === UNKNOWN || typeof value === "number" ? value : undefined;
}

/** A list, UNKNOWN, or an empty list when absent. */
export function list(value: unknown): unknown[] | Unknown {
  return value === UNKNOWN ? UNKNOWN : Array.isArray(value) ? value : [];
}

export function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
