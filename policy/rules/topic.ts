/**
 * Step 5, topic: can the alarm publish to it? A topic encrypted with KMS takes a message only from
 * a publisher that may use its key: CloudWatch needs kms:Decrypt and kms:GenerateDataKey* from the
 * key policy, which the AWS-managed key of SNS (alias/aws/sns) never grants.
 */
import { arnAccount, arnRegion, KmsKey, Notifier, placeKey, StackIndex, Topic } from "../stack";
import { memo } from "../stack/maps";
import { accountOf, arnAt, part } from "./arns";
import { broken, maybe, ok, Result, unclear } from "./outcome";
import { all, allows, Judgement } from "./permissions";
import { LATER, Template } from "./wildcards";

const CLOUDWATCH = "cloudwatch.amazonaws.com";
/** What CloudWatch calls on the topic's key when it publishes (the key policy grants `kms:GenerateDataKey*`). */
const KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"];
const GRANT =
  `a statement that allows the principal {"Service": "${CLOUDWATCH}"} the actions kms:Decrypt and ` +
  'kms:GenerateDataKey* on Resource "*"';

// By key, then by the alarm's place (and name, where the key policy asks for it).
const judged = new WeakMap<KmsKey, Map<string, Judgement>>();

/** Whether the key policy lets CloudWatch use the key for an alarm of that name (LATER: any alarm there). */
function keyJudgement(key: KmsKey, alarm: Notifier, name: Template[number]): Judgement {
  const byPlace = memo(judged, key, () => new Map<string, Judgement>());
  const arnPlace = typeof alarm.arn === "string" ? `${arnRegion(alarm.arn)} ${arnAccount(alarm.arn)}` : "";
  const place = `${placeKey(alarm.where)} ${arnPlace} ${typeof name === "string" ? name : ""}`;
  return memo(byPlace, place, () => {
    // The alarm's ARN as CloudWatch names it, from its name and place (those its own ARN gives, where known).
    const alarmArn = arnAt("cloudwatch", alarm.where, ["alarm:", name], alarm.arn);
    const context = { "aws:sourcearn": alarmArn, "aws:sourceaccount": [accountOf(alarm.where)] };
    const keyArn = typeof key.arn === "string" ? [key.arn] : arnAt("kms", key.where, ["key/", LATER]);
    return all(
      KEY_ACTIONS.map((action) =>
        allows([key.policy], { service: CLOUDWATCH, action, resource: keyArn, context }),
      ),
    );
  });
}

/** Whether CloudWatch may use the key of `topic` when `alarm` publishes to it. */
export function judgeTopicKey(topic: Topic, alarm: Notifier, index: StackIndex): Result {
  const target = index.keys.keyOf(topic.kmsKey);
  const of = `topic '${topic.name}'`;
  switch (target.where) {
    case "none":
      return ok();
    case "aws-managed":
      return broken(
        `${of} is encrypted with the AWS-managed key ${target.spelled}, whose key policy does not let CloudWatch ` +
          `use it: AWS drops every notification of alarm '${alarm.name}' (set kmsMasterKeyId to a customer-managed ` +
          `key whose key policy has ${GRANT})`,
      );
    case "elsewhere":
      return maybe(
        `${of} is encrypted with KMS key ${target.id}, defined outside this stack: check that its key policy has ${GRANT}`,
      );
    case "unknown":
      return maybe(`the KMS key of ${of} is known only after deployment`);
    case "stack":
      break;
  }
  const { key } = target;
  const about = `key '${key.name}' of ${of}`;
  if (key.policy === undefined) {
    return broken(
      `${about} has the default key policy, which lets only the account's IAM principals use it, not CloudWatch: ` +
        `AWS drops every notification of alarm '${alarm.name}' (add to its key policy ${GRANT})`,
    );
  }
  // Judged once for all alarms in one place, unless the key policy asks for the alarm's name.
  const anyAlarm = keyJudgement(key, alarm, LATER);
  const judgement =
    anyAlarm.answer === "yes" || anyAlarm.answer === "no"
      ? anyAlarm
      : keyJudgement(key, alarm, part(alarm.alarmName));
  const reasons = judgement.reasons.join("; ");
  switch (judgement.answer) {
    case "yes":
      return ok();
    case "no":
      return broken(
        `the key policy of ${about} does not let ${CLOUDWATCH} use it for alarm '${alarm.name}': AWS drops every ` +
          `notification (add to its key policy ${GRANT})`,
      );
    case "pending":
      return maybe(
        `whether the key policy of ${about} lets ${CLOUDWATCH} use it is known only after deployment: ${reasons}`,
      );
    case "unclear":
      return unclear(
        `whether the key policy of ${about} lets ${CLOUDWATCH} use it depends on ${reasons}: check it`,
      );
  }
}
