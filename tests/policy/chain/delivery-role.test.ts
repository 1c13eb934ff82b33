import { strict as assert } from "assert";
import { RawResource } from "../../../policy/stack";
import {
  aws,
  DELIVERS,
  deployed,
  fullChain,
  inEveryForm,
  messages,
  NOT_MONITORED,
  policyDocument,
  previewed,
  through,
  TRUSTS,
  UNKNOWN,
  UNVERIFIABLE,
  verdict,
} from "../builders";

const GROUP_ARN = "arn:aws:logs:us-east-1:111122223333:log-group:audit-logs";
/** The role a provider assumes to deploy to account 111122223333. */
const DEPLOYER = "arn:aws:iam::111122223333:role/deploy";

/** Allows only creating log streams: CloudTrail could not put events. */
const STREAMS_ONLY = (arn: string) =>
  policyDocument({ Effect: "Allow", Action: "logs:CreateLogStream", Resource: `${arn}:log-stream:*` });

const CANNOT_PUT =
  "its CloudWatch Logs role 'trail-delivery' does not allow logs:PutLogEvents on log group 'audit-logs', so no " +
  "event reaches it (add to its policies a statement that allows logs:CreateLogStream and logs:PutLogEvents on ";

describe("step 2, the log group: CloudTrail can deliver to it with the trail's role", () => {
  inEveryForm((form, provider, named) => {
    it(`fails a role that cloudtrail.amazonaws.com may not assume (${named})`, () => {
      const v = verdict(form(fullChain(provider, { trust: TRUSTS("ec2.amazonaws.com") })));
      assert.deepEqual(messages(v.violations), [
        `Trail 'audit' ${NOT_MONITORED}: cloudtrail.amazonaws.com may not assume its CloudWatch Logs role ` +
          "'trail-delivery', so no event reaches the log group (add to the role's trust policy a statement that " +
          'allows the principal {"Service": "cloudtrail.amazonaws.com"} the action sts:AssumeRole).',
      ]);
    });

    it(`fails a role without a policy, or with one for another log group (${named})`, () => {
      for (const delivery of [
        null,
        () => DELIVERS("arn:aws:logs:us-east-1:111122223333:log-group:app-logs"),
      ]) {
        const v = verdict(form(fullChain(provider, { delivery })));
        assert.match(
          messages(v.violations)[0],
          /^Trail 'audit' is not monitored .*: its CloudWatch Logs role 'trail-delivery' does not allow logs:CreateLogStream and logs:PutLogEvents on log group 'audit-logs', so no event reaches it \(add to its policies a statement/,
        );
      }
    });

    it(`passes a trust policy whose condition names the trail, and fails one that names another (${named})`, () => {
      const naming = (trail: string) =>
        TRUSTS("cloudtrail.amazonaws.com", {
          Condition: {
            StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:111122223333:trail/${trail}` },
          },
        });
      const inAccount = (stack: RawResource[]) => stack.map((r) => through(r, "us-east-1", DEPLOYER));
      const passing = verdict(form(inAccount(fullChain(provider, { trust: naming("audit") }))));
      assert.deepEqual([messages(passing.violations), messages(passing.notes)], [[], []]);
      const failing = verdict(form(inAccount(fullChain(provider, { trust: naming("other") }))));
      assert.match(
        messages(failing.violations)[0],
        /cloudtrail\.amazonaws\.com may not assume its CloudWatch Logs role/,
      );
    });

    it(`passes wildcards that cover the actions and the log group, and fails a Deny that takes them back (${named})`, () => {
      const wide = () =>
        policyDocument({ Effect: "Allow", Action: "logs:*", Resource: "arn:aws:logs:*:*:log-group:audit-*" });
      const passing = verdict(form(fullChain(provider, { delivery: wide })));
      assert.deepEqual([messages(passing.violations), messages(passing.notes)], [[], []]);
      const denied = () => ({
        ...wide(),
        Statement: [
          ...wide().Statement,
          { Effect: "Deny", NotAction: "logs:CreateLogStream", Resource: "*" },
        ],
      });
      const failing = verdict(form(fullChain(provider, { delivery: denied })));
      assert.match(
        messages(failing.violations)[0],
        /does not allow logs:PutLogEvents on log group 'audit-logs'/,
      );
    });

    it(`advises checking a role defined outside the stack (${named})`, () => {
      const outside = "arn:aws:iam::111122223333:role/org-trail-delivery";
      const stack = fullChain(provider).map((r, i) =>
        i === 0
          ? {
              ...r,
              props: { ...r.props, cloudWatchLogsRoleArn: outside },
              propertyDependencies: { ...r.propertyDependencies, cloudWatchLogsRoleArn: [] },
            }
          : r,
      );
      const v = verdict(form(stack));
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        `Trail 'audit': ${UNVERIFIABLE}: its CloudWatch Logs role ${outside} is defined outside this stack: check ` +
          "that it lets cloudtrail.amazonaws.com assume it and allows logs:CreateLogStream and logs:PutLogEvents on " +
          "log group 'audit-logs'.",
      ]);
    });
  });

  it("judges a policy document as far as it is known in a first preview: an action missing is missing", () => {
    const stack = fullChain("aws-native", { delivery: STREAMS_ONLY });
    for (const form of [previewed, deployed]) {
      assert.match(
        messages(verdict(form(stack)).violations)[0],
        new RegExp(`: ${CANNOT_PUT.replace(/[()]/g, "\\$&")}`),
      );
    }
  });

  it("leaves a policy computed at deployment to CloudTrail, which tries the role when it sets the trail's delivery", () => {
    // @pulumi/aws takes the policy as a JSON string: made with the log group's ARN, all of it is unknown.
    const stack = fullChain("aws", { delivery: STREAMS_ONLY });
    const preview = verdict(previewed(stack));
    assert.deepEqual([messages(preview.violations), messages(preview.notes)], [[], []]);
    assert.deepEqual(messages(verdict(deployed(stack)).violations), [
      `Trail 'audit' ${NOT_MONITORED}: ${CANNOT_PUT}${GROUP_ARN}:log-stream:*).`,
    ]);
  });

  it("advises when such a policy changes on a trail that already delivers, which CloudTrail does not try again", () => {
    const stack = fullChain("aws").map((r) =>
      r.type === "aws:iam/rolePolicy:RolePolicy" ? { ...r, props: { ...r.props, policy: UNKNOWN } } : r,
    );
    const v = verdict(stack);
    assert.deepEqual(messages(v.violations), []);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit': ${UNVERIFIABLE}: whether its CloudWatch Logs role 'trail-delivery' allows logs:CreateLogStream ` +
        "and logs:PutLogEvents on log group 'audit-logs' is known only after deployment: its policy document, " +
        "computed at deployment.",
    ]);
  });

  it("reads managed policies of the stack attached to the role, and advises checking those defined elsewhere", () => {
    const [trail, logGroup, role, , ...rest] = fullChain("aws");
    const policy = aws.managedPolicy("trail-delivery", DELIVERS(GROUP_ARN));
    const attached = verdict([
      trail,
      logGroup,
      role,
      policy,
      aws.attachment("delivery", role, policy),
      ...rest,
    ]);
    assert.deepEqual([messages(attached.violations), messages(attached.notes)], [[], []]);
    const elsewhere = "arn:aws:iam::111122223333:policy/org/cloudtrail-delivery";
    const v = verdict([trail, logGroup, role, aws.attachment("delivery", role, elsewhere), ...rest]);
    assert.deepEqual(messages(v.violations), []);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit': ${UNVERIFIABLE}: its CloudWatch Logs role 'trail-delivery' allows logs:CreateLogStream and ` +
        `logs:PutLogEvents only if its managed policies defined outside this stack (${elsewhere}) allow them: check ` +
        `them, or add to its policies a statement that allows logs:CreateLogStream and logs:PutLogEvents on ${GROUP_ARN}:log-stream:*.`,
    ]);
  });

  it("says what to check, never failing, of a condition it cannot evaluate", () => {
    const conditioned = () =>
      DELIVERS(GROUP_ARN, { Condition: { StringEquals: { "aws:PrincipalTag/team": "security" } } });
    const v = verdict(deployed(fullChain("aws", { delivery: conditioned })));
    assert.deepEqual(messages(v.violations), []);
    assert.deepEqual(messages(v.notes), [
      "Trail 'audit': monitoring for unauthorized API calls (CIS 3.1/4.1/5.1, Security Hub CloudWatch.2) cannot be " +
        "verified from this stack: whether its CloudWatch Logs role 'trail-delivery' allows logs:CreateLogStream and " +
        "logs:PutLogEvents on log group 'audit-logs' depends on the condition StringEquals on aws:PrincipalTag/team in " +
        "statement 1, which cannot be checked here: check it.",
    ]);
  });
});
