import { strict as assert } from "assert";
import {
  checkTrailHardening,
  DEFAULT_HARDENING_OPTIONS,
  HardeningOptions,
} from "../../policy/rules/trail-hardening";
import { RawResource } from "../../policy/stack";
import { BucketIndex } from "../../policy/stack/buckets";
import {
  ALL_PUBLIC_ACCESS_BLOCKED,
  aws,
  hardenedTrail,
  linked,
  resource,
  s3,
  UNKNOWN,
  VALIDATED_AND_ENCRYPTED,
} from "./builders";

const VALIDATION = "log file validation (CIS v1.2 2.2, v1.4 3.2, Security Hub CloudTrail.4)";
const ENCRYPTION = "KMS encryption of its log files (CIS v1.2 2.7, v1.4 3.7, Security Hub CloudTrail.2)";
const NOT_PUBLIC = "public access blocking on its bucket (CIS v1.2 2.3, v1.4 3.3, Security Hub CloudTrail.6)";
const ACCESS_LOGGING = "access logging on its bucket (CIS v1.2 2.6, v1.4 3.6, Security Hub CloudTrail.7)";

function findings(resources: RawResource[], options: Partial<HardeningOptions> = {}): string[] {
  return checkTrailHardening(new BucketIndex(resources), { ...DEFAULT_HARDENING_OPTIONS, ...options }).map(
    (f) => f.message,
  );
}

/** A validated, encrypted trail storing its log files in `bucket`, linked to it as a program would. */
function trailIn(bucket: RawResource, props: Record<string, unknown> = {}): RawResource {
  const trail = aws.trail("audit", undefined, {
    s3BucketName: bucket.props.bucket ?? bucket.props.bucketName,
    ...VALIDATED_AND_ENCRYPTED,
    ...props,
  });
  return linked(trail, { s3BucketName: [bucket] });
}

/** What a first preview sends: values computed at deployment unknown, links by dependency only. */
function inPreview(r: RawResource, ...keys: string[]): RawResource {
  return { ...r, props: { ...r.props, ...Object.fromEntries(keys.map((k) => [k, UNKNOWN])) } };
}

/** The same resource without property dependencies, as in a stack exported from an older engine. */
function byNameOnly(r: RawResource): RawResource {
  return { ...r, propertyDependencies: {}, dependencies: [] };
}

describe("trail hardening: CIS section 3 for the trail itself", () => {
  it("passes a validated, KMS-encrypted trail whose bucket blocks public access and logs access", () => {
    assert.deepEqual(findings(hardenedTrail("audit", undefined)), []);
  });

  it("names the trail, the CIS item, the Security Hub control and the fix for each lack", () => {
    const bucket = s3.bucket("audit-bucket");
    const trail = aws.trail("audit", undefined, { s3BucketName: "audit-bucket" });
    assert.deepEqual(findings([trail, bucket]), [
      `Trail 'audit' lacks ${VALIDATION}: its log files cannot be validated (set enableLogFileValidation: true).`,
      `Trail 'audit' lacks ${ENCRYPTION}: its log files are encrypted with S3-managed keys only (set kmsKeyId to a KMS key whose key policy lets cloudtrail.amazonaws.com encrypt with it).`,
      `Trail 'audit' lacks ${NOT_PUBLIC}: its bucket 'audit-bucket' does not block public access (add an aws.s3.BucketPublicAccessBlock on it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true).`,
      `Trail 'audit' lacks ${ACCESS_LOGGING}: its bucket 'audit-bucket' does not log access (add an aws.s3.BucketLogging with bucket set to it and targetBucket a separate log bucket encrypted with SSE-S3).`,
    ]);
  });

  it("checks every trail of the stack on its own", () => {
    const [trail, ...storage] = hardenedTrail("audit", undefined);
    const unvalidated = { ...trail, name: "regional", urn: `${trail.urn}-2` };
    unvalidated.props = { ...trail.props, enableLogFileValidation: false };
    assert.deepEqual(findings([trail, unvalidated, ...storage]), [
      `Trail 'regional' lacks ${VALIDATION}: its log files cannot be validated (set enableLogFileValidation: true).`,
    ]);
  });

  describe("access logging of the trail bucket, in every form a program declares it", () => {
    const blocked = (bucket: RawResource) => [bucket, s3.publicAccessBlock(bucket)];
    const forms: [string, () => RawResource[]][] = [
      ["aws.s3.BucketLogging", () => [...blocked(s3.bucket("b")), s3.logging(s3.bucket("b"))]],
      [
        "aws.s3.BucketLoggingV2",
        () => [
          ...blocked(s3.bucket("b")),
          s3.logging(s3.bucket("b"), "aws:s3/bucketLoggingV2:BucketLoggingV2"),
        ],
      ],
      [
        "the inline logging of aws.s3.Bucket",
        () => blocked(s3.bucket("b", { logging: { targetBucket: "logs" } })),
      ],
      [
        "the inline loggings of aws.s3.BucketV2",
        () =>
          blocked(
            resource("aws:s3/bucketV2:BucketV2", "b", { bucket: "b", loggings: [{ targetBucket: "logs" }] }),
          ),
      ],
      [
        "the loggingConfiguration of aws-native s3.Bucket",
        () => [
          resource("aws-native:s3:Bucket", "b", {
            bucketName: "b",
            loggingConfiguration: { destinationBucketName: "logs" },
            publicAccessBlockConfiguration: ALL_PUBLIC_ACCESS_BLOCKED,
          }),
        ],
      ],
    ];
    for (const [form, storage] of forms) {
      it(`recognises ${form}`, () => {
        const [bucket, ...rest] = storage();
        assert.deepEqual(findings([trailIn(bucket), bucket, ...rest]), []);
      });
    }

    it("links through dependencies while names are unknown, as in a first preview", () => {
      const [trail, bucket, block, logging] = hardenedTrail("audit", undefined);
      const preview = [
        inPreview(trail, "s3BucketName", "kmsKeyId"),
        inPreview(bucket, "bucket"),
        inPreview(block, "bucket"),
        inPreview(logging, "bucket", "targetBucket"),
      ];
      assert.deepEqual(findings(preview), []);
      assert.deepEqual(findings(preview.slice(0, 3)), [
        `Trail 'audit' lacks ${ACCESS_LOGGING}: its bucket 'audit-bucket' does not log access (add an aws.s3.BucketLogging with bucket set to it and targetBucket a separate log bucket encrypted with SSE-S3).`,
      ]);
    });

    it("links by bucket name when there are no dependencies", () => {
      assert.deepEqual(findings(hardenedTrail("audit", undefined).map(byNameOnly)), []);
    });

    it("does not count logging of another bucket", () => {
      const [trail, bucket, block] = hardenedTrail("audit", undefined);
      const other = s3.bucket("app-data");
      assert.deepEqual(findings([trail, bucket, block, other, s3.logging(other)]), [
        `Trail 'audit' lacks ${ACCESS_LOGGING}: its bucket 'audit-bucket' does not log access (add an aws.s3.BucketLogging with bucket set to it and targetBucket a separate log bucket encrypted with SSE-S3).`,
      ]);
    });

    it("says when a logging resource may be on the bucket only once deployed", () => {
      const [trail, bucket, block] = hardenedTrail("audit", undefined);
      const pending = byNameOnly(inPreview(s3.logging(s3.bucket("elsewhere")), "bucket"));
      assert.deepEqual(findings([trail, bucket, block, pending]), [
        `Trail 'audit': ${ACCESS_LOGGING} cannot be verified until deployment: whether its bucket 'audit-bucket' logs access is known only then.`,
      ]);
    });

    it("gives the aws-native fix for an aws-native bucket", () => {
      const bucket = resource("aws-native:s3:Bucket", "b", {
        bucketName: "b",
        publicAccessBlockConfiguration: ALL_PUBLIC_ACCESS_BLOCKED,
      });
      assert.deepEqual(findings([trailIn(bucket), bucket]), [
        `Trail 'audit' lacks ${ACCESS_LOGGING}: its bucket 'b' does not log access (set its loggingConfiguration with destinationBucketName a separate log bucket encrypted with SSE-S3).`,
      ]);
    });
  });

  describe("the trail bucket is not public", () => {
    it("names the settings a public access block leaves off", () => {
      const [trail, bucket, , logging] = hardenedTrail("audit", undefined);
      const partial = s3.publicAccessBlock(bucket, {
        ignorePublicAcls: false,
        restrictPublicBuckets: undefined,
      });
      assert.deepEqual(findings([trail, bucket, partial, logging]), [
        `Trail 'audit' lacks ${NOT_PUBLIC}: its bucket 'audit-bucket' blocks public access only in part: ignorePublicAcls, restrictPublicBuckets are off (set them true in public access block 'audit-bucket').`,
      ]);
    });

    it("counts the account's public access block, setting by setting, as S3 applies it", () => {
      const [trail, bucket, , logging] = hardenedTrail("audit", undefined);
      const half = s3.publicAccessBlock(bucket, { ignorePublicAcls: false, restrictPublicBuckets: false });
      const account = (settings: Record<string, boolean>) =>
        resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account", settings);
      assert.deepEqual(findings([trail, bucket, logging, account(ALL_PUBLIC_ACCESS_BLOCKED)]), []);
      assert.deepEqual(
        findings([
          trail,
          bucket,
          logging,
          half,
          account({ ignorePublicAcls: true, restrictPublicBuckets: true }),
        ]),
        [],
      );
      assert.deepEqual(findings([trail, bucket, logging, half, account({ ignorePublicAcls: true })]), [
        `Trail 'audit' lacks ${NOT_PUBLIC}: its bucket 'audit-bucket' blocks public access only in part: restrictPublicBuckets is off (set it true in public access block 'audit-bucket' or account public access block 'account').`,
      ]);
    });

    it("gives the aws-native fix for an aws-native bucket", () => {
      const bucket = resource("aws-native:s3:Bucket", "b", { bucketName: "b", loggingConfiguration: {} });
      assert.deepEqual(findings([trailIn(bucket), bucket]), [
        `Trail 'audit' lacks ${NOT_PUBLIC}: its bucket 'b' does not block public access (set its publicAccessBlockConfiguration with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true).`,
      ]);
    });
  });

  describe("a bucket this stack cannot see", () => {
    const outside = aws.trail("org", undefined, {
      s3BucketName: "org-trail-logs",
      ...VALIDATED_AND_ENCRYPTED,
    });

    it("says the bucket's items cannot be checked here, and still checks the trail's own settings", () => {
      const unencrypted = { ...outside, props: { ...outside.props, kmsKeyId: undefined } };
      assert.deepEqual(findings([unencrypted]), [
        `Trail 'org' lacks ${ENCRYPTION}: its log files are encrypted with S3-managed keys only (set kmsKeyId to a KMS key whose key policy lets cloudtrail.amazonaws.com encrypt with it).`,
        `Trail 'org': ${NOT_PUBLIC} cannot be verified in this stack: its bucket 'org-trail-logs' is defined outside it (check the bucket where it is defined, then list it in bucketsCheckedElsewhere).`,
        `Trail 'org': ${ACCESS_LOGGING} cannot be verified in this stack: its bucket 'org-trail-logs' is defined outside it (check the bucket where it is defined, then list it in bucketsCheckedElsewhere).`,
      ]);
    });

    it("is silent about a bucket listed in bucketsCheckedElsewhere", () => {
      assert.deepEqual(findings([outside], { bucketsCheckedElsewhere: ["org-trail-logs"] }), []);
    });

    it("waits for deployment when the bucket's name is unknown and nothing links it", () => {
      const pending = inPreview(outside, "s3BucketName");
      assert.deepEqual(findings([pending]), [
        `Trail 'org': ${NOT_PUBLIC} cannot be verified until deployment: its bucket is known only after deployment.`,
        `Trail 'org': ${ACCESS_LOGGING} cannot be verified until deployment: its bucket is known only after deployment.`,
      ]);
    });
  });

  it("reads aws-native trails with the same settings", () => {
    const bucket = resource("aws-native:s3:Bucket", "b", {
      bucketName: "b",
      loggingConfiguration: { destinationBucketName: "logs" },
      publicAccessBlockConfiguration: ALL_PUBLIC_ACCESS_BLOCKED,
    });
    const trail = (props: Record<string, unknown>) =>
      linked(
        resource("aws-native:cloudtrail:Trail", "org", { s3BucketName: "b", isLogging: true, ...props }),
        { s3BucketName: [bucket] },
      );
    assert.deepEqual(findings([trail(VALIDATED_AND_ENCRYPTED), bucket]), []);
    assert.deepEqual(findings([trail({}), bucket]), [
      `Trail 'org' lacks ${VALIDATION}: its log files cannot be validated (set enableLogFileValidation: true).`,
      `Trail 'org' lacks ${ENCRYPTION}: its log files are encrypted with S3-managed keys only (set kmsKeyId to a KMS key whose key policy lets cloudtrail.amazonaws.com encrypt with it).`,
    ]);
  });
});
