/**
 * How each provider spells the resources of the chain: one reader per resource type, by kind of
 * resource, so that supporting another provider is adding its types to the kind's file.
 */
import {
  Alarm,
  Bucket,
  BucketLogging,
  CompositeAlarm,
  KmsAlias,
  KmsKey,
  LogGroup,
  ManagedPolicy,
  MetricFilter,
  PolicyAttachment,
  PublicAccessBlock,
  Role,
  RolePolicy,
  Subscription,
  Topic,
  Trail,
  TrailComponent,
} from "../model";
import { Multimap } from "../maps";
import { RawResource } from "../raw-resource";
import { ALARM_READERS } from "./alarm";
import { KEY_READERS } from "./key";
import { LOG_GROUP_READERS } from "./log-group";
import { METRIC_FILTER_READERS } from "./metric-filter";
import { ROLE_READERS } from "./role";
import { TOPIC_READERS } from "./topic";
import { TRAIL_COMPONENT_READERS, TRAIL_READERS } from "./trail";

export { BUCKET_NAME_KEYS, STORAGE_READERS } from "./bucket";
export { TRAIL_READERS } from "./trail";

type Kinds = {
  trail: Trail;
  trailComponent: TrailComponent;
  logGroup: LogGroup;
  role: Role;
  rolePolicy: RolePolicy;
  policyAttachment: PolicyAttachment;
  managedPolicy: ManagedPolicy;
  filter: MetricFilter;
  alarm: Alarm;
  compositeAlarm: CompositeAlarm;
  topic: Topic;
  key: KmsKey;
  alias: KmsAlias;
  subscription: Subscription;
  bucket: Bucket;
  bucketLogging: BucketLogging;
  publicAccessBlock: PublicAccessBlock;
};
export type Kind = keyof Kinds;

export type Reader<K extends Kind> = { kind: K; read(r: RawResource): Kinds[K] };

/** The resources of the monitoring chain, and those that let each step reach the next (roles, keys). */
export const READERS: Readonly<Record<string, Reader<Kind>>> = {
  ...TRAIL_READERS,
  ...TRAIL_COMPONENT_READERS,
  ...LOG_GROUP_READERS,
  ...ROLE_READERS,
  ...METRIC_FILTER_READERS,
  ...ALARM_READERS,
  ...TOPIC_READERS,
  ...KEY_READERS,
};

/** Reads the resources of the types in `readers`; the result lists those of one kind. */
export function readByKind(
  resources: Iterable<RawResource>,
  readers: Readonly<Record<string, Reader<Kind>>>,
): <K extends Kind>(kind: K) => Kinds[K][] {
  const nodes = new Multimap<Kind, unknown>();
  for (const resource of resources) {
    const reader = readers[resource.type];
    if (reader) nodes.add(reader.kind, reader.read(resource));
  }
  return <K extends Kind>(kind: K) => nodes.get(kind) as Kinds[K][];
}
