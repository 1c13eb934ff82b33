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
  const resource = streamArn(trail, target);
  const { documents, elsewhere, pending } = index.roles.permissionsOf(role);
  const bounded = boundary(role, index);
  const judgements = DELIVERY_ACTIONS.map((action) => {
    const request = { action, resource, context: {} };
    return all([allows(documents, request), bounded(request)]);
  });
  const missing = DELIVERY_ACTIONS.filter((_, i) => judgements[i].answer === "no");
  const logGroupArn = trail.logGroup.value;
  const streams =
    typeof logGroupArn === "string" && logGroupArn.includes(":log-group:")
      ? logGroupArn.replace(/:\*$/, "") + ":log-stream:*"
      : 'the log group\'s ARN followed by ":log-stream:*"';
  const fix = `add to its policies a statement that allows ${DELIVERY_ACTIONS.join(" and ")} on ${streams}`;
  const roleName = `its CloudWatch Logs role '${role.name}'`;
  if (missing.length > 0 && (elsewhere.length > 0 || pending)) {
    const others =
      elsewhere.length > 0
        ? `its managed policies defined outside this stack (${elsewhere.join(", ")}) allow them`
        : "a policy attached to it at deployment allows them";
    return maybe(`${roleName} allows ${missing.join(" and ")} only if ${others}: check them, or ${fix}`);
  }
  return outcome(all(judgements), checkedByCloudTrail, {
    no: `${roleName} does not allow ${missing.join(" and ")} on log group ${target.label}, so no event reaches it (${fix})`,
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

/** The log stream CloudTrail writes the trail's events to: `ACCOUNT_CloudTrail_REGION` in the trail's log group. */
function streamArn(trail: Trail, target: LogGroupTarget): Template {
  const name = target.names.size === 1 ? [...target.names][0] : LATER;
  // An organization trail's streams start with the organization's ID.
  const stream: Template =
    trail.organization === false || trail.organization === undefined
      ? [accountOf(trail.where), "_CloudTrail_", regionOf(trail.where)]
      : [LATER];
  return arnAt("logs", target.where, ["log-group:", name, ":log-stream:", ...stream]);
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
