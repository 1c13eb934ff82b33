/** Each control's verdict, computed once per stack check however many policies ask for it. */
import type { PolicyResource } from "@pulumi/policy";
import { Control } from "../catalog";
import { ChainOptions, checkControl, ControlVerdict } from "../rules/chain";
import { StackIndex } from "../stack";
import { memo } from "../stack/maps";
import { sharedStackIndex } from "../request";

const verdicts = new WeakMap<StackIndex, Map<string, ControlVerdict>>();

export function controlVerdict(
  resources: readonly PolicyResource[],
  control: Control,
  options: ChainOptions,
): ControlVerdict {
  const index = sharedStackIndex(resources);
  const known = memo(verdicts, index, () => new Map<string, ControlVerdict>());
  const { exemptTrailNames, allowTopicArnOnly, requireSecurityHubPattern } = options;
  const key = `${control.id}\u0000${JSON.stringify([exemptTrailNames, allowTopicArnOnly, requireSecurityHubPattern])}`;
  return memo(known, key, () => checkControl(index, control, options));
}

/** Why a stack without trails has nothing to check, for a policy's "not applicable" answer. */
export function noTrail(resources: readonly PolicyResource[]): string {
  const components = sharedStackIndex(resources).trailComponents;
  // A member account of an organization trail has no trail of its own, and needs none.
  if (components.length === 0)
    return "no CloudTrail trail in this stack: nothing to check (an account whose events an organization trail records is monitored where that trail is)";
  // As `npm start` reports such a stack: incomplete, not without a trail.
  const named = components.map((c) => `${c.type} '${c.name}'`).join(", ");
  return (
    `not expanded: ${named}, a trail whose resources a provider plugin builds, could not be seen; ` +
    "they are checked where the component is expanded (`pulumi preview --policy-pack policy`)"
  );
}

/** Why a stack has nothing to check, for a policy's "not applicable" answer. */
export function nothingToCheck(resources: readonly PolicyResource[]): string {
  return sharedStackIndex(resources).trails.length === 0
    ? noTrail(resources)
    : "every CloudTrail trail in this stack is exempt (exemptTrailNames): nothing to check";
}
