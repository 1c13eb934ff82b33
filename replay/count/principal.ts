/**
 * Who made a CloudTrail call, as the replay reports it: the caller's ARN, with an assumed role's
 * sessions taken together (each session has its own name); the root user as `Root`; an AWS service
 * acting on its own by the service's name. And in which account: an organization trail's archive
 * holds every member account's events, and `Root` says nothing without its account.
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

/**
 * An assumed role's session ARN with the session name as `*`; any other ARN as it is. The SQL of
 * `--emit ... --contributors` folds them alike (replay/sql/queries.ts).
 */
export function sessionsTogether(arn: string): string {
  return ASSUMED_ROLE_SESSION.test(arn) ? `${arn.split("/", 2).join("/")}/*` : arn;
}

/** An assumed role's session ARN, `arn:aws:sts::111122223333:assumed-role/<role>/<session>`. */
export const ASSUMED_ROLE_SESSION = /^arn:[^:/]+:sts::[^:/]*:assumed-role\/[^/]+\/.+$/;

/**
 * The account an event is about: the one that received it (`recipientAccountId`), else the account
 * in the caller's ARN (its fifth part), else `userIdentity.accountId`. The SQL reads it alike.
 */
export function accountOf(record: Record<string, unknown>): string | undefined {
  const recipient = record.recipientAccountId;
  if (typeof recipient === "string" && recipient !== "") return recipient;
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  if (typeof identity.arn === "string") {
    const account = arnAccount(identity.arn);
    if (account !== "") return account;
  }
  return typeof identity.accountId === "string" && identity.accountId !== "" ? identity.accountId : undefined;
}

/** The fifth part of an ARN (`arn:partition:service:region:account:resource`), or "". */
function arnAccount(arn: string): string {
  let start = 0;
  for (let part = 0; part < 4; part++) {
    start = arn.indexOf(":", start) + 1;
    if (start === 0) return "";
  }
  const end = arn.indexOf(":", start);
  return end < 0 ? arn.slice(start) : arn.slice(start, end);
}

/** The principal's name in reports. */
export function principalName({ type, arn, invokedBy }: Principal): string {
  if (type === "Root") return "Root";
  if (arn !== undefined) return arn;
  if (invokedBy !== undefined) return `${type ?? "AWSService"} ${invokedBy}`;
  return type ?? "(no userIdentity)";
}
