/**
 * Advisory: someone hears when a trail stops delivering to its log group, which every control's
 * alarm, silent while no events arrive, would take for quiet. Raise it with enforcementLevel: mandatory.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { monitoredTrails } from "../rules/chain";
import { checkDeliveryAlarms } from "../rules/delivery-alarm";
import { sharedStackIndex } from "../request";
import { chainOptions, chainOptionsSchema } from "./chain-config";
import { DELIVERY_ALARM_METADATA } from "./metadata";
import { nothingToCheck } from "./verdicts";

export const deliveryAlarmPolicy: StackValidationPolicy = {
  name: "delivery-alarm",
  description:
    "Each log group a CloudTrail trail delivers to should have an alarm on it receiving no events (AWS/Logs " +
    "IncomingLogEvents, missing data breaching) that notifies people: otherwise a trail that stops delivering leaves every alarm green.",
  enforcementLevel: "advisory",
  severity: "medium",
  ...DELIVERY_ALARM_METADATA,
  // The chain settings it reads: which trails, and whether a topic given by ARN alone reaches people.
  configSchema: {
    properties: {
      exemptTrailNames: chainOptionsSchema.exemptTrailNames,
      allowTopicArnOnly: chainOptionsSchema.allowTopicArnOnly,
    },
  },
  validateStack: (args, reportViolation) => {
    const index = sharedStackIndex(args.resources);
    const options = chainOptions(args);
    const verdict = checkDeliveryAlarms(index, options);
    if (!verdict.applies) {
      args.notApplicable(
        monitoredTrails(index, options.exemptTrailNames).length === 0
          ? nothingToCheck(args.resources)
          : "no CloudTrail trail in this stack delivers to CloudWatch Logs, as each control's policy says",
      );
    }
    for (const { message, urn } of verdict.findings) reportViolation(message, urn);
  },
};
