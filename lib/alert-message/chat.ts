/**
 * The message for chat tools and webhooks: Amazon Q Developer in chat applications' custom
 * notification (`{"version": "1.0", "source": "custom", "content": {...}, "metadata": {...}}`), which
 * it shows in Slack, Microsoft Teams and Chime. Webhooks read the same JSON; its
 * `metadata.additionalContext` holds the facts as plain strings.
 */
import { Alert, caveats, events, headline, lookFurther, periods, timeRange, utc } from "./alert";
import { principalText } from "./event";

/** Rows a chat message lists: a chat channel is read at a glance. */
const CHAT_ROWS = 10;
const TOP = 3;

export interface ChatNotification {
  readonly version: "1.0";
  readonly source: "custom";
  readonly id: string;
  readonly content: {
    readonly textType: "client-markdown";
    readonly title: string;
    readonly description: string;
    readonly nextSteps: string[];
    readonly keywords: string[];
  };
  readonly metadata: {
    readonly threadId: string;
    readonly summary: string;
    readonly eventType: string;
    readonly relatedResources: string[];
    readonly additionalContext: Record<string, string>;
  };
}

export function alertChat(alert: Alert): ChatNotification {
  const { control, found } = alert;
  const link = lookFurther(alert);
  const lines = [
    `Alarm \`${alert.alarmName}\` went into ALARM at ${utc(alert.time)}.`,
    `${control.references}.`,
    `Window: ${timeRange(alert.window.start, alert.window.end)} (${periods(control)}).`,
  ];
  if (alert.unavailable !== undefined) {
    lines.push(`The events could not be looked up: ${alert.unavailable}.`);
  } else {
    lines.push(...caveats(alert));
    const rows = found.rows();
    if (rows.length > 0) lines.push("");
    for (const { event, count } of rows.slice(0, CHAT_ROWS)) {
      const what = [event.eventSource, event.eventName].filter((p) => p !== undefined).join(" ");
      const error = event.errorCode === undefined ? "" : ` (${event.errorCode})`;
      const from = event.sourceIPAddress === undefined ? "" : ` from ${event.sourceIPAddress}`;
      const where = event.account === undefined ? "" : ` in ${event.account}`;
      lines.push(`• ${count} × ${principalText(event.principal)}: \`${what}\`${error}${from}${where}`);
    }
    if (rows.length > CHAT_ROWS) lines.push(`• … and ${rows.length - CHAT_ROWS} more kinds of event`);
    if (rows.length > 1) {
      const top = found.top("principal", TOP).map(({ value, count }) => `${value} (${count})`);
      lines.push("", `Top principals: ${top.join(", ")}`);
    }
  }
  const context: Record<string, string> = {
    control: control.id,
    alarmName: alert.alarmName,
    region: alert.region,
    time: alert.time.toISOString(),
    windowStart: alert.window.start.toISOString(),
    windowEnd: alert.window.end.toISOString(),
    events: String(found.events),
    link,
  };
  if (alert.account !== undefined) context.account = alert.account;
  if (alert.counted !== undefined) context.counted = String(alert.counted);
  if (control.securityHubId !== undefined) context.securityHubId = control.securityHubId;
  if (alert.unavailable !== undefined) context.unavailable = alert.unavailable;
  return {
    version: "1.0",
    source: "custom",
    id: `${alert.alarmName}@${alert.time.toISOString()}`,
    content: {
      textType: "client-markdown",
      title: headline(alert),
      description: lines.join("\n"),
      nextSteps: [`See the events in Logs Insights (saved query CIS/${control.id}): ${link}`],
      keywords: [control.id, control.securityHubId, alert.account, alert.region].filter(
        (k): k is string => k !== undefined,
      ),
    },
    metadata: {
      // Each alarm's notifications together in one thread.
      threadId: alert.alarmName,
      summary: `${control.title}: ${alert.unavailable === undefined ? events(found.events) : "events not looked up"}`,
      eventType: `${control.alarmKind} details`,
      relatedResources: alert.alarmArn === undefined ? [] : [alert.alarmArn],
      additionalContext: context,
    },
  };
}
