/** Steps 5 and 6, topic and people: does the alarm reach people? */
import { arnLocation, Notifier, regionLabel, sameRegion, StackIndex, UNKNOWN } from "../stack";
import { broken, maybe, ok, Result } from "./outcome";
import { judgeTopicKey } from "./topic";

export interface PeopleOptions {
  /** Accept an SNS topic given only by ARN (defined outside the stack), with a note. */
  readonly allowTopicArnOnly: boolean;
}

/** Whether a metric or composite alarm notifies someone through its own actions. */
export function judgePeople(alarm: Notifier, index: StackIndex, options: PeopleOptions): Result {
  const who = `${"rule" in alarm ? "composite alarm" : "alarm"} '${alarm.name}'`;
  if (alarm.actionsEnabled === UNKNOWN)
    return maybe(`whether ${who} has actions enabled is known only after deployment`);
  if (alarm.actionsEnabled === false)
    return broken(`${who} has its actions disabled (set actionsEnabled: true)`);

  const { topics, others } = index.actionTargets(alarm);
  if (topics.length === 0 && others.length === 0) {
    return broken(`${who} notifies nobody: it has no alarm actions (add an SNS topic ARN to alarmActions)`);
  }
  // CloudWatch only performs actions in the alarm's own region.
  const elsewhere = (where: string) =>
    `${where}, but ${who} is in ${regionLabel(alarm.where)} and CloudWatch alarm actions must be in the alarm's region`;
  const notes: string[] = [];
  const problems: string[] = [];
  const unknowns: Result[] = [];
  let reaches = false;
  let unknown = false;
  for (const topic of topics) {
    const region = sameRegion(topic.where, alarm.where);
    const key = judgeTopicKey(topic, alarm, index);
    if (region === false)
      problems.push(`topic '${topic.name}' of ${who} is in ${elsewhere(regionLabel(topic.where))}`);
    else if (key.status === "broken") problems.push(...key.problems);
    else if (!index.isSubscribed(topic))
      problems.push(
        `topic '${topic.name}' of ${who} has no subscription in this stack (add an aws.sns.TopicSubscription)`,
      );
    else if (key.status === "maybe") unknowns.push(key);
    else if (region === "maybe") unknown = true;
    else reaches = true;
  }
  for (const arn of others) {
    if (arn === undefined) continue;
    if (arn === UNKNOWN) {
      unknown = true;
      continue;
    }
    const where = arnLocation(arn, alarm.where);
    if (sameRegion(where, alarm.where) === false) {
      problems.push(`${who} notifies ${arn}, which is in ${elsewhere(regionLabel(where))}`);
    } else if (!/^arn:[^:]+:sns:/.test(arn)) {
      reaches = true; // an OpsItem, Lambda or other action: someone is told by other means
    } else if (options.allowTopicArnOnly) {
      reaches = true;
      notes.push(
        `${who} notifies topic ${arn}, defined outside this stack: make sure it has confirmed subscriptions and, if it is encrypted, that its key policy lets cloudwatch.amazonaws.com use the key (kms:Decrypt, kms:GenerateDataKey*)`,
      );
    } else {
      problems.push(
        `${who} notifies topic ${arn}, defined outside this stack, and allowTopicArnOnly is false`,
      );
    }
  }
  if (reaches) return ok({ notes: notes.map((message) => ({ message, urn: alarm.urn })) });
  // A topic whose key this stack cannot judge says what to check.
  if (unknowns.length > 0) return unknowns[0];
  if (unknown) return maybe(`whether the actions of ${who} reach anyone is known only after deployment`);
  return broken(problems.join("; "));
}
