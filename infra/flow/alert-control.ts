/** What an alarm's message says about its control: from the catalog, the stack's pattern set and its alarm. */
import { AlertControl } from "../../lib/alert-message";
import { Control, isCisControl, referenceText } from "../../policy/catalog";
import { AlarmSettings } from "../config/settings";
import { insightsQuery } from "./insights-filter";

export function alertControl(control: Control, pattern: string, alarm: AlarmSettings): AlertControl {
  return {
    id: control.id,
    title: control.title,
    alarmKind: isCisControl(control) ? "CIS alarm" : "Alarm",
    references: referenceText(control),
    securityHubId: control.securityHub?.id,
    pattern,
    query: insightsQuery(pattern),
    periodSeconds: alarm.periodSeconds,
    evaluationPeriods: alarm.evaluationPeriods,
  };
}
