/**
 * The analyzer's request messages in protobuf's binary encoding, written straight from plain values.
 * A stack export of 100,000 resources becomes about as many bytes as its JSON, instead of millions of
 * google-protobuf objects; the pack receives the same message the generated classes would send (map
 * entries in insertion order, where those classes sort them by key).
 * Field numbers are those of pulumi/proto/analyzer.proto and google/protobuf/struct.proto.
 */
import type { AnalyzerInput, WireProperties } from "./protocol";

const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;

class Writer {
  private buffer = Buffer.allocUnsafe(64);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  private varint(n: number): void {
    this.reserve(10);
    while (n > 127) {
      this.buffer[this.length++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    this.buffer[this.length++] = n;
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, bytes: Uint8Array): void {
    this.tag(field, LENGTH);
    this.varint(bytes.length);
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** A string field; proto3 leaves out empty ones unless `always`. */
  string(field: number, value: string, always = false): void {
    if (value === "" && !always) return;
    const size = Buffer.byteLength(value);
    this.tag(field, LENGTH);
    this.varint(size);
    this.reserve(size);
    this.length += this.buffer.write(value, this.length);
  }

  double(field: number, value: number): void {
    this.tag(field, FIXED64);
    this.reserve(8);
    this.length = this.buffer.writeDoubleLE(value, this.length);
  }

  bool(field: number, value: boolean, always = false): void {
    if (!value && !always) return;
    this.tag(field, VARINT);
    this.varint(value ? 1 : 0);
  }

  finish(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** A length-delimited field's tag and length alone, for a body written elsewhere. */
  static header(field: number, length: number): Buffer {
    const w = new Writer();
    w.tag(field, LENGTH);
    w.varint(length);
    return w.finish();
  }
}

/**
 * google.protobuf.Struct of a plain object, in memory of its own: small buffers share slabs of 8 kB,
 * and one kept per resource would keep a whole slab alive.
 */
export function encodeStruct(object: Record<string, unknown>): Buffer {
  return detached(structOf(object));
}

function detached(bytes: Buffer): Buffer {
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}

/** `fields` (1) is a map of string to Value. */
function structOf(object: Record<string, unknown>): Buffer {
  const w = new Writer();
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    const entry = new Writer();
    entry.string(1, key, true);
    entry.bytes(2, encodeValue(value));
    w.bytes(1, entry.finish());
  }
  return w.finish();
}

/** google.protobuf.Value: null (1), number (2), string (3), bool (4), struct (5) or list (6). */
function encodeValue(value: unknown): Buffer {
  const w = new Writer();
  if (value === null) {
    w.bool(1, false, true);
  } else if (typeof value === "number") {
    w.double(2, value);
  } else if (typeof value === "string") {
    w.string(3, value, true);
  } else if (typeof value === "boolean") {
    w.bool(4, value, true);
  } else if (Array.isArray(value)) {
    const list = new Writer();
    for (const item of value) list.bytes(1, encodeValue(item ?? null));
    w.bytes(6, list.finish());
  } else if (typeof value === "object") {
    w.bytes(5, structOf(value as Record<string, unknown>));
  } else {
    throw new Error(`a ${typeof value} cannot be sent as a property value`);
  }
  return w.finish();
}

function structBytes(properties: WireProperties): Uint8Array {
  return properties instanceof Uint8Array ? properties : properties.serializeBinary();
}

/** Fields 1 to 6, shared by AnalyzeRequest and AnalyzerResource: type, properties, urn, name, options, provider. */
function writeResource(w: Writer, r: AnalyzerInput): void {
  w.string(1, r.type);
  w.bytes(2, structBytes(r.properties));
  w.string(3, r.urn);
  w.string(4, r.name);
  const options = new Writer(); // AnalyzerResourceOptions: protect (1), parent (8)
  options.bool(1, r.protect);
  options.string(8, r.parent ?? "");
  w.bytes(5, options.finish());
  if (r.provider) {
    const provider = new Writer(); // AnalyzerProviderResource: type, properties, urn, name
    provider.string(1, r.provider.type);
    provider.bytes(2, structBytes(r.provider.properties));
    provider.string(3, r.provider.urn);
    provider.string(4, r.provider.name);
    w.bytes(6, provider.finish());
  }
}

/** AnalyzeRequest: one resource, as the CLI sends it before changing it. */
export function analyzeRequest(r: AnalyzerInput): Buffer {
  const w = new Writer();
  writeResource(w, r);
  return w.finish();
}

/**
 * AnalyzeStackRequest: `resources` (1), each an AnalyzerResource with parent (7), dependencies (8)
 * and property dependencies (9). Assembled once at its final size: it can be as large as the stack.
 */
export function analyzeStackRequest(resources: readonly AnalyzerInput[]): Buffer {
  const parts: Buffer[] = [];
  for (const r of resources) {
    const resource = new Writer();
    writeResource(resource, r);
    resource.string(7, r.parent ?? "");
    for (const urn of r.dependencies) resource.string(8, urn, true);
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
      const dependencies = new Writer();
      for (const urn of urns) dependencies.string(1, urn, true);
      const entry = new Writer();
      entry.string(1, key, true);
      entry.bytes(2, dependencies.finish());
      resource.bytes(9, entry.finish());
    }
    const body = detached(resource.finish());
    parts.push(detached(Writer.header(1, body.length)), body);
  }
  return Buffer.concat(parts);
}
