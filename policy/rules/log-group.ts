/**
 * Step 2, log group: can CloudTrail deliver the trail's events to it? CloudTrail assumes the role
 * the trail names (`cloudWatchLogsRoleArn`) to create a log stream in the group and put events in
 * it; the role's trust policy must let cloudtrail.amazonaws.com assume it, and its policies must
 * allow logs:CreateLogStream and logs:PutLogEvents on the group's streams.
 *
 * CloudTrail tries the role when a trail is created or its delivery changes, and refuses the trail
 * if the role cannot deliver (InvalidCloudWatchLogsRoleArnException, or
 * InvalidCloudWatchLogsLogGroupArnException "Access denied"). So where only deployment can tell
 * (a policy computed from a log group created in the same deployment) and the trail's delivery is
 * set in that deployment too, CloudTrail's own check settles it, and the pack leaves it to it.
 */
import { LogGroupTarget, Role, StackIndex, Trail, UNKNOWN } from "../stack";
import { memo } from "../stack/maps";
import { accountOf, arnAt, part, regionOf } from "./arns";
import { broken, maybe, ok, Result, sequence, unclear } from "./outcome";
import { all, allows, Judgement, Request } from "./permissions";
import { LATER, Template } from "./wildcards";

const DELIVERY_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"];
const CLOUDTRAIL = "cloudtrail.amazonaws.com";

const judged = new WeakMap<Trail, Result>();

/** Whether CloudTrail can deliver to the trail's log group with the role it names; the same for every control. */
export function judgeDelivery(trail: Trail, target: LogGroupTarget, index: StackIndex): Result {
  return memo(judged, trail, () => judge(trail, target, index));
}

function judge(trail: Trail, target: LogGroupTarget, index: StackIndex): Result {
  const found = index.roles.roleOf(trail.logGroupRole);
  // Whether this deployment sets where the trail delivers, which CloudTrail then checks.
  const checkedByCloudTrail = trail.logGroup.value === UNKNOWN || trail.logGroupRole.value === UNKNOWN;
  const group = `log group ${target.label}`;
  switch (found.where) {
    case "none":
      // CloudTrail refuses a log group without a role: the deployment fails, nothing goes unnoticed.
      return ok();
    case "unknown":
      // A role ARN known only after deployment is set by this deployment: CloudTrail tries the role.
      return ok();
    case "elsewhere":
      return maybe(
        `its CloudWatch Logs role ${found.arn} is defined outside this stack: check that it lets ${CLOUDTRAIL} ` +
          `assume it and allows ${DELIVERY_ACTIONS.join(" and ")} on ${group}`,
      );
    case "stack":
      return sequence([
        trust(trail, found.role, checkedByCloudTrail),
        permissions(trail, target, found.role, index, checkedByCloudTrail),
      ]);
  }
}

function trust(trail: Trail, role: Role, checkedByCloudTrail: boolean): Result {
  const trailArn = arnAt("cloudtrail", trail.where, ["trail/", part(trail.trailName)]);
  const judgement = allows([role.trustPolicy], {
    service: CLOUDTRAIL,
    action: "sts:AssumeRole",
    context: { "aws:sourcearn": trailArn, "aws:sourceaccount": [accountOf(trail.where)] },
  });
  return outcome(judgement, checkedByCloudTrail, {
    no:
      `${CLOUDTRAIL} may not assume its CloudWatch Logs role '${role.name}', so no event reaches the log group ` +
      `(add to the role's trust policy a statement that allows the principal {"Service": "${CLOUDTRAIL}"} the action sts:AssumeRole)`,
    open: `whether ${CLOUDTRAIL} may assume its CloudWatch Logs role '${role.name}'`,
  });
}

function permissions(
  trail: Trail,
  target: LogGroupTarget,
  role: Role,
  index: StackIndex,
  checkedByCloudTrail: boolean,
): Result {
  const { documents, elsewhere, pending } = index.roles.permissionsOf(role);
  const bounded = boundary(role, index);
  const judged: { stream: DeliveryStream; judgements: Judgement[]; missing: string[] }[] = [];
  for (const stream of deliveryStreams(trail, target)) {
    const judgements = DELIVERY_ACTIONS.map((action, i) => {
      const request = { action, resource: stream.arn, context: {} };
      const judgement = all([allows(documents, request), bounded(request)]);
      // Where the account's own stream is clear, only the organization's ID can leave the members' open,
      // and deployment does not tell it.
      return stream.members && judgement.answer === "pending" && judged[0].judgements[i].answer === "yes"
        ? {
            answer: "unclear" as const,
            reasons: [`the organization's ID, which no resource of this stack holds`],
          }
        : judgement;
    });
    judged.push({
      stream,
      judgements,
      missing: DELIVERY_ACTIONS.filter((_, i) => judgements[i].answer === "no"),
    });
  }
  const refused = judged.find((j) => j.missing.length > 0);
  const logGroupArn = trail.logGroup.value;
  const streams =
    typeof logGroupArn === "string" && logGroupArn.includes(":log-group:")
      ? logGroupArn.replace(/:\*$/, "") + ":log-stream:*"
      : 'the log group\'s ARN followed by ":log-stream:*"';
  const fix = `add to its policies a statement that allows ${DELIVERY_ACTIONS.join(" and ")} on ${streams}`;
  const roleName = `its CloudWatch Logs role '${role.name}'`;
  if (refused !== undefined && (elsewhere.length > 0 || pending)) {
    const others =
      elsewhere.length > 0
        ? `its managed policies defined outside this stack (${elsewhere.join(", ")}) allow them`
        : "a policy attached to it at deployment allows them";
    const on = refused.stream.members ? ` on ${refused.stream.label}` : "";
    return maybe(
      `${roleName} allows ${refused.missing.join(" and ")}${on} only if ${others}: check them, or ${fix}`,
    );
  }
  // Any "no" is a refused stream's: the first one found names what is lost.
  const lost = refused?.stream.members ? "no member account's event reaches it" : "no event reaches it";
  return outcome(all(judged.flatMap((j) => j.judgements)), checkedByCloudTrail, {
    no: `${roleName} does not allow ${refused?.missing.join(" and ")} on ${refused?.stream.label}, so ${lost} (${fix})`,
    open: `whether ${roleName} allows ${DELIVERY_ACTIONS.join(" and ")} on log group ${target.label}`,
  });
}

/** What a role's permissions boundary lets through: everything without one. */
function boundary(role: Role, index: StackIndex): (request: Request) => Judgement {
  const found = index.roles.managedPolicy(role.permissionsBoundary);
  if (found === undefined) return () => ({ answer: "yes", reasons: [] });
  if (found === UNKNOWN)
    return () => ({ answer: "pending", reasons: ["its permissions boundary, known only after deployment"] });
  if (typeof found === "string")
    return () => ({
      answer: "unclear",
      reasons: [`its permissions boundary ${found}, defined outside this stack`],
    });
  return (request) => allows([found.document], request);
}

/** A log stream CloudTrail writes the trail's events to, and how a message names it. */
interface DeliveryStream {
  readonly arn: Template;
  readonly label: string;
  /** The stream of the organization's member accounts, not of the trail's own account. */
  readonly members: boolean;
}

/**
 * The log streams CloudTrail writes the trail's events to in its log group: `ACCOUNT_CloudTrail_REGION`
 * for the trail's own account; an organization trail also writes each member account's events to
 * `ORGANIZATION_ACCOUNT_CloudTrail_REGION`.
 */
function deliveryStreams(trail: Trail, target: LogGroupTarget): DeliveryStream[] {
  const name = target.names.size === 1 ? [...target.names][0] : LATER;
  const stream = (parts: Template) =>
    arnAt("logs", target.where, ["log-group:", name, ":log-stream:", ...parts]);
  const region = regionOf(trail.where);
  const own = {
    arn: stream([accountOf(trail.where), "_CloudTrail_", region]),
    label: `log group ${target.label}`,
    members: false,
  };
  if (trail.organization !== true) return [own];
  return [
    own,
    {
      arn: stream(["o-", LATER, "_", LATER, "_CloudTrail_", region]),
      label: `the member accounts' log streams (<organization id>_<account>_CloudTrail_<region>) of log group ${target.label}`,
      members: true,
    },
  ];
}

/** A judgement as the chain counts it: what only deployment tells is left to CloudTrail where it checks it. */
function outcome(
  judgement: Judgement,
  checkedByCloudTrail: boolean,
  says: { readonly no: string; readonly open: string },
): Result {
  switch (judgement.answer) {
    case "yes":
      return ok();
    case "no":
      return broken(says.no);
    case "pending":
      return checkedByCloudTrail
        ? ok()
        : maybe(`${says.open} is known only after deployment: ${judgement.reasons.join("; ")}`);
    case "unclear":
      return unclear(`${says.open} depends on ${judgement.reasons.join("; ")}: check it`);
  }
}
