/**
 * The message about the events that set a CIS alarm off, in each form its readers need: plain text
 * for email, a custom notification for chat tools and webhooks, a subject line. The function the
 * program deploys publishes it; `npm run replay -- --alert-messages` prints it for an archive, with the
 * same code.
 */
import { Alert, headline } from "./alert";
import { alertChat, ChatNotification } from "./chat";
import { alertText } from "./text";

export { Alert, AlertControl } from "./alert";
export { AlertEvent, alertEvent } from "./event";
export { AlertTally } from "./tally";
export { ChatNotification } from "./chat";

export interface AlertMessage {
  /** The subject of email notifications: ASCII, at most {@link MOST_SUBJECT} characters, naming the control. */
  readonly subject: string;
  readonly text: string;
  readonly chat: ChatNotification;
}

/** SNS takes a subject of fewer than 100 characters. */
const MOST_SUBJECT = 99;

export function alertMessage(alert: Alert): AlertMessage {
  return { subject: subject(alert), text: alertText(alert), chat: alertChat(alert) };
}

/**
 * The `Message` of an SNS Publish with `MessageStructure: "json"`: text for email and every other
 * protocol (`default`), the custom notification for HTTPS and HTTP subscribers (Amazon Q Developer
 * in chat applications, webhooks), and the subject alone for SMS.
 */
export function snsMessage({ subject, text, chat }: AlertMessage): string {
  const json = JSON.stringify(chat);
  return JSON.stringify({ default: text, email: text, https: json, http: json, sms: subject });
}

/**
 * `CIS alarm: Unauthorized API calls (CloudWatch.2): 3 events in account 123456789012 (us-east-1)`,
 * shortened to fit by leaving out the least needed parts: never the control's title.
 */
function subject(alert: Alert): string {
  const { title, securityHubId, alarmKind } = alert.control;
  const named = securityHubId === undefined ? title : `${title} (${securityHubId})`;
  const line = headline(alert).slice(title.length);
  const candidates = [
    `${alarmKind}: ${named}${line}`,
    `${alarmKind}: ${title}${line}`,
    `${alarmKind}: ${named}`,
  ];
  // SNS subjects are ASCII text without line breaks.
  const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, "?");
  const fits = candidates.map(ascii).find((text) => text.length <= MOST_SUBJECT);
  return fits ?? `${ascii(candidates[2]).slice(0, MOST_SUBJECT - 3)}...`;
}
