/**
 * IAM roles and the policies that give them permissions, in every form @pulumi/aws and
 * @pulumi/aws-native declare them: inline in the role, as inline policy resources, and as managed
 * policies attached by the role, by an attachment, or by the policy itself.
 */
import type { Reader } from ".";
import { ListReference } from "../model";
import { str, UNKNOWN } from "../maybe-unknown";
import { RawResource } from "../raw-resource";
import { listReference, node, optionalList, reference } from "./node";

/** A list property holding one reference (`role` of an attachment), as a list. */
function single(r: RawResource, key: string): ListReference {
  const { urns, value } = reference(r, key);
  return { urns, values: value === undefined ? [] : value === UNKNOWN ? UNKNOWN : [value] };
}

const noRoles: ListReference = { urns: [], values: [] };

export const ROLE_READERS: Readonly<
  Record<string, Reader<"role" | "rolePolicy" | "policyAttachment" | "managedPolicy">>
> = {
  "aws:iam/role:Role": {
    kind: "role",
    read: (r) => ({
      ...node(r),
      arn: str(r.props.arn),
      roleName: str(r.props.name),
      trustPolicy: r.props.assumeRolePolicy,
      inlinePolicies: optionalList(r.props.inlinePolicies, (p) => p.policy),
      managedPolicies: listReference(r, "managedPolicyArns"),
      permissionsBoundary: reference(r, "permissionsBoundary"),
    }),
  },
  "aws-native:iam:Role": {
    kind: "role",
    read: (r) => ({
      ...node(r),
      arn: str(r.props.arn),
      roleName: str(r.props.roleName),
      trustPolicy: r.props.assumeRolePolicyDocument,
      inlinePolicies: optionalList(r.props.policies, (p) => p.policyDocument),
      managedPolicies: listReference(r, "managedPolicyArns"),
      permissionsBoundary: reference(r, "permissionsBoundary"),
    }),
  },
  "aws:iam/rolePolicy:RolePolicy": {
    kind: "rolePolicy",
    read: (r) => ({ ...node(r), role: reference(r, "role"), document: r.props.policy }),
  },
  "aws-native:iam:RolePolicy": {
    kind: "rolePolicy",
    read: (r) => ({ ...node(r), role: reference(r, "roleName"), document: r.props.policyDocument }),
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    kind: "policyAttachment",
    read: (r) => ({ ...node(r), roles: single(r, "role"), policyArn: reference(r, "policyArn") }),
  },
  "aws:iam/policyAttachment:PolicyAttachment": {
    kind: "policyAttachment",
    read: (r) => ({ ...node(r), roles: listReference(r, "roles"), policyArn: reference(r, "policyArn") }),
  },
  "aws:iam/policy:Policy": {
    kind: "managedPolicy",
    read: (r) => ({ ...node(r), arn: str(r.props.arn), document: r.props.policy, roles: noRoles }),
  },
  "aws-native:iam:ManagedPolicy": {
    kind: "managedPolicy",
    read: (r) => ({
      ...node(r),
      arn: str(r.props.policyArn),
      document: r.props.policyDocument,
      roles: listReference(r, "roles"),
    }),
  },
};

/** The name in a role ARN (`arn:aws:iam::111122223333:role/path/NAME`). */
export function roleNameOf(arn: string): string | undefined {
  return /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}
