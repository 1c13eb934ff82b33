/**
 * The replay as text for a terminal: a summary table, then each control that matched anything.
 * Each line is escaped as a whole, as what events say (a principal, an event name) can hold control
 * characters that would redraw the terminal.
 */
import { terminalText } from "../../lib/cli";
import { CONTRIBUTOR_FIELDS } from "./contributors";
import { actionsNote, alarmText, count, leftOutText, minute, number, principalText } from "./format";
import { ControlReport, ReplayReport } from "./build";

/** Notifications listed per control, and principals per notification. */
const SHOWN_NOTIFICATIONS = 5;
const SHOWN_CAUSES = 2;

export function renderReplayText(report: ReplayReport): string {
  const leftOut = leftOutText(report.leftOut);
  const lines = [
    `Replay of stack ${report.stack} (pattern set ${report.patternSet}): ${count(report.events, "event")} ` +
      `in ${count(report.files, "file")}${report.from ? `, ${minute(report.from)} to ${minute(report.to!)} UTC` : ""}`,
    ...(leftOut ? [leftOut] : []),
    ...(report.notReplayed ? [report.notReplayed] : []),
    "",
    ...table(report.controls),
  ];
  for (const control of report.controls.filter((c) => c.matched > 0)) lines.push("", ...details(control));
  return lines.map(terminalText).join("\n");
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
  if (control.notifications.length > 0) {
    lines.push("  notifications (UTC; who set each off, with their matching events):");
    for (const { time, causedBy } of control.notifications.slice(0, SHOWN_NOTIFICATIONS)) {
      const who = causedBy
        .slice(0, SHOWN_CAUSES)
        .map((c) => `${principalText(c.principal, c.account)} (${c.events})`);
      if (causedBy.length > SHOWN_CAUSES) who.push(`${causedBy.length - SHOWN_CAUSES} more`);
      lines.push(
        `    ${minute(time)}  ${who.length > 0 ? who.join(", ") : "missing data treated as breaching"}`,
      );
    }
    const more = control.notifications.length - SHOWN_NOTIFICATIONS;
    if (more > 0) lines.push(`    and ${count(more, "more notification")}`);
  }
  lines.push("  top contributors (matching events, periods in ALARM):");
  for (const field of CONTRIBUTOR_FIELDS) {
    const top = control.contributors[field].map(
      (c) => `${principalText(c.value, c.account)} (${c.events}, ${c.alarmPeriods})`,
    );
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
        ...(p.warning ? [`      WARNING: ${p.warning}`] : []),
      );
    }
  }
  return lines;
}
