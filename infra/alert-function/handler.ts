/**
 * The alarm details function: when a CIS alarm of the stack goes into ALARM, it looks up the events
 * that set it off in the trail's log group and publishes who did what, from where, to the alarm's
 * topic. It runs on Lambda's Node.js runtime with the AWS SDK that runtime provides; the program
 * packages it (../flow/8-alert-details.ts) with what it needs to know (./setup.ts).
 *
 * The alarm keeps its own notification, so this one only adds to it: a lookup that fails publishes
 * a short note saying why, with the link to look the events up by hand; a failure to publish is
 * logged. It never throws, so Lambda never runs it again into a second message.
 */
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { Alert, alertMessage, AlertTally, snsMessage } from "../../lib/alert-message";
import { evaluationWindow, NotAnAlarm, readAlarmEvent } from "./alarm-event";
import { failure, LogsClient, lookUpEvents, MAX_EVENTS } from "./lookup";
import { readSetup, Setup } from "./setup";

interface Clients {
  readonly logs: LogsClient;
  readonly sns: { send(command: PublishCommand): Promise<{ MessageId?: string }> };
}

/** What one run did, as it logs it. */
export interface Outcome {
  readonly outcome: "published" | "published without events" | "ignored" | "not published";
  readonly alarm?: string;
  readonly control?: string;
  readonly events?: number;
  readonly messageId?: string;
  readonly reason?: string;
}

/** Time kept back from the lookup for publishing the message. */
const PUBLISH_TIME_MS = 15_000;

export async function handler(
  event: unknown,
  context: { getRemainingTimeInMillis(): number },
): Promise<Outcome> {
  let outcome: Outcome;
  try {
    outcome = await detailAlarm(
      event,
      setup(),
      clients(),
      () => context.getRemainingTimeInMillis() < PUBLISH_TIME_MS,
    );
  } catch (e) {
    // A function deployed without its settings, or a fault of its own.
    outcome = { outcome: "not published", reason: failure(e) };
  }
  (outcome.outcome === "not published" ? console.error : console.log)(JSON.stringify(outcome));
  return outcome;
}

/** Looks up and publishes the events behind one alarm transition; what it did, failures included. */
async function detailAlarm(
  event: unknown,
  { logGroupName, topicArn, controls }: Setup,
  { logs, sns }: Clients,
  timeUp: () => boolean,
): Promise<Outcome> {
  let alarm;
  try {
    alarm = readAlarmEvent(event);
  } catch (e) {
    if (e instanceof NotAnAlarm) return { outcome: "ignored", reason: e.message };
    throw e;
  }
  const known = controls.find((c) => c.namespace === alarm.namespace && c.metricName === alarm.metricName);
  if (known === undefined) {
    return {
      outcome: "ignored",
      alarm: alarm.alarmName,
      reason: `no control watches ${alarm.namespace}/${alarm.metricName}`,
    };
  }
  const { control } = known;
  const window = evaluationWindow(alarm, control);
  let lookup: { found: AlertTally; stoppedEarly?: string; unavailable?: string };
  try {
    lookup = await lookUpEvents(
      logs,
      { logGroupName, filterPattern: control.pattern, start: window.start, end: window.end },
      { maxEvents: MAX_EVENTS, timeUp },
    );
  } catch (e) {
    lookup = { found: new AlertTally(), unavailable: failure(e) };
  }
  const alert: Alert = {
    control,
    alarmName: alarm.alarmName,
    alarmArn: alarm.alarmArn,
    account: alarm.account,
    region: alarm.region,
    partition: alarm.partition,
    logGroupName,
    time: alarm.time,
    window,
    counted: window.counted,
    ...lookup,
  };
  const message = alertMessage(alert);
  const which = { alarm: alarm.alarmName, control: control.id, events: lookup.found.events };
  let published;
  try {
    published = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: message.subject,
        Message: snsMessage(message),
        MessageStructure: "json",
      }),
    );
  } catch (e) {
    return { outcome: "not published", ...which, reason: failure(e) };
  }
  return {
    outcome: lookup.unavailable === undefined ? "published" : "published without events",
    ...which,
    messageId: published.MessageId,
    reason: lookup.unavailable ?? lookup.stoppedEarly,
  };
}

let loaded: Setup | undefined;

/** The program's settings, read once per container. */
function setup(): Setup {
  loaded ??= readSetup(__dirname);
  return loaded;
}

let made: Clients | undefined;

/** Clients in the function's region, the topic's client in the topic's (an existing topic may be elsewhere). */
function clients(): Clients {
  made ??= {
    logs: new CloudWatchLogsClient({}),
    sns: new SNSClient({ region: setup().topicArn.split(":")[3] }),
  };
  return made;
}
