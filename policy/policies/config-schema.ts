/** Config every control's -monitored policy and the advisories read, so that they judge the same monitoring chain. */
import { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_CHAIN_OPTIONS } from "../rules/chain";

export const chainOptionsSchema: PolicyConfigSchema["properties"] = {
  exemptTrailNames: {
    type: "array",
    items: { type: "string" },
    default: [...DEFAULT_CHAIN_OPTIONS.exemptTrailNames],
    description:
      "Trails that need no monitoring (such as data-event trails), by Pulumi resource name or trail name.",
  },
  allowTopicArnOnly: {
    type: "boolean",
    default: DEFAULT_CHAIN_OPTIONS.allowTopicArnOnly,
    description:
      "Accept an alarm whose SNS topic is given only by ARN, defined outside the stack (with an advisory note).",
  },
  requireSecurityHubPattern: {
    type: "boolean",
    default: DEFAULT_CHAIN_OPTIONS.requireSecurityHubPattern,
    description:
      "Accept only the exact filter pattern strings Security Hub checks for (CloudWatch.1-14); judge by meaning otherwise.",
  },
};
