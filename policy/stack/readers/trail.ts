/** Trails, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { ManagementEvents, Trail } from "../model";
import { bool, list, obj, str, UNKNOWN, Unknown } from "../maybe-unknown";
import { RawResource } from "../raw-resource";
import { node, reference } from "./node";

/**
 * Which management events a trail records. No selectors at all means every management event;
 * basic selectors add up; an advanced selector on the Management category records both reads
 * and writes unless it filters on readOnly.
 */
function managementEvents(
  props: Record<string, unknown>,
  basicKey: string,
  advancedKey: string,
): ManagementEvents | Unknown {
  const basic = list(props[basicKey]);
  const advanced = list(props[advancedKey]);
  if (basic === UNKNOWN || advanced === UNKNOWN) return UNKNOWN;
  if (basic.length === 0 && advanced.length === 0) return "all";
  let reads = false;
  let writes = false;
  for (const selector of basic.map(obj)) {
    const includes = bool(selector.includeManagementEvents);
    const rw = str(selector.readWriteType);
    if (includes === UNKNOWN || rw === UNKNOWN) return UNKNOWN;
    if (includes === false) continue;
    if (rw === undefined || rw === "All" || rw === "ReadOnly") reads = true;
    if (rw === undefined || rw === "All" || rw === "WriteOnly") writes = true;
  }
  for (const selector of advanced.map(obj)) {
    const fields = list(selector.fieldSelectors);
    if (fields === UNKNOWN) return UNKNOWN;
    const field = (name: string) => fields.map(obj).find((f) => f.field === name);
    const category = field("eventCategory");
    if (category === undefined || !list(category.equals).toString().includes("Management")) continue;
    const readOnly = field("readOnly");
    const only = readOnly === undefined ? undefined : list(readOnly.equals);
    if (only === UNKNOWN) return UNKNOWN;
    if (only === undefined || only.length === 0 || only.includes("true")) reads = true;
    if (only === undefined || only.length === 0 || only.includes("false")) writes = true;
  }
  return reads && writes ? "all" : reads ? "read-only" : writes ? "write-only" : "none";
}

/** Where a trail stores its log files, and how; both providers spell these alike. */
function trailStorage(r: RawResource): Pick<Trail, "logFileValidation" | "kmsKey" | "bucket"> {
  return {
    logFileValidation: bool(r.props.enableLogFileValidation) ?? false,
    kmsKey: str(r.props.kmsKeyId),
    bucket: reference(r, "s3BucketName"),
  };
}

export const TRAIL_READERS: Readonly<Record<string, Reader<"trail">>> = {
  "aws:cloudtrail/trail:Trail": {
    kind: "trail",
    read: (r) => ({
      ...node(r),
      trailName: str(r.props.name),
      multiRegion: bool(r.props.isMultiRegionTrail) ?? false,
      logging: bool(r.props.enableLogging) ?? true,
      globalServiceEvents: bool(r.props.includeGlobalServiceEvents) ?? true,
      managementEvents: managementEvents(r.props, "eventSelectors", "advancedEventSelectors"),
      logGroup: reference(r, "cloudWatchLogsGroupArn"),
      ...trailStorage(r),
    }),
  },
  "aws-native:cloudtrail:Trail": {
    kind: "trail",
    read: (r) => ({
      ...node(r),
      trailName: str(r.props.trailName),
      multiRegion: bool(r.props.isMultiRegionTrail) ?? false,
      logging: bool(r.props.isLogging) ?? false,
      globalServiceEvents: bool(r.props.includeGlobalServiceEvents) ?? true,
      managementEvents: managementEvents(r.props, "eventSelectors", "advancedEventSelectors"),
      logGroup: reference(r, "cloudWatchLogsLogGroupArn"),
      ...trailStorage(r),
    }),
  },
};
