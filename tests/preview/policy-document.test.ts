import { strict as assert } from "assert";
import { getPolicyDocument, PolicyDocumentError } from "../../preview/program/policy-document";

describe("aws.iam.getPolicyDocument, computed offline as the AWS provider computes it", () => {
  it("writes one item as a string, several in reverse order, principals and conditions by sorted key", () => {
    const { json, minifiedJson } = getPolicyDocument({
      statements: [
        {
          sid: "CloudTrailWrite",
          actions: ["s3:PutObject"],
          resources: ["arn:aws:s3:::b/AWSLogs/*", "arn:aws:s3:::b/Other/*"],
          principals: [
            { type: "Service", identifiers: ["cloudtrail.amazonaws.com"] },
            { type: "AWS", identifiers: ["111122223333", "arn:aws:iam::111122223333:root"] },
          ],
          conditions: [
            { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: ["arn:aws:cloudtrail:*:111122223333:trail/*"],
            },
          ],
        },
        {
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          notActions: ["s3:Get*", "s3:List*"],
        },
      ],
    }) as { json: string; minifiedJson: string };
    assert.equal(
      json,
      `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "CloudTrailWrite",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": [
        "arn:aws:s3:::b/Other/*",
        "arn:aws:s3:::b/AWSLogs/*"
      ],
      "Principal": {
        "AWS": [
          "arn:aws:iam::111122223333:root",
          "111122223333"
        ],
        "Service": "cloudtrail.amazonaws.com"
      },
      "Condition": {
        "ArnLike": {
          "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"
        },
        "StringEquals": {
          "s3:x-amz-acl": "bucket-owner-full-control"
        }
      }
    },
    {
      "Effect": "Deny",
      "NotAction": [
        "s3:List*",
        "s3:Get*"
      ],
      "Principal": "*"
    }
  ]
}`,
    );
    assert.deepEqual(JSON.parse(minifiedJson), JSON.parse(json));
    assert.ok(!minifiedJson.includes(" "));
  });

  it("merges source documents, then its statements, then overrides, replacing statements by Sid", () => {
    const source = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Keep", Effect: "Allow", Action: "sns:Publish", Resource: "*" },
        { Sid: "Replace", Effect: "Allow", Action: "sns:Subscribe", Resource: "*" },
      ],
    });
    const override = JSON.stringify({
      Statement: [{ Sid: "Own", Effect: "Deny", Action: "*", Resource: "*" }],
    });
    const { json } = getPolicyDocument({
      sourcePolicyDocuments: [source],
      statements: [
        { sid: "Replace", actions: ["sns:Receive"], resources: ["&{aws:username}"] },
        { sid: "Own", actions: ["sns:List*"], resources: ["*"] },
      ],
      overridePolicyDocuments: [override],
    }) as { json: string };
    const doc = JSON.parse(json);
    assert.deepEqual(doc.Statement, [
      { Sid: "Keep", Effect: "Allow", Action: "sns:Publish", Resource: "*" },
      { Sid: "Replace", Effect: "Allow", Action: "sns:Receive", Resource: "${aws:username}" },
      { Sid: "Own", Effect: "Deny", Action: "*", Resource: "*" },
    ]);
  });

  it("refuses duplicate Sids among its statements, as the provider does", () => {
    assert.throws(
      () =>
        getPolicyDocument({
          statements: [
            { sid: "A", actions: ["s3:*"] },
            { sid: "A", actions: ["sns:*"] },
          ],
        }),
      (e: Error) => e instanceof PolicyDocumentError && e.message === "duplicate Sid (A)",
    );
  });
});
