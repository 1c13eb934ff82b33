/**
 * CIS section 3 for each trail itself: its log files can be validated and are encrypted with a
 * KMS key, and its bucket is not public and logs access. Pure: the bucket index in, findings out.
 */
import { Bucket, PublicAccessSettings, Trail, UNKNOWN } from "../stack";
import { BucketIndex } from "../stack/buckets";
import { broken, maybe, Note, ok, Result } from "./outcome";
import { trailLabel } from "./trail";

export interface HardeningOptions {
  /** Buckets outside the stack whose protections are checked where they are defined. */
  readonly bucketsCheckedElsewhere: readonly string[];
}

export const DEFAULT_HARDENING_OPTIONS: HardeningOptions = { bucketsCheckedElsewhere: [] };

/** What each CIS recommendation asks of a trail, and where auditors find it (CIS v1.2 and v1.4 numbers). */
const ITEMS = {
  logFileValidation: "log file validation (CIS v1.2 2.2, v1.4 3.2, Security Hub CloudTrail.4)",
  encryption: "KMS encryption of its log files (CIS v1.2 2.7, v1.4 3.7, Security Hub CloudTrail.2)",
  bucketNotPublic: "public access blocking on its bucket (CIS v1.2 2.3, v1.4 3.3, Security Hub CloudTrail.6)",
  accessLogging: "access logging on its bucket (CIS v1.2 2.6, v1.4 3.6, Security Hub CloudTrail.7)",
};

export function checkTrailHardening(index: BucketIndex, options: HardeningOptions): Note[] {
  const findings: Note[] = [];
  for (const trail of index.trails) {
    const target = index.bucketOf(trail);
    const onBucket = (check: (bucket: Bucket) => Result): Result => {
      switch (target.where) {
        case "stack":
          return check(target.bucket);
        case "elsewhere":
          return options.bucketsCheckedElsewhere.includes(target.name)
            ? ok()
            : maybe(
                `in this stack: its bucket '${target.name}' is defined outside it ` +
                  "(check the bucket where it is defined, then list it in bucketsCheckedElsewhere)",
              );
        case "unknown":
          return maybe("until deployment: its bucket is known only after deployment");
        case "none":
          return broken("it names no S3 bucket (set s3BucketName)");
      }
    };
    const outcomes: [string, Result][] = [
      [ITEMS.logFileValidation, logFileValidation(trail)],
      [ITEMS.encryption, encryption(trail)],
      [ITEMS.bucketNotPublic, onBucket((bucket) => notPublic(index, bucket))],
      [ITEMS.accessLogging, onBucket((bucket) => accessLogging(index, bucket))],
    ];
    for (const [item, outcome] of outcomes) {
      for (const problem of outcome.problems)
        findings.push({ message: `${trailLabel(trail)} lacks ${item}: ${problem}.`, urn: trail.urn });
      for (const unknown of outcome.unknowns)
        findings.push({
          message: `${trailLabel(trail)}: ${item} cannot be verified ${unknown}.`,
          urn: trail.urn,
        });
    }
  }
  return findings;
}

function logFileValidation(trail: Trail): Result {
  if (trail.logFileValidation === true) return ok();
  if (trail.logFileValidation === UNKNOWN)
    return maybe("until deployment: whether its log files can be validated is known only then");
  return broken("its log files cannot be validated (set enableLogFileValidation: true)");
}

function encryption(trail: Trail): Result {
  // A key ARN computed at deployment is still a key.
  if (trail.kmsKey === UNKNOWN || (typeof trail.kmsKey === "string" && trail.kmsKey !== "")) return ok();
  return broken(
    "its log files are encrypted with S3-managed keys only " +
      "(set kmsKeyId to a KMS key whose key policy lets cloudtrail.amazonaws.com encrypt with it)",
  );
}

const SETTINGS: readonly (keyof PublicAccessSettings)[] = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

/**
 * S3 applies each of the four settings if any block on the bucket or its account turns it on, so
 * each setting is judged on its own across every block that applies.
 */
function notPublic(index: BucketIndex, bucket: Bucket): Result {
  const blocks = index.publicAccessBlocksOf(bucket);
  const state = (setting: keyof PublicAccessSettings) => {
    if (blocks.some((b) => b.link === "yes" && b.settings[setting] === true)) return "on";
    return blocks.some((b) => b.settings[setting] !== false && b.settings[setting] !== undefined)
      ? "maybe"
      : "off";
  };
  const off = SETTINGS.filter((setting) => state(setting) === "off");
  const applying = blocks.filter((b) => b.link === "yes");
  if (off.length > 0 && applying.length === 0) {
    const fix = bucket.type.startsWith("aws-native:")
      ? "set its publicAccessBlockConfiguration with"
      : "add an aws.s3.BucketPublicAccessBlock on it with";
    return broken(
      `its bucket ${label(bucket)} does not block public access (${fix} ${SETTINGS.join(", ")} true)`,
    );
  }
  if (off.length > 0) {
    const [verb, them] = off.length === 1 ? ["is", "it"] : ["are", "them"];
    return broken(
      `its bucket ${label(bucket)} blocks public access only in part: ${off.join(", ")} ${verb} off ` +
        `(set ${them} true in ${applying.map((b) => b.source).join(" or ")})`,
    );
  }
  if (SETTINGS.some((setting) => state(setting) === "maybe")) {
    return maybe(
      `until deployment: whether the public access block of its bucket ${label(bucket)} is complete is known only then`,
    );
  }
  return ok();
}

function accessLogging(index: BucketIndex, bucket: Bucket): Result {
  const logging = index.accessLoggingOf(bucket);
  if (logging === "yes") return ok();
  if (logging === "maybe")
    return maybe(`until deployment: whether its bucket ${label(bucket)} logs access is known only then`);
  const fix = bucket.type.startsWith("aws-native:")
    ? "set its loggingConfiguration with destinationBucketName"
    : "add an aws.s3.BucketLogging with bucket set to it and targetBucket";
  return broken(
    `its bucket ${label(bucket)} does not log access (${fix} a separate log bucket encrypted with SSE-S3)`,
  );
}

function label(bucket: Bucket): string {
  return `'${typeof bucket.bucketName === "string" ? bucket.bucketName : bucket.name}'`;
}
