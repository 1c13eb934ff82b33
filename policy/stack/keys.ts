/**
 * Which KMS key a topic is encrypted with: the AWS-managed key of SNS, a key of the stack (by its
 * ID, its ARN, or an alias of the stack), or a key defined elsewhere.
 */
import type { Link } from ".";
import { KmsAlias, KmsKey, Reference } from "./model";
import { UNKNOWN } from "./maybe-unknown";

export type KeyTarget =
  /** Not encrypted with KMS. */
  | { readonly where: "none" }
  /** The AWS-managed key `alias/aws/sns`, spelled as given. */
  | { readonly where: "aws-managed"; readonly spelled: string }
  | { readonly where: "stack"; readonly key: KmsKey; readonly link: Link }
  /** A key ID, key ARN or alias of a key this stack does not define. */
  | { readonly where: "elsewhere"; readonly id: string }
  /** Known only after deployment. */
  | { readonly where: "unknown" };

/** `alias/aws/sns`, as an alias name or an alias ARN. */
const AWS_MANAGED_SNS_KEY = /^(?:arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\/sns$/;

export class KeyIndex {
  private readonly keyByUrn = new Map<string, KmsKey>();
  private readonly keyById = new Map<string, KmsKey>();
  private readonly aliasByUrn = new Map<string, KmsAlias>();
  private readonly aliasByName = new Map<string, KmsAlias>();

  constructor(keys: readonly KmsKey[], aliases: readonly KmsAlias[]) {
    for (const key of keys) {
      this.keyByUrn.set(key.urn, key);
      for (const id of [key.arn, key.keyId]) if (typeof id === "string") this.keyById.set(id, key);
    }
    for (const alias of aliases) {
      this.aliasByUrn.set(alias.urn, alias);
      if (typeof alias.aliasName === "string") this.aliasByName.set(alias.aliasName, alias);
    }
  }

  /** The key a `kmsMasterKeyId`-like property names. */
  keyOf(reference: Reference): KeyTarget {
    const { urns, value } = reference;
    if (typeof value === "string" && AWS_MANAGED_SNS_KEY.test(value))
      return { where: "aws-managed", spelled: value };
    for (const urn of urns) {
      const key = this.keyByUrn.get(urn) ?? this.throughAlias(this.aliasByUrn.get(urn));
      if (key) return { where: "stack", key, link: "yes" };
    }
    if (typeof value === "string" && value !== "") {
      const alias = /(?:^|:)(alias\/.+)$/.exec(value)?.[1];
      const key = alias ? this.throughAlias(this.aliasByName.get(alias)) : this.keyById.get(value);
      return key ? { where: "stack", key, link: "yes" } : { where: "elsewhere", id: value };
    }
    return value === UNKNOWN ? { where: "unknown" } : { where: "none" };
  }

  private throughAlias(alias: KmsAlias | undefined): KmsKey | undefined {
    if (alias === undefined) return undefined;
    const { urns, value } = alias.targetKey;
    for (const urn of urns) {
      const key = this.keyByUrn.get(urn);
      if (key) return key;
    }
    return typeof value === "string" ? this.keyById.get(value) : undefined;
  }
}
