/**
 * One CloudTrail event as an alarm's message tells it: when, who, what, from where, and in which
 * account. Only these fields are read: request parameters and response elements, which can hold
 * secrets, never are.
 */
import { fieldsOf } from "./json";

export interface AlertEvent {
  /** `eventTime` as CloudTrail writes it, `2026-03-01T08:31:02Z`. */
  readonly time?: string;
  readonly principal: AlertPrincipal;
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly errorCode?: string;
  readonly sourceIPAddress?: string;
  readonly userAgent?: string;
  /** The account the event happened in (an organization trail delivers many accounts' events). */
  readonly account?: string;
  readonly region?: string;
}

export interface AlertPrincipal {
  /** Who, in words: `IAM user alice`, `role deploy, session ci-42`, `root user`. */
  readonly name: string;
  /** The same with all sessions of a role together, to count by: `role deploy`. */
  readonly group: string;
  /** The account the principal belongs to; for the root user, whose root it is. */
  readonly account?: string;
  /** The service it acted through (`cloudformation.amazonaws.com`), for a principal that is no service itself. */
  readonly via?: string;
}

/** `role deploy, session ci-42 of account 111122223333 via cloudformation.amazonaws.com`; `group`: all sessions together. */
export function principalText(principal: AlertPrincipal, form: "name" | "group" = "name"): string {
  const account = principal.account === undefined ? "" : ` of account ${principal.account}`;
  const via = principal.via === undefined ? "" : ` via ${principal.via}`;
  return `${principal[form]}${account}${via}`;
}

/** Longest a field of an event is shown: user agents and session names can be long. */
const MOST_CHARACTERS = 160;

/** The fields of a CloudTrail record that the message shows. */
export function alertEvent(record: Record<string, unknown>): AlertEvent {
  const principal = alertPrincipal(record.userIdentity);
  return {
    time: text(record.eventTime),
    principal,
    eventSource: text(record.eventSource),
    eventName: text(record.eventName),
    errorCode: text(record.errorCode),
    sourceIPAddress: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
    account: text(record.recipientAccountId) ?? principal.account,
    region: text(record.awsRegion),
  };
}

function alertPrincipal(userIdentity: unknown): AlertPrincipal {
  const identity = fieldsOf(userIdentity);
  const type = text(identity.type);
  const arn = text(identity.arn);
  const account = text(identity.accountId) ?? (arn === undefined ? undefined : arnAccount(arn));
  const invokedBy = text(identity.invokedBy);
  const who = whoIs(type, identity, arn, invokedBy);
  return {
    name: clip(who.name),
    group: clip(who.group),
    account: account === undefined ? undefined : clip(account),
    // Another principal acting through a service (CloudFormation, say) is told with that service.
    via: type === "AWSService" ? undefined : invokedBy,
  };
}

function whoIs(
  type: string | undefined,
  identity: Record<string, unknown>,
  arn: string | undefined,
  invokedBy: string | undefined,
): { name: string; group: string } {
  const alike = (name: string) => ({ name, group: name });
  const userName = text(identity.userName);
  const tail = arn?.slice(arn.lastIndexOf("/") + 1);
  switch (type) {
    case "Root":
      return alike("root user");
    case "IAMUser":
      return alike(`IAM user ${userName ?? tail ?? text(identity.principalId) ?? "(unnamed)"}`);
    case "AssumedRole": {
      const issuer = fieldsOf(fieldsOf(identity.sessionContext).sessionIssuer);
      const [, role, session] = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn ?? "") ?? [];
      const roleName = text(issuer.userName) ?? role ?? "(unnamed)";
      return {
        name: `role ${roleName}, session ${session ?? text(identity.principalId) ?? "(unnamed)"}`,
        group: `role ${roleName}`,
      };
    }
    case "FederatedUser":
      return alike(`federated user ${tail ?? text(identity.principalId) ?? "(unnamed)"}`);
    case "AWSService":
      return alike(`AWS service ${invokedBy ?? "(unnamed)"}`);
    case "AWSAccount":
      return alike(`account ${text(identity.accountId) ?? text(identity.principalId) ?? "(unknown)"}`);
    default: {
      const id = userName ?? arn ?? text(identity.principalId);
      return alike([type ?? "unknown identity", id].filter((part) => part !== undefined).join(" "));
    }
  }
}

/** The account in an ARN: `arn:aws:iam::111122223333:user/alice` → `111122223333`. */
function arnAccount(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account === undefined || account === "" ? undefined : account;
}

/** A field's text, one line, at most {@link MOST_CHARACTERS}; nothing for a missing or empty one. */
function text(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  return clip(value);
}

function clip(value: string): string {
  // No line breaks or control characters: a field must not start a line of its own in the message.
  // eslint-disable-next-line no-control-regex
  const line = value.replace(/[\u0000-\u001f\u007f]+/g, " ");
  return line.length <= MOST_CHARACTERS ? line : `${line.slice(0, MOST_CHARACTERS - 1)}…`;
}
