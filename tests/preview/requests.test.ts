import { strict as assert } from "assert";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { PulumiStruct } from "../../preview/pack";
import { analyzeRequest, analyzeStackRequest, encodeStruct } from "../../preview/pack/requests";
import { PolicyPackError } from "../../preview/pack/pack-folder";
import { checkMessageSize } from "../../preview/pack/server";

const props = {
  name: "trail",
  multiRegion: true,
  off: false,
  count: 0,
  ratio: -1.5,
  big: 2 ** 40,
  nothing: null,
  empty: "",
  unicode: "räksmörgås ✓",
  list: [1, "two", { three: [] }, null],
  nested: { deeper: { deepest: {} } },
};

describe("the analyzer's messages, encoded without google-protobuf objects", () => {
  it("encodes a Struct that google-protobuf reads back as the same values", () => {
    assert.deepEqual(PulumiStruct.deserializeBinary(encodeStruct(props)).toJavaScript(), props);
  });

  it("encodes AnalyzeRequest and AnalyzeStackRequest as the generated classes read them", () => {
    const resource = {
      type: "aws:cloudtrail/trail:Trail",
      urn: "urn:pulumi:dev::p::aws:cloudtrail/trail:Trail::t",
      name: "t",
      properties: encodeStruct(props),
      parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
      protect: true,
      dependencies: ["urn:a", "urn:b"],
      propertyDependencies: { cloudWatchLogsGroupArn: ["urn:a"] },
      provider: {
        type: "pulumi:providers:aws",
        urn: "urn:pulumi:dev::p::pulumi:providers:aws::default",
        name: "default",
        properties: PulumiStruct.fromJavaScript({ region: "eu-west-1" }),
      },
    };
    const single = analyzerProto.AnalyzeRequest.deserializeBinary(analyzeRequest(resource)).toObject();
    assert.equal(single.type, resource.type);
    assert.equal(single.urn, resource.urn);
    assert.equal(single.name, "t");
    assert.equal(single.options!.protect, true);
    assert.equal(single.options!.parent, resource.parent);
    assert.equal(single.provider!.urn, resource.provider.urn);
    const stack = analyzerProto.AnalyzeStackRequest.deserializeBinary(
      analyzeStackRequest([resource, resource]),
    );
    const [first, second] = stack.getResourcesList();
    assert.ok(second);
    assert.deepEqual(first.getProperties()!.toJavaScript(), props);
    assert.deepEqual(first.getProvider()!.getProperties()!.toJavaScript(), { region: "eu-west-1" });
    assert.equal(first.getParent(), resource.parent);
    assert.deepEqual(first.getDependenciesList(), ["urn:a", "urn:b"]);
    assert.deepEqual(first.getPropertydependenciesMap().get("cloudWatchLogsGroupArn")!.getUrnsList(), [
      "urn:a",
    ]);
  });

  it("refuses, in one line, a request over the 400 MiB a policy pack accepts, instead of RESOURCE_EXHAUSTED", () => {
    const MiB = 1024 * 1024;
    checkMessageSize("AnalyzeStack", 400 * MiB);
    assert.throws(
      () => checkMessageSize("AnalyzeStack", 450 * MiB),
      (e: Error) =>
        e instanceof PolicyPackError &&
        e.message ===
          "the stack is too large to check: the stack's resources come to 450 MiB in one AnalyzeStack message, over the 400 MiB a policy pack accepts in one message (the Pulumi CLI cannot send it either)",
    );
    assert.throws(
      () => checkMessageSize("Analyze", 400 * MiB + 1),
      /one resource comes to 400 MiB in one Analyze message/,
    );
  });
});
