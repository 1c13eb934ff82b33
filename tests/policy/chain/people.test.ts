import { strict as assert } from "assert";
import { aws, chain, messages, NOT_MONITORED, resources, verdict } from "../builders";

describe("steps 5 and 6, the alarm's topic and the people subscribed to it", () => {
  it("fails an alarm with actions disabled, or without actions", () => {
    const c = chain();
    const disabled = aws.alarm("unauthorized", c.topic, { actionsEnabled: false });
    assert.match(
      messages(verdict(resources({ ...c, alarm: disabled })).violations)[0],
      /alarm 'unauthorized' has its actions disabled \(set actionsEnabled: true\)\.$/,
    );
    const silent = aws.alarm("unauthorized", undefined);
    assert.match(
      messages(verdict(resources({ ...c, alarm: silent })).violations)[0],
      /alarm 'unauthorized' notifies nobody: it has no alarm actions/,
    );
  });

  it("fails a topic in the stack that nobody subscribes to", () => {
    const v = verdict(resources({ ...chain(), subscription: undefined }));
    assert.deepEqual(messages(v.violations), [
      `Trail 'audit' ${NOT_MONITORED}: topic 'security-alerts' of alarm 'unauthorized' has no ` +
        "subscription in this stack (add an aws.sns.TopicSubscription).",
    ]);
  });

  it("accepts a topic given only by ARN with an advisory note, unless configured not to", () => {
    const c = chain();
    const arn = "arn:aws:sns:us-east-1:999999999999:org-alerts";
    const alarm = aws.alarm("unauthorized", undefined, { alarmActions: [arn] });
    const accepted = verdict(resources({ ...c, alarm, topic: undefined, subscription: undefined }));
    assert.deepEqual(accepted.violations, []);
    assert.deepEqual(messages(accepted.notes), [
      `alarm 'unauthorized' notifies topic ${arn}, defined outside this stack: make sure it has confirmed subscriptions ` +
        "and, if it is encrypted, that its key policy lets cloudwatch.amazonaws.com use the key (kms:Decrypt, kms:GenerateDataKey*)",
    ]);
    const refused = verdict(resources({ ...c, alarm, topic: undefined, subscription: undefined }), {
      allowTopicArnOnly: false,
    });
    assert.match(
      messages(refused.violations)[0],
      /defined outside this stack, and allowTopicArnOnly is false\.$/,
    );
  });
});
