/** The message as plain text, for email: what happened first, then where to look further. */
import { Alert, caveats, events, headline, lookFurther, periods, timeRange, utc } from "./alert";
import { principalText } from "./event";
import { AlertRow, Dimension } from "./tally";

/** Rows the text lists; the top lists and the link cover the rest. */
const TEXT_ROWS = 20;
/** Values each top list names. */
const TOP = 5;

const TOP_LISTS: readonly [Dimension, string][] = [
  ["principal", "Top principals"],
  ["event", "Top events"],
  ["sourceIPAddress", "Top source IPs"],
  ["account", "Accounts"],
];

export function alertText(alert: Alert): string {
  const { control, found } = alert;
  const lines = [
    headline(alert),
    "",
    `Alarm    ${alert.alarmName} went into ALARM at ${utc(alert.time)}`,
    `Control  ${control.title}: ${control.references}`,
    `Window   ${timeRange(alert.window.start, alert.window.end)} (${periods(control)})`,
  ];
  if (alert.unavailable !== undefined) {
    lines.push(
      "",
      `The events could not be looked up: ${alert.unavailable}.`,
      "The alarm's own notification still tells you that it fired; the link below lists the events.",
    );
  } else {
    lines.push(`Events   ${eventCount(alert)}`, ...caveats(alert).map((note) => `         ${note}`));
    const rows = found.rows();
    if (rows.length > 0) {
      lines.push("", "What happened, most events first:");
      for (const row of rows.slice(0, TEXT_ROWS)) lines.push(...rowLines(row));
      const more = rows.slice(TEXT_ROWS);
      if (more.length > 0) {
        const hidden = more.reduce((sum, row) => sum + row.count, 0);
        lines.push(`  … and ${more.length} more kinds of event (${events(hidden)}), in the link below`);
      }
      lines.push("");
      for (const [dimension, label] of TOP_LISTS) {
        const top = found.top(dimension, TOP);
        if (top.length === 0) continue;
        const rest = found.distinct(dimension) - top.length;
        const list = top.map(({ value, count }) => `${value} (${count})`).join(", ");
        lines.push(`${label.padEnd(16)} ${list}${rest > 0 ? `, and ${rest} more` : ""}`);
      }
    }
  }
  lines.push(
    "",
    `Look further: the control's saved Logs Insights query (CIS/${control.id}) over this window:`,
    lookFurther(alert),
    "",
    `Pattern  ${control.pattern}`,
  );
  return lines.join("\n");
}

function eventCount(alert: Alert): string {
  const { found, counted } = alert;
  const principals = found.distinct("principal");
  const who = found.events === 0 ? "" : ` by ${principals} principal${principals === 1 ? "" : "s"}`;
  const metric = counted === undefined ? "" : `; the metric counted ${counted.toLocaleString("en-US")}`;
  return `${events(found.events)}${who}${metric}`;
}

function rowLines({ event, count, first, last }: AlertRow): string[] {
  const when = first === undefined || last === undefined ? "time unknown" : timeRange(first, last);
  const what =
    [event.eventSource, event.eventName].filter((p) => p !== undefined).join(" ") || "(no event name)";
  const from = [
    event.sourceIPAddress === undefined ? undefined : `from ${event.sourceIPAddress}`,
    event.userAgent === undefined ? undefined : `with ${event.userAgent}`,
    event.account === undefined ? undefined : `in account ${event.account}`,
    event.region,
  ].filter((p) => p !== undefined);
  return [
    `  ${events(count)}, ${when}`,
    `    who    ${principalText(event.principal)}`,
    `    what   ${what}${event.errorCode === undefined ? "" : `, error ${event.errorCode}`}`,
    ...(from.length === 0 ? [] : [`    where  ${from.join(", ")}`]),
  ];
}
