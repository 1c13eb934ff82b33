/**
 * An AnalyzeStack request read field by field, so that only the resources the policies read are
 * ever decoded. Decoding a whole request builds a protobuf object for every value of every
 * resource: about 1.8 GB for a stack of 100,000 resources, of which the policies read a few.
 *
 * Field numbers are those of pulumi's analyzer.proto: `AnalyzeStackRequest.resources = 1`,
 * `AnalyzerResource.type = 1`.
 */
const RESOURCES = 1;
const TYPE = 1;

/** google-protobuf's BinaryReader, as far as it is used here. */
export interface WireReader {
  nextField(): boolean;
  isEndGroup(): boolean;
  getFieldNumber(): number;
  getFieldCursor(): number;
  getCursor(): number;
  skipField(): void;
  readString(): string;
  readMessage(message: unknown, read: (message: unknown, reader: WireReader) => void): void;
}

export interface Wire<R> {
  readonly reader: (bytes: Uint8Array) => WireReader;
  /** Decodes one resource from the reader, positioned on its field. */
  readonly decode: (reader: WireReader) => R;
}

/** A resource of the request, with its type read and its bytes (the whole field) kept, not decoded. */
export interface ResourceField {
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** The request's resources as fields, and its other fields as they came. */
export function splitRequest<R>(
  wire: Wire<R>,
  bytes: Uint8Array,
): { resources: ResourceField[]; rest: Uint8Array[] } {
  const reader = wire.reader(bytes);
  const resources: ResourceField[] = [];
  const rest: Uint8Array[] = [];
  while (reader.nextField() && !reader.isEndGroup()) {
    const start = reader.getFieldCursor();
    if (reader.getFieldNumber() === RESOURCES) {
      const type = typeOf(reader);
      resources.push({ type, bytes: bytes.subarray(start, reader.getCursor()) });
    } else {
      reader.skipField();
      rest.push(bytes.subarray(start, reader.getCursor()));
    }
  }
  return { resources, rest };
}

/** Decodes one resource of the request. */
export function decodeResource<R>(wire: Wire<R>, field: ResourceField): R {
  const reader = wire.reader(field.bytes);
  reader.nextField();
  return wire.decode(reader);
}

/** The type of the resource the reader is on, read past the resource. */
function typeOf(reader: WireReader): string {
  let type = "";
  reader.readMessage(undefined, (_, fields) => {
    while (fields.nextField() && !fields.isEndGroup()) {
      if (fields.getFieldNumber() === TYPE) {
        type = fields.readString();
        return;
      }
      fields.skipField();
    }
  });
  return type;
}
