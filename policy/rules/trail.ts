/** Step 1, trail: does a trail record what the control needs, and deliver it to a CloudWatch Logs log group (step 2)? */
import { LogGroupTarget, Trail, UNKNOWN } from "../stack";

export interface Qualification {
  /** What the trail lacks, each with the setting that fixes it. */
  readonly lacks: string[];
  /** Settings that are unknown until deployment. */
  readonly unknown: string[];
}

/** `target`: where the trail delivers, as the stack index resolves it. */
export function qualify(trail: Trail, target: LogGroupTarget | undefined): Qualification {
  const native = trail.type.startsWith("aws-native:");
  const setting = {
    logging: native ? "isLogging" : "enableLogging",
    logGroup: native ? "cloudWatchLogsLogGroupArn" : "cloudWatchLogsGroupArn",
  };
  const lacks: string[] = [];
  const unknown: string[] = [];
  const expect = (value: unknown, key: string, lack: string) => {
    if (value === UNKNOWN) unknown.push(key);
    else if (value !== true) lacks.push(lack);
  };
  expect(trail.multiRegion, "isMultiRegionTrail", "is not multi-region (set isMultiRegionTrail: true)");
  expect(trail.logging, setting.logging, `does not log (set ${setting.logging}: true)`);
  expect(
    trail.globalServiceEvents,
    "includeGlobalServiceEvents",
    "leaves out global service events such as IAM and STS (set includeGlobalServiceEvents: true)",
  );
  if (trail.managementEvents === UNKNOWN) unknown.push("eventSelectors");
  else if (trail.managementEvents !== "all") {
    const which = { none: "no", "read-only": "only read-only", "write-only": "only write" }[
      trail.managementEvents
    ];
    lacks.push(`records ${which} management events (record all: readWriteType All, or no event selectors)`);
  }
  if (target === undefined)
    lacks.push(`does not deliver to CloudWatch Logs (set ${setting.logGroup} to a log group ARN)`);
  else if (!target.known) unknown.push(setting.logGroup);
  const arn = trail.logGroup.value;
  // CloudTrail takes the log group's ARN with its ":*" suffix, and rejects it without.
  if (typeof arn === "string" && arn.includes(":log-group:") && !arn.endsWith(":*")) {
    lacks.push(
      `names its log group as ${arn}, without the ':*' suffix CloudTrail requires (set ${setting.logGroup} to the log group ARN followed by ":*")`,
    );
  }
  return { lacks, unknown };
}

/** How messages name a trail: an organization trail says so, as it records every account of its organization. */
export function trailLabel(trail: Trail): string {
  return `${trail.organization === true ? "Organization trail" : "Trail"} '${trail.name}'`;
}
