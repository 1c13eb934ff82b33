/**
 * The chain settings every control's -monitored policy and the advisories read, so that they judge
 * the same chain: given once, to cis-monitoring-advisories, they are every policy's, and a
 * -monitored policy's own override them for its control. (A policy group's `all` key takes only an
 * enforcement level, so settings cannot be given to every policy at once otherwise.)
 */
import { PolicyConfigSchema, StackValidationArgs } from "@pulumi/policy";
import { policyConfig } from "../request";
import { ChainOptions, DEFAULT_CHAIN_OPTIONS } from "../rules/chain";

/** The policy whose chain settings every -monitored policy reads. */
export const ADVISORIES = "cis-monitoring-advisories";

// Without defaults in the schema: a key a policy does not set is taken from the advisories'.
export const chainOptionsSchema: PolicyConfigSchema["properties"] = {
  exemptTrailNames: {
    type: "array",
    items: { type: "string" },
    description:
      "Trails that need no monitoring (such as data-event trails), by Pulumi resource name or trail name. Default: none.",
  },
  allowTopicArnOnly: {
    type: "boolean",
    description:
      "Accept an alarm whose SNS topic is given only by ARN, defined outside the stack (with an advisory note). Default: true.",
  },
  requireSecurityHubPattern: {
    type: "boolean",
    description:
      "Accept only the exact filter pattern strings Security Hub checks for (CloudWatch.1-14); judge by meaning otherwise. Default: false.",
  },
};

const CHAIN_KEYS = Object.keys(chainOptionsSchema) as (keyof ChainOptions)[];

/** The chain settings of a policy: its own, then those given to the advisories, then the defaults. */
export function chainOptions(args: StackValidationArgs): ChainOptions {
  const own = args.getConfig<Partial<ChainOptions>>();
  const shared = policyConfig(ADVISORIES) ?? {};
  const given = (key: keyof ChainOptions) => own[key] ?? shared[key] ?? DEFAULT_CHAIN_OPTIONS[key];
  return Object.fromEntries(CHAIN_KEYS.map((key) => [key, given(key)])) as unknown as ChainOptions;
}
