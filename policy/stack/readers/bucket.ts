/** Where trails store log files: S3 buckets, their access logging and public access blocks, in both providers. */
import type { Reader } from ".";
import { PublicAccessSettings } from "../model";
import { bool, list, obj, str, UNKNOWN, Unknown } from "../maybe-unknown";
import { node, reference } from "./node";

/** The four settings of a public access block; each is unknown while the whole block is. */
function publicAccessSettings(block: unknown): PublicAccessSettings {
  const setting = (key: string) => (block === UNKNOWN ? UNKNOWN : bool(obj(block)[key]));
  return {
    blockPublicAcls: setting("blockPublicAcls"),
    blockPublicPolicy: setting("blockPublicPolicy"),
    ignorePublicAcls: setting("ignorePublicAcls"),
    restrictPublicBuckets: setting("restrictPublicBuckets"),
  };
}

/** Access logging declared in an @pulumi/aws bucket: `logging` (v7 Bucket) or `loggings` (BucketV2, v6 Bucket). */
function inlineAccessLogging(props: Record<string, unknown>): boolean | Unknown {
  const loggings = list(props.loggings);
  if (props.logging === UNKNOWN || loggings === UNKNOWN) return UNKNOWN;
  return obj(props.logging).targetBucket !== undefined || loggings.length > 0;
}

/** The property that holds a bucket's name, by bucket type. */
export const BUCKET_NAME_KEYS: Readonly<Record<string, string>> = {
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketV2:BucketV2": "bucket",
  "aws-native:s3:Bucket": "bucketName",
};

const awsBucket: Reader<"bucket"> = {
  kind: "bucket",
  read: (r) => ({
    ...node(r),
    bucketName: str(r.props[BUCKET_NAME_KEYS[r.type]]),
    accessLogging: inlineAccessLogging(r.props),
  }),
};
const awsBucketLogging: Reader<"bucketLogging"> = {
  kind: "bucketLogging",
  read: (r) => ({ ...node(r), bucket: reference(r, "bucket") }),
};

export const STORAGE_READERS: Readonly<
  Record<string, Reader<"bucket" | "bucketLogging" | "publicAccessBlock">>
> = {
  "aws:s3/bucket:Bucket": awsBucket,
  "aws:s3/bucketV2:BucketV2": awsBucket,
  "aws:s3/bucketLogging:BucketLogging": awsBucketLogging,
  "aws:s3/bucketLoggingV2:BucketLoggingV2": awsBucketLogging,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    kind: "publicAccessBlock",
    read: (r) => ({ ...node(r), bucket: reference(r, "bucket"), settings: publicAccessSettings(r.props) }),
  },
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": {
    kind: "publicAccessBlock",
    read: (r) => ({ ...node(r), settings: publicAccessSettings(r.props) }),
  },
  "aws-native:s3:Bucket": {
    kind: "bucket",
    read: (r) => {
      const { loggingConfiguration: logging, publicAccessBlockConfiguration: block } = r.props;
      return {
        ...node(r),
        bucketName: str(r.props[BUCKET_NAME_KEYS[r.type]]),
        accessLogging: logging === UNKNOWN ? UNKNOWN : logging !== undefined,
        publicAccessBlock: block === undefined ? undefined : publicAccessSettings(block),
      };
    },
  },
};
