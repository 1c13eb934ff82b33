/**
 * How each provider spells the resources of the chain: one reader per resource type, by kind of
 * resource, so that supporting another provider is adding its types to the kind's file.
 */
import {
  Alarm,
  Bucket,
  BucketLogging,
  LogGroup,
  MetricFilter,
  PublicAccessBlock,
  Subscription,
  Topic,
  Trail,
} from "../model";
import { Multimap } from "../maps";
import { RawResource } from "../raw-resource";
import { ALARM_READERS } from "./alarm";
import { LOG_GROUP_READERS } from "./log-group";
import { METRIC_FILTER_READERS } from "./metric-filter";
import { TOPIC_READERS } from "./topic";
import { TRAIL_READERS } from "./trail";

export { BUCKET_NAME_KEYS, STORAGE_READERS } from "./bucket";
export { TRAIL_READERS } from "./trail";

type Kinds = {
  trail: Trail;
  logGroup: LogGroup;
  filter: MetricFilter;
  alarm: Alarm;
  topic: Topic;
  subscription: Subscription;
  bucket: Bucket;
  bucketLogging: BucketLogging;
  publicAccessBlock: PublicAccessBlock;
};
export type Kind = keyof Kinds;

export type Reader<K extends Kind> = { kind: K; read(r: RawResource): Kinds[K] };

/** The resources of the monitoring chain. */
export const READERS: Readonly<Record<string, Reader<Kind>>> = {
  ...TRAIL_READERS,
  ...LOG_GROUP_READERS,
  ...METRIC_FILTER_READERS,
  ...ALARM_READERS,
  ...TOPIC_READERS,
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
