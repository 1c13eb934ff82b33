/**
 * One per control: a stack with CloudTrail has the control's filter and alarm, and they reach people.
 * Mandatory for the CIS controls; advisory for those beyond CIS, which an audit does not ask for
 * (raise one with enforcementLevel: mandatory).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { Control, isCisControl, referenceText } from "../catalog";
import { chainOptions, chainOptionsSchema } from "./chain-config";
import { controlMetadata } from "./metadata";
import { controlVerdict, nothingToCheck } from "./verdicts";

export function monitoredPolicy(control: Control): StackValidationPolicy {
  const cis = isCisControl(control);
  const must = cis ? "must" : "should";
  return {
    name: `${control.id}-monitored`,
    description:
      `A stack with a CloudTrail trail ${must} also define a metric filter and an alarm for ${control.catches}, ` +
      `and the alarm ${must} notify people (${referenceText(control)}).`,
    enforcementLevel: cis ? "mandatory" : "advisory",
    severity: cis ? "high" : "medium",
    ...controlMetadata(control),
    configSchema: { properties: chainOptionsSchema },
    validateStack: (args, reportViolation) => {
      const verdict = controlVerdict(args.resources, control, chainOptions(args));
      if (!verdict.applies) args.notApplicable(nothingToCheck(args.resources));
      for (const { message, urn } of verdict.violations) reportViolation(message, urn);
    },
  };
}
