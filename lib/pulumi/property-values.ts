/**
 * Property values as the engine handles them. On the wire (a protobuf Struct) an unknown value is a
 * sentinel string, and a secret, a resource reference, an asset or an archive is an object tagged
 * with a signature key. These functions read wire values as plain data, for reports, and write the
 * few a program's provider needs.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** An unknown value on the wire, and in a stack export. */
export const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** How an unknown value reads in reports. */
export const UNKNOWN_TEXT = "(known after deployment)";
/** How a secret reads in reports. */
export const SECRET_TEXT = "[secret]";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object: neither null nor a list. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A wire value as plain data: unknowns read as {@link UNKNOWN_TEXT}; secrets are revealed or read as {@link SECRET_TEXT}. */
export function wireToPlain(value: unknown, secrets: "reveal" | "mask"): unknown {
  // A string built from an unknown value (an interpolation) is unknown as a whole.
  if (typeof value === "string") return value.includes(UNKNOWN_WIRE) ? UNKNOWN_TEXT : value;
  if (Array.isArray(value)) return value.map((v) => wireToPlain(v, secrets));
  if (!isObject(value)) return value;
  if (value[SIG_KEY] === SECRET_SIG)
    return secrets === "mask" ? SECRET_TEXT : wireToPlain(value.value, secrets);
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) plain[k] = wireToPlain(v, secrets);
  return plain;
}

/** The values of the secrets inside a wire value, as plain data; what is unknown in them, being no secret, is left out. */
export function secretValues(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(secretValues);
  if (!isObject(value)) return [];
  if (value[SIG_KEY] === SECRET_SIG) return [withoutUnknowns(wireToPlain(value.value, "reveal"))];
  return Object.values(value).flatMap(secretValues);
}

function withoutUnknowns(value: unknown): unknown {
  if (value === UNKNOWN_TEXT) return undefined;
  if (Array.isArray(value)) return value.map(withoutUnknowns);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutUnknowns(v)]));
}

/** Wire properties as plain values: unknowns read as {@link UNKNOWN_TEXT}, secrets as their values. */
export function plainProperties(struct: Struct): Record<string, unknown> {
  return wireToPlain(struct.toJavaScript(), "reveal") as Record<string, unknown>;
}

/** The provider's URN in a provider reference, `<provider urn>::<provider id>`, as registrations and stack exports name it. */
export function providerUrn(reference: string): string {
  return reference.slice(0, reference.lastIndexOf("::"));
}

/** A secret on the wire. */
export function wireSecret(value: Json): Json {
  return { [SIG_KEY]: SECRET_SIG, value };
}
