import { strict as assert } from "assert";
import { OFFLINE_ORGANIZATION_ID } from "../../preview/program/invokes";
import { allows } from "../helpers/iam-policy";
import { doc, onBucket, ProgramRun, runProgram, T } from "../helpers/program";

const MANAGEMENT = "123456789012";
const MEMBER = "222233334444";
const ORGANIZATION = "o-a1b2c3d4e5";
const TRAIL = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/cis-monitoring-dev`;
/** Another trail of the management account, and a trail of another account (a member's, say). */
const OTHER_TRAIL = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/data-events`;
const OTHER_ACCOUNTS_TRAIL = `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/cis-monitoring-dev`;
const CLOUDTRAIL = "cloudtrail.amazonaws.com";

describe("an organization trail (organizationTrail: true)", () => {
  let run: ProgramRun;
  let bucketArn: string;
  before(async () => {
    run = await runProgram({ organizationTrail: true, organizationId: ORGANIZATION });
    assert.equal(run.error, undefined);
    bucketArn = "arn:aws:s3:::cis-monitoring-dev-trail-bucket-0a1b2c3";
  });

  it("is an organization trail, still multi-region, validated, KMS-encrypted and delivered to the log group", () => {
    const trail = run.one(T.trail);
    assert.equal(trail.inputs.isOrganizationTrail, true);
    assert.equal(trail.inputs.isMultiRegionTrail, true);
    assert.equal(trail.inputs.enableLogFileValidation, true);
    const key = run.named(T.key, "trail-key");
    assert.deepEqual(trail.propertyDependencies.kmsKeyId, [key.urn]);
    assert.deepEqual(trail.propertyDependencies.cloudWatchLogsGroupArn, [
      run.named(T.logGroup, "trail-logs").urn,
    ]);
    // The bucket's access is still logged.
    const bucket = run.ofType(T.bucket).find((b) => b.name === "cis-monitoring-dev-trail-bucket")!;
    assert.equal(onBucket(run, bucket, T.bucketLogging).inputs.targetPrefix, "trail-bucket/");
  });

  describe("its bucket policy", () => {
    let policy: object;
    before(() => {
      const bucket = run.ofType(T.bucket).find((b) => b.name === "cis-monitoring-dev-trail-bucket")!;
      policy = doc(onBucket(run, bucket, T.bucketPolicy));
    });
    const write = (key: string, sourceArn: string, secure = "true") =>
      allows(policy, {
        service: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: `${bucketArn}/${key}`,
        context: {
          "aws:SourceArn": sourceArn,
          "s3:x-amz-acl": "bucket-owner-full-control",
          "aws:SecureTransport": secure,
        },
      });
    const file = (account: string) =>
      `CloudTrail/us-east-1/2026/03/01/${account}_CloudTrail_us-east-1_x.json.gz`;
    const management = `AWSLogs/${MANAGEMENT}/${file(MANAGEMENT)}`;
    const member = `AWSLogs/${ORGANIZATION}/${MEMBER}/${file(MEMBER)}`;

    it("lets this trail write the management account's logs and every member account's", () => {
      assert.equal(write(management, TRAIL), true);
      assert.equal(write(member, TRAIL), true);
      assert.equal(write(`AWSLogs/${ORGANIZATION}/${MANAGEMENT}/${file(MANAGEMENT)}`, TRAIL), true);
      const checkAcl = (sourceArn: string) =>
        allows(policy, {
          service: CLOUDTRAIL,
          action: "s3:GetBucketAcl",
          resource: bucketArn,
          context: { "aws:SourceArn": sourceArn, "aws:SecureTransport": "true" },
        });
      assert.equal(checkAcl(TRAIL), true);
      assert.equal(checkAcl(OTHER_TRAIL), false);
    });

    it("lets no other trail write there, of the management account or another, nor this trail elsewhere or without TLS", () => {
      for (const key of [management, member]) {
        assert.equal(write(key, OTHER_TRAIL), false, `another trail of the management account: ${key}`);
        assert.equal(write(key, OTHER_ACCOUNTS_TRAIL), false, `another account's trail: ${key}`);
        assert.equal(write(key, TRAIL, "false"), false, `without TLS: ${key}`);
      }
      assert.equal(write(`AWSLogs/o-z9y8x7w6v5/${MEMBER}/${file(MEMBER)}`, TRAIL), false);
      assert.equal(write(`AWSLogs/${MEMBER}/${file(MEMBER)}`, TRAIL), false);
    });
  });

  it("has a key policy that lets this trail encrypt its logs, and no other trail", () => {
    const policy = doc(run.named(T.key, "trail-key"));
    const encrypt = (sourceArn: string, context = sourceArn) =>
      allows(policy, {
        service: CLOUDTRAIL,
        action: "kms:GenerateDataKey",
        resource: `arn:aws:kms:us-east-1:${MANAGEMENT}:key/k`,
        context: { "aws:SourceArn": sourceArn, "kms:EncryptionContext:aws:cloudtrail:arn": context },
      });
    assert.equal(encrypt(TRAIL), true);
    assert.equal(encrypt(OTHER_TRAIL), false);
    assert.equal(encrypt(OTHER_ACCOUNTS_TRAIL), false);
    assert.equal(encrypt(TRAIL, OTHER_TRAIL), false, "for another trail's log files");
    const describe = (sourceArn: string) =>
      allows(policy, {
        service: CLOUDTRAIL,
        action: "kms:DescribeKey",
        resource: `arn:aws:kms:us-east-1:${MANAGEMENT}:key/k`,
        context: { "aws:SourceArn": sourceArn },
      });
    assert.equal(describe(TRAIL), true);
    assert.equal(describe(OTHER_ACCOUNTS_TRAIL), false);
  });

  it("has a delivery role only this trail assumes, writing the management account's and the organization's log streams of its log group only", () => {
    const role = run.named(T.role, "trail-delivery");
    const assume = (sourceArn: string) =>
      allows(doc(role, "assumeRolePolicy"), {
        service: CLOUDTRAIL,
        action: "sts:AssumeRole",
        resource: role.outputs.arn as string,
        context: { "aws:SourceArn": sourceArn },
      });
    assert.equal(assume(TRAIL), true);
    assert.equal(assume(OTHER_TRAIL), false);
    assert.equal(assume(OTHER_ACCOUNTS_TRAIL), false);

    const logGroupArn = run.named(T.logGroup, "trail-logs").outputs.arn as string;
    const policy = doc(run.named(T.rolePolicy, "trail-delivery"));
    const deliver = (arn: string) =>
      ["logs:CreateLogStream", "logs:PutLogEvents"].every((action) =>
        allows(policy, { action, resource: arn }),
      );
    assert.equal(deliver(`${logGroupArn}:log-stream:${MANAGEMENT}_CloudTrail_eu-west-1`), true);
    assert.equal(deliver(`${logGroupArn}:log-stream:${ORGANIZATION}_${MEMBER}_CloudTrail_eu-west-1`), true);
    assert.equal(
      deliver(
        `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:other:log-stream:${ORGANIZATION}_${MEMBER}_CloudTrail_eu-west-1`,
      ),
      false,
    );
  });

  it("looks the organization up when organizationId is not set, as npm start answers offline", async () => {
    const looked = await runProgram({ organizationTrail: true });
    assert.equal(looked.error, undefined);
    assert.deepEqual(looked.unansweredInvokes, []);
    const bucket = looked.ofType(T.bucket).find((b) => b.name === "cis-monitoring-dev-trail-bucket")!;
    const resources = doc(onBucket(looked, bucket, T.bucketPolicy)).Statement.map((s) => s.Resource);
    assert.ok(resources.includes(`${bucketArn}/AWSLogs/${OFFLINE_ORGANIZATION_ID}/*`));
  });
});

describe("an account's own trail (the default)", () => {
  it("is no organization trail, and its bucket takes no organization's logs", async () => {
    const run = await runProgram();
    assert.notEqual(run.one(T.trail).inputs.isOrganizationTrail, true);
    const bucket = run.ofType(T.bucket).find((b) => b.name === "cis-monitoring-dev-trail-bucket")!;
    const resources = doc(onBucket(run, bucket, T.bucketPolicy)).Statement.map((s) => s.Resource);
    assert.ok(!resources.some((r) => String(r).includes("/AWSLogs/o-")));
  });
});
