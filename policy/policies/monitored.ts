/** Mandatory, one per control: a stack with CloudTrail has the control's filter and alarm, and they reach people. */
import { StackValidationPolicy } from "@pulumi/policy";
import { Control, referenceText } from "../catalog";
import { chainOptions, chainOptionsSchema } from "./chain-config";
import { controlMetadata } from "./metadata";
import { controlVerdict, nothingToCheck } from "./verdicts";

export function monitoredPolicy(control: Control): StackValidationPolicy {
  return {
    name: `${control.id}-monitored`,
    description:
      `A stack with a CloudTrail trail must also define a metric filter and an alarm for ${control.catches}, ` +
      `and the alarm must notify people (${referenceText(control)}).`,
    enforcementLevel: "mandatory",
    severity: "high",
    ...controlMetadata(control),
    configSchema: { properties: chainOptionsSchema },
    validateStack: (args, reportViolation) => {
      const verdict = controlVerdict(args.resources, control, chainOptions(args));
      if (!verdict.applies) args.notApplicable(nothingToCheck(args.resources));
      for (const { message, urn } of verdict.violations) reportViolation(message, urn);
    },
  };
}
