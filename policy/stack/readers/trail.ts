/** Trails, as @pulumi/aws and @pulumi/aws-native declare them, and trails built inside a component. */
import type { Reader } from ".";
import {
  AdvancedEventSelector,
  BasicEventSelector,
  EventSelectors,
  FIELD_OPERATORS,
  FieldOperator,
  FieldSelector,
  ManagementEvents,
  Trail,
} from "../model";
import { bool, list, obj, str, UNKNOWN, Unknown } from "../maybe-unknown";
import { RawResource } from "../raw-resource";
import { node, optionalList, reference } from "./node";

/**
 * Which management events a trail records, in sum. No selectors at all means every management
 * event; basic selectors add up; an advanced selector on the Management category records both reads
 * and writes unless it filters on readOnly.
 */
function managementEvents(props: Record<string, unknown>): ManagementEvents | Unknown {
  const basic = list(props.eventSelectors);
  const advanced = list(props.advancedEventSelectors);
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

const strings = (value: unknown) => {
  const items = list(value);
  return items === UNKNOWN ? UNKNOWN : items.map(str);
};

/** @pulumi/aws spells each operator of a field selector in the plural (`startsWiths`), except equals and notEquals. */
const AWS_OPERATOR_KEYS: Readonly<Record<FieldOperator, string>> = {
  equals: "equals",
  notEquals: "notEquals",
  startsWith: "startsWiths",
  notStartsWith: "notStartsWiths",
  endsWith: "endsWiths",
  notEndsWith: "notEndsWiths",
};

/** @pulumi/aws-native spells them as the model does. */
const NATIVE_OPERATOR_KEYS = Object.fromEntries(FIELD_OPERATORS.map((op) => [op, op])) as Record<
  FieldOperator,
  string
>;

/** Every selector of the trail, as written; which events they record is judged by ../../rules/events.ts. */
function eventSelectors(
  r: RawResource,
  operatorKeys: Record<FieldOperator, string>,
): EventSelectors | Unknown {
  const basic = optionalList(r.props.eventSelectors, (s): BasicEventSelector => ({
    includeManagementEvents: bool(s.includeManagementEvents),
    readWriteType: str(s.readWriteType),
    excludeManagementEventSources: strings(s.excludeManagementEventSources),
  }));
  const advanced = optionalList(r.props.advancedEventSelectors, (s): AdvancedEventSelector => ({
    name: str(s.name),
    fieldSelectors: optionalList(s.fieldSelectors, (f): FieldSelector => ({
      field: str(f.field),
      operators: Object.fromEntries(
        FIELD_OPERATORS.filter((op) => f[operatorKeys[op]] !== undefined).map((op) => [
          op,
          strings(f[operatorKeys[op]]),
        ]),
      ),
    })),
  }));
  if (basic === UNKNOWN || advanced === UNKNOWN) return UNKNOWN;
  if (advanced.length > 0) return { kind: "advanced", selectors: advanced };
  return basic.length > 0 ? { kind: "basic", selectors: basic } : { kind: "none" };
}

/** How a provider names a trail's settings where the two differ. */
interface TrailKeys {
  readonly name: string;
  readonly logging: string;
  /** Whether a trail logs when it does not say: @pulumi/aws starts logging by default. */
  readonly logsByDefault: boolean;
  readonly logGroup: string;
  readonly fieldOperators: Record<FieldOperator, string>;
}

function trail(r: RawResource, keys: TrailKeys): Trail {
  return {
    ...node(r),
    trailName: str(r.props[keys.name]),
    multiRegion: bool(r.props.isMultiRegionTrail) ?? false,
    logging: bool(r.props[keys.logging]) ?? keys.logsByDefault,
    globalServiceEvents: bool(r.props.includeGlobalServiceEvents) ?? true,
    managementEvents: managementEvents(r.props),
    eventSelectors: eventSelectors(r, keys.fieldOperators),
    logGroup: reference(r, keys.logGroup),
    logGroupRole: reference(r, "cloudWatchLogsRoleArn"),
    organization: bool(r.props.isOrganizationTrail),
    logFileValidation: bool(r.props.enableLogFileValidation) ?? false,
    kmsKey: str(r.props.kmsKeyId),
    bucket: reference(r, "s3BucketName"),
  };
}

export const TRAIL_READERS: Readonly<Record<string, Reader<"trail">>> = {
  "aws:cloudtrail/trail:Trail": {
    kind: "trail",
    read: (r) =>
      trail(r, {
        name: "name",
        logging: "enableLogging",
        logsByDefault: true,
        logGroup: "cloudWatchLogsGroupArn",
        fieldOperators: AWS_OPERATOR_KEYS,
      }),
  },
  "aws-native:cloudtrail:Trail": {
    kind: "trail",
    read: (r) =>
      trail(r, {
        name: "trailName",
        logging: "isLogging",
        logsByDefault: false,
        logGroup: "cloudWatchLogsLogGroupArn",
        fieldOperators: NATIVE_OPERATOR_KEYS,
      }),
  },
};

/** Trails a provider plugin builds inside a component, which a stack shows unexpanded when it could not run it. */
export const TRAIL_COMPONENT_READERS: Readonly<Record<string, Reader<"trailComponent">>> = {
  "awsx:cloudtrail:Trail": { kind: "trailComponent", read: node },
};
