/**
 * Advisory, for every control at once: the alarm settings auditors look for, filters that will be
 * noisier than the control needs, and what a preview cannot verify. Kept apart from the mandatory
 * policies so that these findings never block a deployment.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { CIS_ALARM, CONTROLS } from "../catalog";
import {
  alarmSettingProblems,
  AlarmSettingsOptions,
  DEFAULT_ALARM_SETTINGS_OPTIONS,
} from "../rules/alarm-settings";
import { ADVISORIES, chainOptions, chainOptionsSchema } from "./chain-config";
import { ADVISORIES_METADATA } from "./metadata";
import { controlVerdict, nothingToCheck } from "./verdicts";

export const advisoriesPolicy: StackValidationPolicy = {
  name: ADVISORIES,
  description:
    `Each CIS alarm should fire on a single event within ${CIS_ALARM.periodSeconds / 60} minutes (statistic Sum, threshold >= 1, one evaluation ` +
    "period); filters should not catch more than their control; and what cannot be verified before deployment.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["cis", "cloudwatch"],
  ...ADVISORIES_METADATA,
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
    const config = args.getConfig<Partial<AlarmSettingsOptions>>();
    const options = { ...chainOptions(args), ...DEFAULT_ALARM_SETTINGS_OPTIONS, ...config };
    let applies = false;
    const reported = new Set<string>();
    const report = (message: string, urn?: string) => {
      if (reported.has(message)) return;
      reported.add(message);
      reportViolation(message, urn);
    };
    for (const control of CONTROLS) {
      const verdict = controlVerdict(args.resources, control, options);
      applies ||= verdict.applies;
      for (const watching of verdict.alarms) {
        for (const problem of alarmSettingProblems(watching, options)) {
          report(`Alarm '${watching.alarm.name}' (${control.catches}) ${problem}.`, watching.alarm.urn);
        }
      }
      for (const { message, urn } of verdict.notes) report(message, urn);
    }
    if (!applies) args.notApplicable(nothingToCheck(args.resources));
  },
};
