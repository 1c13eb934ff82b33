/**
 * The role a trail delivers to CloudWatch Logs with, and every policy that gives that role
 * permissions: inline in the role, inline policy resources, and managed policies attached by the
 * role, by attachments or by the policy itself.
 */
import {
  ListReference,
  ManagedPolicy,
  PolicyAttachment,
  PolicyDocument,
  Reference,
  Role,
  RolePolicy,
} from "./model";
import { Multimap } from "./maps";
import { UNKNOWN } from "./maybe-unknown";
import { roleNameOf } from "./readers/role";

export type RoleTarget =
  | { readonly where: "none" }
  | { readonly where: "stack"; readonly role: Role }
  | { readonly where: "elsewhere"; readonly arn: string }
  | { readonly where: "unknown" };

/** A role's permissions, as far as this stack declares them. */
export interface Permissions {
  /** The documents of its policies in this stack. */
  readonly documents: readonly PolicyDocument[];
  /** Managed policies attached to it that this stack does not define, by ARN. */
  readonly elsewhere: readonly string[];
  /** Whether a policy may be attached to it that is known only after deployment. */
  readonly pending: boolean;
}

export class RoleIndex {
  private readonly roleByUrn = new Map<string, Role>();
  private readonly roleByArn = new Map<string, Role>();
  private readonly roleByName = new Map<string, Role>();
  private readonly policyByUrn = new Map<string, ManagedPolicy>();
  private readonly policyByArn = new Map<string, ManagedPolicy>();
  /** Inline policies, attachments and self-attaching managed policies, by the role's URN or `name:` its name. */
  private readonly onRole = new Multimap<string, RolePolicy | PolicyAttachment | ManagedPolicy>();
  /** Those whose role is known only after deployment: they may be on any role. */
  private readonly onUnknownRole: (RolePolicy | PolicyAttachment | ManagedPolicy)[] = [];

  constructor(
    roles: readonly Role[],
    rolePolicies: readonly RolePolicy[],
    attachments: readonly PolicyAttachment[],
    policies: readonly ManagedPolicy[],
  ) {
    for (const role of roles) {
      this.roleByUrn.set(role.urn, role);
      if (typeof role.arn === "string") this.roleByArn.set(role.arn, role);
      if (typeof role.roleName === "string") this.roleByName.set(role.roleName, role);
    }
    for (const policy of policies) {
      this.policyByUrn.set(policy.urn, policy);
      if (typeof policy.arn === "string") this.policyByArn.set(policy.arn, policy);
      this.addOnRoles({ urns: policy.roles.urns, values: policy.roles.values }, policy);
    }
    for (const policy of rolePolicies) {
      const { urns, value } = policy.role;
      this.addOnRoles({ urns, values: value === UNKNOWN ? UNKNOWN : [value] }, policy);
    }
    for (const attachment of attachments) this.addOnRoles(attachment.roles, attachment);
  }

  private addOnRoles(roles: ListReference, item: RolePolicy | PolicyAttachment | ManagedPolicy): void {
    // A name that came from a role resource is that role's: it is not matched by name.
    if (roles.urns.length > 0) for (const urn of roles.urns) this.onRole.add(urn, item);
    else if (roles.values === UNKNOWN) this.onUnknownRole.push(item);
    else
      for (const value of roles.values) {
        if (typeof value === "string") this.onRole.add(`name:${roleNameOf(value) ?? value}`, item);
        else if (value === UNKNOWN) this.onUnknownRole.push(item);
      }
  }

  /** The role a `cloudWatchLogsRoleArn`-like property names. */
  roleOf(reference: Reference): RoleTarget {
    const { urns, value } = reference;
    for (const urn of urns) {
      const role = this.roleByUrn.get(urn);
      if (role) return { where: "stack", role };
    }
    if (typeof value === "string" && value !== "") {
      const name = roleNameOf(value);
      const role = this.roleByArn.get(value) ?? (name === undefined ? undefined : this.roleByName.get(name));
      return role ? { where: "stack", role } : { where: "elsewhere", arn: value };
    }
    return value === UNKNOWN ? { where: "unknown" } : { where: "none" };
  }

  /** Every policy of the stack that gives `role` permissions, and those attached from elsewhere. */
  permissionsOf(role: Role): Permissions {
    const documents: PolicyDocument[] = [];
    const elsewhere: string[] = [];
    let pending = role.inlinePolicies === UNKNOWN;
    if (role.inlinePolicies !== UNKNOWN) documents.push(...role.inlinePolicies);
    const attach = (policyArn: Reference) => {
      const found = this.managedPolicy(policyArn);
      if (found === UNKNOWN) pending = true;
      else if (typeof found === "string") elsewhere.push(found);
      else if (found) documents.push(found.document);
    };
    // The role's own list: its items came from the policies it depends on, or are ARNs.
    const { urns, values } = role.managedPolicies;
    const linked = urns.flatMap((urn) => this.policyByUrn.get(urn) ?? []);
    documents.push(...linked.map((policy) => policy.document));
    if (values === UNKNOWN) pending ||= linked.length === 0;
    for (const value of values === UNKNOWN ? [] : values) {
      if (typeof value === "string") {
        const policy = this.policyByArn.get(value);
        if (policy === undefined) elsewhere.push(value);
        else if (!linked.includes(policy)) documents.push(policy.document);
      } else if (value === UNKNOWN) pending ||= linked.length === 0;
    }
    const named = typeof role.roleName === "string" ? this.onRole.get(`name:${role.roleName}`) : [];
    for (const item of new Set([...this.onRole.get(role.urn), ...named])) {
      if ("policyArn" in item) attach(item.policyArn);
      else documents.push(item.document);
    }
    if (this.onUnknownRole.length > 0) pending = true;
    return { documents, elsewhere, pending };
  }

  /** A managed policy of the stack, the ARN of one defined elsewhere, or UNKNOWN. */
  managedPolicy(reference: Reference): ManagedPolicy | string | typeof UNKNOWN | undefined {
    const { urns, value } = reference;
    for (const urn of urns) {
      const policy = this.policyByUrn.get(urn);
      if (policy) return policy;
    }
    if (typeof value === "string") return this.policyByArn.get(value) ?? value;
    return value === UNKNOWN ? UNKNOWN : undefined;
  }
}
