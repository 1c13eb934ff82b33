/**
 * Who made a CloudTrail call, as the replay reports it: the caller's ARN, with an assumed role's
 * sessions taken together (each session has its own name); the root user as `Root`; an AWS service
 * acting on its own by the service's name.
 */

/** The userIdentity fields a principal is told by: every event of one principal has the same. */
export interface Principal {
  readonly type?: string;
  /** `userIdentity.arn`, ending in `/*` for all the sessions of an assumed role. */
  readonly arn?: string;
  readonly invokedBy?: string;
}

export function principalOf(userIdentity: unknown): Principal {
  if (userIdentity === null || typeof userIdentity !== "object") return {};
  const { type, arn, invokedBy } = userIdentity as Record<string, unknown>;
  return {
    type: typeof type === "string" ? type : undefined,
    arn: typeof arn === "string" ? sessionsTogether(arn) : undefined,
    invokedBy: typeof invokedBy === "string" ? invokedBy : undefined,
  };
}

/** An assumed role's session ARN with the session name as `*`; any other ARN as it is. */
export function sessionsTogether(arn: string): string {
  return arn.replace(/^(arn:[^:]+:sts::[^:]*:assumed-role\/[^/]+\/).+$/, "$1*");
}

/** The principal's name in reports. */
export function principalName({ type, arn, invokedBy }: Principal): string {
  if (type === "Root") return "Root";
  if (arn !== undefined) return arn;
  if (invokedBy !== undefined) return `${type ?? "AWSService"} ${invokedBy}`;
  return type ?? "(no userIdentity)";
}
