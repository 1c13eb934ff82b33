import { strict as assert } from "assert";
import {
  aws,
  CLOUDWATCH_MAY_USE,
  fullChain,
  inEveryForm,
  messages,
  NOT_MONITORED,
  policyDocument,
  through,
  UNVERIFIABLE,
  UNKNOWN,
  verdict,
} from "../builders";

/** The role a provider assumes to deploy to account 111122223333. */
const DEPLOYER = "arn:aws:iam::111122223333:role/deploy";

const GRANT =
  'a statement that allows the principal {"Service": "cloudwatch.amazonaws.com"} the actions kms:Decrypt and ' +
  'kms:GenerateDataKey* on Resource "*"';

/** A key policy that lets only the account's IAM principals use the key. */
const ACCOUNT_ONLY = policyDocument({
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
});

describe("step 5, the topic: CloudWatch may use the key it is encrypted with", () => {
  inEveryForm((form, provider, named) => {
    it(`passes a topic under a key of the stack whose key policy lets CloudWatch use it (${named})`, () => {
      const v = verdict(form(fullChain(provider)));
      assert.deepEqual([messages(v.violations), messages(v.notes)], [[], []]);
    });

    it(`fails a topic under the AWS-managed key alias/aws/sns, however it is spelled (${named})`, () => {
      for (const spelled of ["alias/aws/sns", "arn:aws:kms:us-east-1:111122223333:alias/aws/sns"]) {
        const v = verdict(form(fullChain(provider, { kmsMasterKeyId: spelled })));
        assert.deepEqual(messages(v.violations), [
          `Trail 'audit' ${NOT_MONITORED}: topic 'security-alerts' is encrypted with the AWS-managed key ${spelled}, ` +
            "whose key policy does not let CloudWatch use it: AWS drops every notification of alarm 'unauthorized' " +
            `(set kmsMasterKeyId to a customer-managed key whose key policy has ${GRANT}).`,
        ]);
      }
    });

    it(`fails a key of the stack whose key policy does not let CloudWatch use it (${named})`, () => {
      const v = verdict(form(fullChain(provider, { keyPolicy: ACCOUNT_ONLY })));
      assert.deepEqual(messages(v.violations), [
        `Trail 'audit' ${NOT_MONITORED}: the key policy of key 'alarm-topic-key' of topic 'security-alerts' does ` +
          "not let cloudwatch.amazonaws.com use it for alarm 'unauthorized': AWS drops every notification " +
          `(add to its key policy ${GRANT}).`,
      ]);
    });

    it(`fails a key of the stack with the default key policy (${named})`, () => {
      const v = verdict(form(fullChain(provider, { keyPolicy: null })));
      assert.deepEqual(messages(v.violations), [
        `Trail 'audit' ${NOT_MONITORED}: key 'alarm-topic-key' of topic 'security-alerts' has the default key ` +
          "policy, which lets only the account's IAM principals use it, not CloudWatch: AWS drops every notification " +
          `of alarm 'unauthorized' (add to its key policy ${GRANT}).`,
      ]);
    });

    it(`passes the conditions CloudWatch alarms of the account meet (${named})`, () => {
      const ofThisAccount = {
        StringEquals: { "aws:SourceAccount": "111122223333" },
        ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*" },
      };
      const v = verdict(
        form(fullChain(provider, { keyPolicy: CLOUDWATCH_MAY_USE({ Condition: ofThisAccount }) })),
      );
      assert.deepEqual([messages(v.violations), messages(v.notes)], [[], []]);
    });

    it(`fails conditions the alarms cannot meet, in the account their provider deploys to (${named})`, () => {
      for (const Condition of [
        { StringEquals: { "aws:SourceAccount": "999999999999" } },
        { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*" } },
      ]) {
        const stack = fullChain(provider, { keyPolicy: CLOUDWATCH_MAY_USE({ Condition }) });
        const v = verdict(form(stack.map((r) => through(r, "us-east-1", DEPLOYER))));
        assert.match(
          messages(v.violations)[0],
          /does not let cloudwatch\.amazonaws\.com use it for alarm 'unauthorized': AWS drops every notification/,
        );
      }
    });

    it(`says what to check, never failing, of a condition it cannot evaluate (${named})`, () => {
      const via = { StringEquals: { "kms:ViaService": "sns.us-east-1.amazonaws.com" } };
      const v = verdict(form(fullChain(provider, { keyPolicy: CLOUDWATCH_MAY_USE({ Condition: via }) })));
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        "Trail 'audit': monitoring for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2) cannot " +
          "be verified from this stack: whether the key policy of key 'alarm-topic-key' of topic 'security-alerts' " +
          "lets cloudwatch.amazonaws.com use it depends on the condition StringEquals on kms:ViaService in statement " +
          "'CloudWatchAlarmsPublish', which cannot be checked here: check it.",
      ]);
    });

    it(`advises checking a key defined outside the stack (${named})`, () => {
      const key = "arn:aws:kms:us-east-1:111122223333:key/0b2f6f5e-4c4e-4d3a-9d59-6a1f6c1f0e01";
      const v = verdict(form(fullChain(provider, { kmsMasterKeyId: key })));
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        `Trail 'audit': ${UNVERIFIABLE}: topic 'security-alerts' is encrypted with KMS key ${key}, defined outside ` +
          `this stack: check that its key policy has ${GRANT}.`,
      ]);
    });
  });

  it("follows an alias of the stack to its key, by the alias's name", () => {
    const stack = fullChain("aws", { keyPolicy: ACCOUNT_ONLY }).map((r) =>
      r.type === "aws:sns/topic:Topic"
        ? { ...r, props: { ...r.props, kmsMasterKeyId: "alias/alarm-topic" }, propertyDependencies: {} }
        : r,
    );
    const key = stack.find((r) => r.type === "aws:kms/key:Key")!;
    const v = verdict([...stack, aws.alias("alias/alarm-topic", key)]);
    assert.match(
      messages(v.violations)[0],
      /the key policy of key 'alarm-topic-key' of topic 'security-alerts' does not let/,
    );
  });

  it("advises, never fails, while the topic's key is known only after deployment", () => {
    const stack = fullChain("aws").map((r) =>
      r.type === "aws:sns/topic:Topic"
        ? { ...r, props: { ...r.props, kmsMasterKeyId: UNKNOWN }, propertyDependencies: {}, dependencies: [] }
        : r,
    );
    const v = verdict(stack);
    assert.deepEqual(messages(v.violations), []);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit': ${UNVERIFIABLE}: the KMS key of topic 'security-alerts' is known only after deployment.`,
    ]);
  });
});
