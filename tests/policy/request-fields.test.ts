import { strict as assert } from "assert";
import { createRequire } from "module";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { decodeResource, splitRequest, Wire, WireReader } from "../../policy/request/fields";
import { PulumiStruct } from "../../preview/pack";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const jspb = pulumiRequire("google-protobuf") as {
  BinaryReader: new (bytes: Uint8Array) => WireReader;
  BinaryWriter: new () => { writeString(field: number, value: string): void; getResultBuffer(): Uint8Array };
};

const wire: Wire<analyzerProto.AnalyzerResource> = {
  reader: (bytes) => new jspb.BinaryReader(bytes),
  decode: (reader) => {
    const resource = new analyzerProto.AnalyzerResource();
    reader.readMessage(resource, analyzerProto.AnalyzerResource.deserializeBinaryFromReader as never);
    return resource;
  },
};

function resource(type: string, name: string, props: Record<string, string>): analyzerProto.AnalyzerResource {
  const r = new analyzerProto.AnalyzerResource();
  r.setUrn(`urn:pulumi:prod::p::${type}::${name}`);
  r.setName(name);
  r.setProperties(PulumiStruct.fromJavaScript(props));
  r.setType(type); // after the other fields: a reader must not rely on the type coming first
  return r;
}

function request(...resources: analyzerProto.AnalyzerResource[]): Uint8Array {
  const message = new analyzerProto.AnalyzeStackRequest();
  message.setResourcesList(resources);
  return message.serializeBinary();
}

describe("reading an AnalyzeStack request field by field", () => {
  const trail = resource("aws:cloudtrail/trail:Trail", "trail", { s3BucketName: "trail-bucket" });
  const bucket = resource("aws:s3/bucket:Bucket", "logs", { bucket: "trail-bucket" });

  it("reads each resource's type in the request's order, and decodes a resource as it was sent", () => {
    const { resources, rest } = splitRequest(wire, request(trail, bucket));
    assert.deepEqual(
      resources.map((r) => r.type),
      ["aws:cloudtrail/trail:Trail", "aws:s3/bucket:Bucket"],
    );
    assert.deepEqual(rest, []);
    const decoded = decodeResource(wire, resources[1]);
    assert.equal(decoded.getUrn(), bucket.getUrn());
    assert.deepEqual(decoded.getProperties()?.toJavaScript(), { bucket: "trail-bucket" });
  });

  it("keeps the request's other fields byte for byte, for @pulumi/policy to read", () => {
    const writer = new jspb.BinaryWriter();
    writer.writeString(9, "a field of a later protocol");
    const other = writer.getResultBuffer();
    const bytes = Buffer.concat([request(trail), other, request(bucket)]);
    const { resources, rest } = splitRequest(wire, bytes);
    assert.equal(resources.length, 2);
    assert.deepEqual(Buffer.concat(rest), Buffer.from(other));
  });
});
