import { strict as assert } from "assert";
import { knownOutputs, readStackOutputs, StackOutputsError } from "../../preview/program/stack-outputs";
import { tempFile } from "../helpers/temp-files";

describe("--stack-reference-outputs: the outputs of referenced stacks, from a file", () => {
  it("reads each stack's outputs as `pulumi stack output --json` prints them", () => {
    const outputs = { "acme/net/prod": { vpcId: "vpc-1", subnets: ["a", "b"], count: 2 } };
    assert.deepEqual(readStackOutputs(tempFile("o.json", outputs)), outputs);
  });

  it("refuses, naming the file, what is not an object of stacks each with an object of outputs", () => {
    const refused = (content: string | object, message: RegExp) =>
      assert.throws(
        () => readStackOutputs(tempFile("o.json", content)),
        (e: Error) => e instanceof StackOutputsError && message.test(e.message),
      );
    refused(["acme/net/prod"], /o\.json: expected a JSON object of stack names, each with its outputs/);
    refused(
      { "acme/net/prod": "vpc-1" },
      /o\.json: the outputs of 'acme\/net\/prod' are not an object; expected/,
    );
    refused("{", /^cannot read stack reference outputs .*o\.json: /);
    refused("", /^cannot read stack reference outputs .*o\.json: /);
  });

  it("knows a stack's outputs only when given, and none when one is a secret shown as [secret]", () => {
    const given = {
      "acme/net/prod": { vpcId: "vpc-1" },
      "acme/keys/prod": { keyId: "k", token: "[secret]" },
    };
    assert.deepEqual(knownOutputs(given, "acme/net/prod"), { vpcId: "vpc-1" });
    assert.equal(knownOutputs(given, "acme/keys/prod"), undefined);
    assert.equal(knownOutputs(given, "acme/other/prod"), undefined);
    assert.equal(knownOutputs(given, "constructor"), undefined);
  });
});
