/**
 * Advisory: every trail in the stack itself meets CIS section 3: validated, KMS-encrypted log
 * files in a bucket that is not public and logs access. Raise it with enforcementLevel: mandatory.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { checkTrailHardening, DEFAULT_HARDENING_OPTIONS, HardeningOptions } from "../rules/trail-hardening";
import { BucketIndex } from "../stack/buckets";
import { stackOf } from "../request";
import { TRAIL_HARDENING_METADATA } from "./metadata";
import { noTrail } from "./verdicts";

export const trailHardeningPolicy: StackValidationPolicy = {
  name: "trail-hardening",
  description:
    "Every CloudTrail trail validates its log files and encrypts them with a KMS key, in an S3 bucket that blocks " +
    "public access and logs access (CIS v1.4 3.2, 3.7, 3.3, 3.6; Security Hub CloudTrail.4, .2, .6, .7).",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["cis", "cloudtrail", "s3"],
  ...TRAIL_HARDENING_METADATA,
  configSchema: {
    properties: {
      bucketsCheckedElsewhere: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_HARDENING_OPTIONS.bucketsCheckedElsewhere],
        description:
          "Names of trail buckets defined outside this stack whose public access and access logging are checked where they are defined.",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const options = { ...DEFAULT_HARDENING_OPTIONS, ...args.getConfig<Partial<HardeningOptions>>() };
    const index = new BucketIndex(stackOf(args.resources).resources);
    if (index.trails.length === 0) args.notApplicable(noTrail(args.resources));
    for (const { message, urn } of checkTrailHardening(index, options)) reportViolation(message, urn);
  },
};
