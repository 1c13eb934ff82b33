import { strict as assert } from "assert";
import { allows, Request } from "../../policy/rules/permissions";
import { LATER, match, stackPart } from "../../policy/rules/wildcards";
import { UNKNOWN } from "../../policy/stack";

const STREAM =
  "arn:aws:logs:us-east-1:111122223333:log-group:audit-logs:log-stream:111122223333_CloudTrail_us-east-1";
const put: Request = { action: "logs:PutLogEvents", resource: [STREAM], context: {} };
const fromCloudWatch: Request = {
  service: "cloudwatch.amazonaws.com",
  action: "kms:GenerateDataKey",
  resource: ["arn:aws:kms:us-east-1:111122223333:key/k"],
  context: {
    "aws:sourceaccount": ["111122223333"],
    "aws:sourcearn": ["arn:aws:cloudwatch:us-east-1:111122223333:alarm:unauthorized"],
  },
};
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const answer = (documents: unknown[], request: Request) => allows(documents, request).answer;

describe("judging IAM policy documents", () => {
  it("reads a document as a JSON string or an object, with one statement or a list", () => {
    const statement = { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" };
    for (const document of [doc(statement), JSON.stringify(doc(statement)), { Statement: statement }])
      assert.equal(answer([document], put), "yes");
  });

  it("matches actions case-insensitively with * and ?, and NotAction by what it leaves out", () => {
    for (const Action of [
      "logs:PutLogEvents",
      "LOGS:putlogevents",
      "logs:*",
      "logs:Put*",
      "logs:PutLog?vents",
      "*",
    ])
      assert.equal(answer([doc({ Effect: "Allow", Action, Resource: "*" })], put), "yes", Action);
    for (const Action of ["logs:CreateLogStream", "logs:Put", "s3:*"])
      assert.equal(answer([doc({ Effect: "Allow", Action, Resource: "*" })], put), "no", Action);
    assert.equal(answer([doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })], put), "yes");
    assert.equal(answer([doc({ Effect: "Allow", NotAction: "logs:*", Resource: "*" })], put), "no");
  });

  it("matches resources with wildcards, case-sensitively, and NotResource by what it leaves out", () => {
    const allow = (Resource: unknown) => answer([doc({ Effect: "Allow", Action: "logs:*", Resource })], put);
    assert.equal(allow("arn:aws:logs:*:*:log-group:audit-logs:*"), "yes");
    assert.equal(allow(["arn:aws:s3:::b/*", "arn:aws:logs:us-east-1:111122223333:log-group:audit-*"]), "yes");
    assert.equal(allow("arn:aws:logs:us-east-1:111122223333:log-group:AUDIT-logs:*"), "no");
    assert.equal(allow("arn:aws:logs:us-east-1:111122223333:log-group:app-logs:*"), "no");
    assert.equal(
      answer([doc({ Effect: "Allow", Action: "logs:*", NotResource: "arn:aws:s3:::*" })], put),
      "yes",
    );
  });

  it("lets an explicit Deny win over any Allow, in the same or another document", () => {
    const allow = doc({ Effect: "Allow", Action: "logs:*", Resource: "*" });
    const deny = doc({ Effect: "Deny", Action: "logs:PutLogEvents", Resource: "*" });
    assert.equal(answer([allow, deny], put), "no");
    assert.equal(answer([allow], put), "yes");
    assert.equal(answer([], put), "no");
  });

  it("matches a service principal in every form a policy names it, and no other principal", () => {
    const grant = (Principal: unknown) =>
      answer([doc({ Effect: "Allow", Principal, Action: "kms:*", Resource: "*" })], fromCloudWatch);
    assert.equal(grant({ Service: "cloudwatch.amazonaws.com" }), "yes");
    assert.equal(grant({ Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com"] }), "yes");
    assert.equal(grant("*"), "yes");
    assert.equal(grant({ Service: "events.amazonaws.com" }), "no");
    assert.equal(grant({ AWS: "arn:aws:iam::111122223333:root" }), "no");
    const everyone = allows(
      [doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" })],
      fromCloudWatch,
    );
    assert.deepEqual(everyone, {
      answer: "unclear",
      reasons: ['the principal {"AWS": "*"} of statement 1, which may not include cloudwatch.amazonaws.com'],
    });
  });

  it("evaluates the conditions a service sends, and says which others it cannot check", () => {
    const grant = (Condition: object) =>
      allows(
        [
          doc({
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "kms:*",
            Resource: "*",
            Condition,
          }),
        ],
        fromCloudWatch,
      );
    assert.equal(
      grant({ StringEquals: { "aws:SourceAccount": ["999999999999", "111122223333"] } }).answer,
      "yes",
    );
    assert.equal(
      grant({ ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:*:111122223333:alarm:*" } }).answer,
      "yes",
    );
    assert.equal(grant({ StringNotEquals: { "aws:SourceAccount": "111122223333" } }).answer, "no");
    assert.equal(
      grant({ ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:*:111122223333:alarm:other-*" } }).answer,
      "no",
    );
    assert.deepEqual(grant({ Bool: { "aws:SecureTransport": "true" } }), {
      answer: "unclear",
      reasons: ["the condition Bool on aws:SecureTransport in statement 1, which cannot be checked here"],
    });
    // Sent, a boolean key is compared as IAM reads it: "true" or "false", in any case.
    const overTls = (value: string) => ({
      ...fromCloudWatch,
      context: { ...fromCloudWatch.context, "aws:securetransport": [value] },
    });
    const tlsOnly = doc({
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "kms:*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    });
    assert.equal(answer([tlsOnly], overTls("true")), "yes");
    assert.equal(answer([tlsOnly], overTls("TRUE")), "yes");
    assert.equal(answer([tlsOnly], overTls("false")), "no");
    assert.equal(
      grant({ "ForAnyValue:StringEquals": { "aws:SourceAccount": "111122223333" } }).answer,
      "unclear",
    );
  });

  it("never turns a value known only after deployment, or an unclear Deny, into a yes or a no", () => {
    assert.equal(answer([UNKNOWN], put), "pending");
    assert.equal(answer([doc({ Effect: "Allow", Action: "logs:*", Resource: UNKNOWN })], put), "pending");
    assert.equal(answer([doc({ Effect: UNKNOWN, Action: "logs:*", Resource: "*" })], put), "pending");
    const conditionalDeny = doc(
      { Effect: "Allow", Action: "logs:*", Resource: "*" },
      {
        Effect: "Deny",
        Action: "logs:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
      },
    );
    assert.equal(answer([conditionalDeny], put), "unclear");
    assert.equal(answer(["{ not json"], put), "unclear");
  });
});

describe("wildcards against values known only in part", () => {
  const options = { wildcards: true, ignoreCase: false };
  it("answers yes or no where the unknown part cannot change the answer, and pending where it can", () => {
    const group = ["arn:aws:logs:us-east-1:111122223333:log-group:", LATER, ":log-stream:x"];
    assert.equal(match("arn:aws:logs:*:*:log-group:*", group, options), "yes");
    assert.equal(match("arn:aws:logs:us-east-1:111122223333:log-group:audit-*", group, options), "pending");
    assert.equal(match("arn:aws:s3:::*", group, options), "no");
    assert.equal(match("arn:aws:logs:eu-west-1:*", group, options), "no");
  });

  it("takes the stack's own account and region to be those an ARN names, as the pack places resources", () => {
    const arn = ["arn:aws:cloudwatch:", stackPart("region"), ":", stackPart("account"), ":alarm:a"];
    assert.equal(match("arn:aws:cloudwatch:us-east-1:111122223333:alarm:*", arn, options), "yes");
    assert.equal(
      match("111122223333", [stackPart("account")], { wildcards: false, ignoreCase: false }),
      "yes",
    );
    assert.equal(match("arn:aws:cloudwatch:us-east-1:111122223333:alarm:b", arn, options), "no");
  });
});
