/**
 * Advisory: the alarm settings auditors look for, and what a preview cannot verify. Kept apart
 * from the mandatory policy so that these findings never block a deployment.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { Control } from "../catalog";
import {
  alarmSettingProblems,
  AlarmSettingsOptions,
  DEFAULT_ALARM_SETTINGS_OPTIONS,
} from "../rules/alarm-settings";
import { ChainOptions, checkControl, DEFAULT_CHAIN_OPTIONS } from "../rules/chain";
import { StackIndex } from "../stack";
import { chainOptionsSchema } from "./config-schema";

export function advisoriesPolicy(control: Control): StackValidationPolicy {
  return {
    name: `${control.id}-advisories`,
    description:
      `The ${control.catches} alarm should fire on a single event within ${control.alarm.periodSeconds / 60} minutes ` +
      `(statistic Sum, threshold >= 1, one evaluation period); and what cannot be verified before deployment.`,
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["cis", "cloudwatch"],
    configSchema: {
      properties: {
        ...chainOptionsSchema,
        maxPeriodSeconds: {
          type: "integer",
          minimum: 60,
          default: DEFAULT_ALARM_SETTINGS_OPTIONS.maxPeriodSeconds,
          description: "The longest alarm period accepted, in seconds.",
        },
      },
    },
    validateStack: (args, reportViolation) => {
      const config = args.getConfig<Partial<ChainOptions & AlarmSettingsOptions>>();
      const options = { ...DEFAULT_CHAIN_OPTIONS, ...DEFAULT_ALARM_SETTINGS_OPTIONS, ...config };
      const verdict = checkControl(StackIndex.fromPolicyResources(args.resources), control, options);
      for (const watching of verdict.alarms) {
        for (const problem of alarmSettingProblems(watching, options)) {
          reportViolation(`Alarm '${watching.alarm.name}' ${problem}.`, watching.alarm.urn);
        }
      }
      for (const { message, urn } of verdict.notes) reportViolation(message, urn);
    },
  };
}
