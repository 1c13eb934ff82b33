/** Reading JSON of a shape not checked beforehand: what is not of the expected kind reads as empty. */

/** An object's fields; `{}` for anything else. */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A list's items; `[]` for anything else. */
export function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
