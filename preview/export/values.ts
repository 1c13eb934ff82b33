/** Values of a `pulumi stack export` as the engine sends them to a policy pack. */
import {
  isObject,
  Json,
  RESOURCE_REFERENCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN_WIRE,
  wireSecret,
} from "../../lib/pulumi/property-values";

export interface ExportValueContext {
  /** Decrypts a `ciphertext`, or undefined when the stack's secrets cannot be opened here. */
  readonly decrypt?: (ciphertext: string) => string;
  /** Called with each secret's value, undefined when it is unknown here, so outputs can mask it. */
  readonly onSecret: (value: unknown) => void;
}

/**
 * A value of a stack export as the engine sends it to a policy pack: secrets keep their tag with the
 * decrypted value (unknown when it cannot be decrypted), and a resource reference becomes the
 * resource's ID, or its URN for a component, because the engine does not send references to packs.
 */
export function exportToWire(value: unknown, context: ExportValueContext): Json {
  if (Array.isArray(value)) return value.map((v) => exportToWire(v, context));
  if (!isObject(value)) return value as Json;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) {
    const encrypted = typeof value.plaintext !== "string";
    const text = !encrypted
      ? (value.plaintext as string)
      : typeof value.ciphertext === "string" && context.decrypt
        ? context.decrypt(value.ciphertext)
        : undefined;
    const plain = text === undefined ? undefined : secretValue(text, encrypted);
    context.onSecret(plain);
    return wireSecret(plain === undefined ? UNKNOWN_WIRE : exportToWire(plain, context));
  }
  if (sig === RESOURCE_REFERENCE_SIG) {
    if (!("id" in value)) return String(value.urn);
    return typeof value.id === "string" && value.id !== "" ? value.id : UNKNOWN_WIRE;
  }
  const wire: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) wire[k] = exportToWire(v, context);
  return wire;
}

/** A secret's value, which the export holds as JSON text; the text itself is never part of a message. */
function secretValue(text: string, decrypted: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`a secret's ${decrypted ? "decrypted " : ""}value is not JSON, as Pulumi writes secrets`);
  }
}
