/** Each control's verdict, computed once per stack check however many policies ask for it. */
import type { PolicyResource } from "@pulumi/policy";
import { Control } from "../catalog";
import { ChainOptions, checkControl, ControlVerdict } from "../rules/chain";
import { StackIndex } from "../stack";
import { sharedStackIndex } from "../stack/shared";

const verdicts = new WeakMap<StackIndex, Map<string, ControlVerdict>>();

export function controlVerdict(
  resources: readonly PolicyResource[],
  control: Control,
  options: ChainOptions,
): ControlVerdict {
  const index = sharedStackIndex(resources);
  let known = verdicts.get(index);
  if (!known) {
    known = new Map();
    verdicts.set(index, known);
  }
  const { exemptTrailNames, allowTopicArnOnly, requireSecurityHubPattern } = options;
  const key = `${control.id}\u0000${JSON.stringify([exemptTrailNames, allowTopicArnOnly, requireSecurityHubPattern])}`;
  let verdict = known.get(key);
  if (!verdict) {
    verdict = checkControl(index, control, options);
    known.set(key, verdict);
  }
  return verdict;
}

/** Why a stack has nothing to check, for a policy's "not applicable" answer. */
export function nothingToCheck(resources: readonly PolicyResource[]): string {
  return sharedStackIndex(resources).trails.length === 0
    ? "no CloudTrail trail in this stack: nothing to check"
    : "every CloudTrail trail in this stack is exempt (exemptTrailNames): nothing to check";
}
