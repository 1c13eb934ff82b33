/** KMS keys and their aliases, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { str } from "../maybe-unknown";
import { node, reference } from "./node";

export const KEY_READERS: Readonly<Record<string, Reader<"key" | "alias">>> = {
  "aws:kms/key:Key": {
    kind: "key",
    read: (r) => ({ ...node(r), arn: str(r.props.arn), keyId: str(r.props.keyId), policy: r.props.policy }),
  },
  "aws-native:kms:Key": {
    kind: "key",
    read: (r) => ({
      ...node(r),
      arn: str(r.props.arn),
      keyId: str(r.props.keyId),
      policy: r.props.keyPolicy,
    }),
  },
  "aws:kms/alias:Alias": {
    kind: "alias",
    read: (r) => ({
      ...node(r),
      aliasName: str(r.props.name),
      arn: str(r.props.arn),
      targetKey: reference(r, "targetKeyId"),
    }),
  },
  "aws-native:kms:Alias": {
    kind: "alias",
    read: (r) => ({
      ...node(r),
      aliasName: str(r.props.aliasName),
      arn: str(r.props.arn),
      targetKey: reference(r, "targetKeyId"),
    }),
  },
};
