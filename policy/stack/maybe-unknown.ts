/**
 * Plain property values that may be unknown. During a first preview, values computed at deployment
 * are unknown; the readers of the request (../request) put the UNKNOWN marker in their place, and
 * these typed reads keep it, so that every rule sees what is known, what is absent and what is not
 * known yet.
 */
export const UNKNOWN = Symbol("known after deployment");
export type Unknown = typeof UNKNOWN;

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
