/** Link 4: does the alarm reach people? */
import { Alarm, StackIndex, UNKNOWN } from "../stack";
import { broken, ok, Outcome, unverifiable } from "./outcome";

export interface PeopleOptions {
  /** Accept an SNS topic given only by ARN (defined outside the stack), with a note. */
  readonly allowTopicArnOnly: boolean;
}

export function judgePeople(alarm: Alarm, index: StackIndex, options: PeopleOptions): Outcome {
  const who = `alarm '${alarm.name}'`;
  if (alarm.actionsEnabled === UNKNOWN)
    return unverifiable(`whether ${who} has actions enabled is known only after deployment`);
  if (alarm.actionsEnabled === false)
    return broken(`${who} has its actions disabled (set actionsEnabled: true)`);

  const { topics, others } = index.actionTargets(alarm);
  if (topics.length === 0 && others.length === 0) {
    return broken(`${who} notifies nobody: it has no alarm actions (add an SNS topic ARN to alarmActions)`);
  }
  const notes: string[] = [];
  const problems: string[] = [];
  let reaches = false;
  let unknown = false;
  for (const topic of topics) {
    if (index.subscriptionCount(topic) > 0) reaches = true;
    else
      problems.push(
        `topic '${topic.name}' of ${who} has no subscription in this stack (add an aws.sns.TopicSubscription)`,
      );
  }
  for (const arn of others) {
    if (arn === undefined) continue;
    if (arn === UNKNOWN) {
      unknown = true;
    } else if (!/^arn:[^:]+:sns:/.test(arn)) {
      reaches = true; // an OpsItem, Lambda or other action: someone is told by other means
    } else if (options.allowTopicArnOnly) {
      reaches = true;
      notes.push(
        `${who} notifies topic ${arn}, defined outside this stack: make sure it has confirmed subscriptions`,
      );
    } else {
      problems.push(
        `${who} notifies topic ${arn}, defined outside this stack, and allowTopicArnOnly is false`,
      );
    }
  }
  if (reaches) return ok(undefined, notes);
  if (unknown) return unverifiable(`the alarm actions of ${who} are known only after deployment`);
  return broken(problems.join("; "));
}
