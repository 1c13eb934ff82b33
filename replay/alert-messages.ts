/**
 * `npm run replay -- --alert-messages`: the message each notification of the replay would have
 * carried, made by the alarm details function's own code (lib/alert-message): for each entry into
 * ALARM, the matching events of the periods the alarm evaluated then. Offline, the alarm's account
 * is unknown, and so is the name of a log group the stack would create.
 */
import { Output } from "../lib/cli";
import { Alert, alertMessage, AlertTally, snsMessage } from "../lib/alert-message";
import { readProjectFile } from "../lib/pulumi/project";
import { existingStackConfig } from "../lib/pulumi/stack-config";
import { alertControl } from "../infra/flow/alert-control";
import { periodAt, timeline } from "./alarm/timeline";
import { periodStart, ReplayControl, Tally } from "./count/tally";
import { ReplayOptions } from "./options";
import { ReplayPlan } from "./plan";
import { leftOutText } from "./report/format";
import { passedOver, tallyFiles } from "./tally-files";

export async function printAlertMessages(
  options: ReplayOptions,
  plan: ReplayPlan,
  output: Output,
  projectDir: string,
): Promise<number> {
  const tally = new MessageTally(plan.controls);
  const reading = await tallyFiles(options, tally, output);
  if (reading === "stopped") return 1;
  const where = deployment(projectDir, plan.stack);
  // In the order people would have got them; at one time, in the controls' order.
  const alerts = replayedAlerts(plan, tally, where).sort((a, b) => a.time.getTime() - b.time.getTime());
  const messages = alerts.map((alert) => ({ alert, message: alertMessage(alert) }));
  if (options.json) {
    const json = messages.map(({ alert, message }) => ({
      control: alert.control.id,
      time: alert.time.toISOString(),
      subject: message.subject,
      message: JSON.parse(snsMessage(message)),
    }));
    output.out(
      JSON.stringify(
        { stack: plan.stack, patternSet: plan.patternSet, leftOut: reading.leftOut, messages: json },
        null,
        2,
      ),
    );
  } else {
    const count = `${messages.length} notification${messages.length === 1 ? "" : "s"}`;
    const head = [`Alarm messages of stack ${plan.stack} (pattern set ${plan.patternSet}): ${count}`];
    const leftOut = leftOutText(reading.leftOut);
    if (leftOut !== undefined) head.push(leftOut);
    if (messages.length === 0) head.push("No control would have gone into ALARM.");
    else if (where.logGroupName === undefined) {
      head.push(
        "The links name no log group: the stack creates its own, named at deployment; choose it there.",
      );
    }
    const texts = messages.map(({ message }) => `Subject: ${message.subject}\n\n${message.text}`);
    output.out([head.join("\n"), ...texts].join(`\n\n${"-".repeat(72)}\n\n`));
  }
  return passedOver(reading) ? 1 : 0;
}

/** A replay's tally that also keeps, per control and alarm period, the matching events as messages tell them. */
class MessageTally extends Tally {
  readonly periodEvents: Map<number, AlertTally>[];

  constructor(chosen: readonly ReplayControl[]) {
    super(chosen);
    this.periodEvents = chosen.map(() => new Map());
  }

  add(text: string, check = false): void {
    const before = this.controls.map((c) => c.matched);
    super.add(text, check);
    this.controls.forEach((counts, i) => {
      if (counts.matched === before[i]) return;
      // Matched, so a JSON object with an eventTime the tally could read.
      const time = utcSeconds(JSON.parse(text).eventTime);
      const period = periodStart(time, counts.periodSeconds);
      const events = this.periodEvents[i];
      if (!events.has(period)) events.set(period, new AlertTally());
      events.get(period)!.addText(text);
    });
  }
}

/** Where the stack deploys, as far as its config says offline. */
interface Deployment {
  readonly name: string;
  readonly region: string;
  readonly logGroupName?: string;
}

function deployment(projectDir: string, stack: string): Deployment {
  const project = readProjectFile(projectDir).name;
  const config = existingStackConfig(projectDir, project, stack);
  const logGroupName = config[`${project}:existingLogGroupName`];
  return {
    name: `${project}-${stack}`,
    region: String(config["aws:region"] ?? "us-east-1"),
    logGroupName: typeof logGroupName === "string" ? logGroupName : undefined,
  };
}

function replayedAlerts(plan: ReplayPlan, tally: MessageTally, where: Deployment): Alert[] {
  const span = tally.span();
  return plan.controls.flatMap((choice, i) => {
    const { periodSeconds, evaluationPeriods } = choice.alarm;
    const counts = tally.controls[i];
    const line = timeline(
      span,
      counts.periods,
      tally.periodsWithEvents(periodSeconds),
      periodSeconds,
      choice.alarm,
    );
    const control = alertControl(choice.control, choice.pattern, choice.alarm);
    // The replay evaluates each alarm at the end of each period: an entry is a notification then.
    return line.entries.map((entry): Alert => {
      const end = periodAt(line, entry) + periodSeconds;
      const found = new AlertTally();
      let counted = 0;
      for (let k = evaluationPeriods; k >= 1; k--) {
        const period = end - k * periodSeconds;
        const events = tally.periodEvents[i].get(period);
        if (events !== undefined) found.merge(events);
        counted += counts.periods.get(period) ?? 0;
      }
      return {
        control,
        alarmName: `${where.name}-${choice.control.id}`,
        region: where.region,
        partition: partitionOf(where.region),
        logGroupName: where.logGroupName,
        time: new Date(end * 1000),
        window: {
          start: new Date((end - evaluationPeriods * periodSeconds) * 1000),
          end: new Date(end * 1000),
        },
        counted,
        found,
      };
    });
  });
}

/** An eventTime in seconds since the epoch, in UTC unless it says otherwise, as the tally reads it. */
function utcSeconds(eventTime: string): number {
  const time = eventTime.replace(" ", "T");
  return Math.floor(Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(time) ? time : `${time}Z`) / 1000);
}

function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}
