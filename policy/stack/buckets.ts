/**
 * Where each trail of a stack stores its log files, and what protects that bucket: public access
 * blocks and server access logging, in every form @pulumi/aws and @pulumi/aws-native declare them.
 * Kept apart from the StackIndex: buckets are many in most stacks, and only the trail policies need them.
 */
import type { Link } from ".";
import { Bucket, BucketLogging, PublicAccessBlock, PublicAccessSettings, Reference, Trail } from "./model";
import { Multimap } from "./maps";
import { UNKNOWN } from "./maybe-unknown";
import { RawResource } from "./raw-resource";
import { BUCKET_NAME_KEYS, readByKind, STORAGE_READERS, TRAIL_READERS } from "./readers";

/** The bucket a trail stores its log files in, as far as this stack tells. */
export type TrailBucket =
  | { readonly where: "stack"; readonly bucket: Bucket }
  /** Named, but defined outside this stack. */
  | { readonly where: "elsewhere"; readonly name: string }
  /** Known only after deployment. */
  | { readonly where: "unknown" }
  /** The trail names no bucket. */
  | { readonly where: "none" };

/** A public access block that applies to a bucket. */
export interface AppliedBlock {
  readonly settings: PublicAccessSettings;
  readonly link: Link;
  /** Where it is declared, for messages: inside the bucket, or which resource. */
  readonly source: string;
}

const READ = { ...TRAIL_READERS, ...STORAGE_READERS };

export class BucketIndex {
  readonly trails: Trail[];
  private readonly bucketByUrn = new Map<string, Bucket>();
  private readonly bucketByName = new Map<string, Bucket>();
  private readonly loggings = new OnBuckets<BucketLogging>();
  private readonly blocks = new OnBuckets<PublicAccessBlock>();
  private readonly accountBlocks: PublicAccessBlock[] = [];

  constructor(resources: Iterable<RawResource>) {
    const ofKind = readByKind(resources, READ);
    this.trails = ofKind("trail");
    for (const bucket of ofKind("bucket")) {
      this.bucketByUrn.set(bucket.urn, bucket);
      if (typeof bucket.bucketName === "string") this.bucketByName.set(bucket.bucketName, bucket);
    }
    for (const logging of ofKind("bucketLogging")) this.loggings.add(logging.bucket, logging);
    for (const block of ofKind("publicAccessBlock")) {
      if (block.bucket === undefined) this.accountBlocks.push(block);
      else this.blocks.add(block.bucket, block);
    }
  }

  /** A trail's bucket: through its property dependencies first (names are unknown in a first preview), then by name. */
  bucketOf(trail: Trail): TrailBucket {
    const { urns, value } = trail.bucket;
    const bucket =
      urns.map((urn) => this.bucketByUrn.get(urn)).find((b) => b !== undefined) ??
      (typeof value === "string" ? this.bucketByName.get(value) : undefined);
    if (bucket) return { where: "stack", bucket };
    if (typeof value === "string" && value !== "") return { where: "elsewhere", name: value };
    return value === UNKNOWN ? { where: "unknown" } : { where: "none" };
  }

  /** Whether a bucket logs access: declared inside it, or by a logging resource on it. */
  accessLoggingOf(bucket: Bucket): Link | false {
    if (bucket.accessLogging === true) return "yes";
    const links = this.loggings.on(bucket).map((logging) => linkTo(logging.bucket, bucket));
    if (links.includes("yes")) return "yes";
    return bucket.accessLogging === UNKNOWN || links.includes("maybe") ? "maybe" : false;
  }

  /** The public access blocks that apply to a bucket: its own, those on it, and account-wide ones. */
  publicAccessBlocksOf(bucket: Bucket): AppliedBlock[] {
    const applied: AppliedBlock[] = [];
    const inside = bucket.publicAccessBlock;
    if (inside) applied.push({ settings: inside, link: "yes", source: "its publicAccessBlockConfiguration" });
    for (const block of [...this.blocks.on(bucket), ...this.accountBlocks]) {
      const link = block.bucket === undefined ? "yes" : linkTo(block.bucket, bucket);
      const source = `${block.bucket ? "" : "account "}public access block '${block.name}'`;
      if (link) applied.push({ settings: block.settings, link, source });
    }
    return applied;
  }
}

/** A resource of an AnalyzeStack request, as far as choosing what to read needs. */
export interface RequestedResource {
  getType(): string;
  getUrn(): string;
  getProperties():
    { getFieldsMap(): { get(key: string): { getStringValue(): string } | undefined } } | undefined;
  getPropertydependenciesMap(): { get(key: string): { getUrnsList(): string[] } | undefined };
  getDependenciesList(): string[];
}

/**
 * Which resources of a stack the trail policy reads: S3 resources that may protect a trail's
 * bucket, but of the buckets, many in most stacks, only those a trail names or depends on.
 */
export function trailStorageFilter(
  resources: readonly RequestedResource[],
): (r: RequestedResource) => boolean {
  const field = (r: RequestedResource, key: string) =>
    r.getProperties()?.getFieldsMap().get(key)?.getStringValue();
  const urns = new Set<string>();
  const names = new Set<string>();
  for (const r of resources) {
    if (!TRAIL_READERS[r.getType()]) continue;
    const linked =
      r.getPropertydependenciesMap().get("s3BucketName")?.getUrnsList() ?? r.getDependenciesList();
    linked.forEach((urn) => urns.add(urn));
    names.add(field(r, "s3BucketName") ?? "");
  }
  return (r) => {
    const nameKey = BUCKET_NAME_KEYS[r.getType()];
    if (nameKey === undefined) return STORAGE_READERS[r.getType()] !== undefined;
    return urns.has(r.getUrn()) || names.has(field(r, nameKey) ?? "");
  };
}

/**
 * Resources that apply to a bucket, found by the bucket's URN or name; those whose bucket is
 * unknown yet apply to every bucket, perhaps.
 */
class OnBuckets<T> {
  private readonly byKey = new Multimap<string, T>();
  private readonly unknown: T[] = [];

  add(reference: Reference, item: T): void {
    // A name that came from a bucket resource is that bucket's: it is not matched by name.
    const { urns, value } = reference;
    const keys = urns.length > 0 ? urns : typeof value === "string" ? [`name:${value}`] : [];
    if (keys.length === 0 && value === UNKNOWN) this.unknown.push(item);
    for (const key of keys) this.byKey.add(key, item);
  }

  /** Those that may apply to `bucket`, each once. */
  on(bucket: Bucket): T[] {
    const named = typeof bucket.bucketName === "string" ? this.byKey.get(`name:${bucket.bucketName}`) : [];
    return [...new Set([...this.byKey.get(bucket.urn), ...named, ...this.unknown])];
  }
}

/** Whether a resource's `bucket` property is this bucket: by dependency, by name, or perhaps (unknown). */
function linkTo(reference: Reference, bucket: Bucket): Link | false {
  const { urns, value } = reference;
  if (urns.includes(bucket.urn)) return "yes";
  if (typeof value === "string") return value === bucket.bucketName ? "yes" : false;
  return value === UNKNOWN && urns.length === 0 ? "maybe" : false;
}
