/** The replay as text for a terminal: a summary table, then each control that matched anything. */
import { CONTRIBUTOR_FIELDS } from "./contributors";
import { actionsNote, alarmText, count, leftOutText, minute, number } from "./format";
import { ControlReport, ReplayReport } from "./build";

/** Notification times listed per control. */
const SHOWN_ENTRIES = 5;

export function renderReplayText(report: ReplayReport): string {
  const leftOut = leftOutText(report.leftOut);
  const lines = [
    `Replay of stack ${report.stack} (pattern set ${report.patternSet}): ${count(report.events, "event")} ` +
      `in ${count(report.files, "file")}${report.from ? `, ${minute(report.from)} to ${minute(report.to!)} UTC` : ""}`,
    ...(leftOut ? [leftOut] : []),
    "",
    ...table(report.controls),
  ];
  for (const control of report.controls.filter((c) => c.matched > 0)) lines.push("", ...details(control));
  return lines.join("\n");
}

function table(controls: readonly ControlReport[]): string[] {
  const width = Math.max(7, ...controls.map((c) => c.id.length));
  const row = (id: string, matched: string, notifications: string, periods: string) =>
    `${id.padEnd(width)}  ${matched.padStart(8)}  ${notifications.padStart(13)}  ${periods.padStart(16)}`;
  return [
    row("control", "matched", "notifications", "periods in ALARM"),
    ...controls.map((c) => row(c.id, number(c.matched), number(c.alarmTransitions), number(c.alarmPeriods))),
  ];
}

function details(control: ControlReport): string[] {
  const lines = [
    `${control.id}: ${control.title}`,
    `  pattern  ${control.pattern}`,
    `  alarm    ${alarmText(control.metricName, control.alarm)}`,
    `  ${count(control.matched, "matching event")} in ${count(control.periodsWithMatches, "period")}; ` +
      `${count(control.alarmTransitions, "notification")}` +
      `${actionsNote(control.alarm)}; ` +
      `${count(control.alarmPeriods, "period")} in ALARM`,
  ];
  if (control.alarmEntries.length > 0) {
    const more = control.alarmEntries.length - SHOWN_ENTRIES;
    lines.push(
      `  into ALARM at ${control.alarmEntries.slice(0, SHOWN_ENTRIES).map(minute).join(", ")}` +
        (more > 0 ? ` and ${more} more` : ""),
    );
  }
  lines.push("  top contributors (matching events, periods in ALARM):");
  for (const field of CONTRIBUTOR_FIELDS) {
    const top = control.contributors[field].map((c) => `${c.value} (${c.events}, ${c.alarmPeriods})`);
    lines.push(`    ${field.padEnd(16)} ${top.join(", ")}`);
  }
  if (control.proposals.length > 0) {
    lines.push("  proposed exclusions (not applied: each trades coverage for fewer notifications):");
    for (const p of control.proposals) {
      lines.push(
        `    leave out ${p.exclude.field} ${p.exclude.value}: ${p.notifications.before} → ` +
          `${count(p.notifications.after, "notification")}`,
        `      ${p.pattern}`,
        `      trade-off: ${p.tradeOff}`,
      );
    }
  }
  return lines;
}
