import { strict as assert } from "assert";
import { RawResource } from "../../../policy/stack";
import {
  deployed,
  fullChain,
  inEveryForm,
  messages,
  NOT_MONITORED,
  policyDocument,
  PROVIDERS,
  TRUSTS,
  UNVERIFIABLE,
  verdict,
} from "../builders";

/** How a note on the control says what this stack cannot tell, deployed or not. */
const FROM_THIS_STACK = UNVERIFIABLE.replace("until deployment", "from this stack");

/** The chain, its trail an organization trail (both providers spell it isOrganizationTrail). */
const organization = (stack: RawResource[]): RawResource[] =>
  stack.map((r, i) => (i === 0 ? { ...r, props: { ...r.props, isOrganizationTrail: true } } : r));

/** A delivery role policy that allows writing the streams `streams` name, after the log group's ARN. */
const writing =
  (...streams: string[]) =>
  (logGroupArn: string) =>
    policyDocument({
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: streams.map((s) => `${logGroupArn}:log-stream:${s}`),
    });

describe("an organization trail, judged like any trail", () => {
  inEveryForm((form, provider, named) => {
    it(`passes the whole chain, its role writing every stream of the log group (${named})`, () => {
      const v = verdict(form(organization(fullChain(provider))));
      assert.deepEqual([messages(v.violations), messages(v.notes)], [[], []]);
    });

    it(`names it an organization trail when a link breaks (${named})`, () => {
      const v = verdict(form(organization(fullChain(provider, { trust: TRUSTS("ec2.amazonaws.com") }))));
      assert.match(
        messages(v.violations)[0],
        new RegExp(`^Organization trail 'audit' ${NOT_MONITORED.replace(/[().]/g, "\\$&")}: cloudtrail`),
      );
    });
  });

  for (const provider of PROVIDERS) {
    it(`fails a role that writes only the trail account's own streams, which loses every member account's events (${provider})`, () => {
      const ownOnly = writing("111122223333_CloudTrail_*");
      const accountTrail = verdict(deployed(fullChain(provider, { delivery: ownOnly })));
      assert.deepEqual(messages(accountTrail.violations), []);
      const v = verdict(deployed(organization(fullChain(provider, { delivery: ownOnly }))));
      assert.deepEqual(messages(v.violations), [
        `Organization trail 'audit' ${NOT_MONITORED}: its CloudWatch Logs role 'trail-delivery' does not allow ` +
          "logs:CreateLogStream and logs:PutLogEvents on the member accounts' log streams " +
          "(<organization id>_<account>_CloudTrail_<region>) of log group 'audit-logs', so no member account's " +
          "event reaches it (add to its policies a statement that allows logs:CreateLogStream and logs:PutLogEvents " +
          "on arn:aws:logs:us-east-1:111122223333:log-group:audit-logs:log-stream:*).",
      ]);
    });

    it(`fails a role that writes only the organization's streams, which loses the trail account's own events (${provider})`, () => {
      const v = verdict(deployed(organization(fullChain(provider, { delivery: writing("o-*") }))));
      assert.match(
        messages(v.violations)[0],
        /does not allow logs:CreateLogStream and logs:PutLogEvents on log group 'audit-logs', so no event reaches it/,
      );
    });

    it(`cannot tell, and says so, whether streams of one organization's ID are the trail's (${provider})`, () => {
      const v = verdict(
        deployed(
          organization(
            fullChain(provider, { delivery: writing("111122223333_CloudTrail_*", "o-a1b2c3d4e5_*") }),
          ),
        ),
      );
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        `Organization trail 'audit': ${FROM_THIS_STACK}: whether its CloudWatch Logs role 'trail-delivery' allows ` +
          "logs:CreateLogStream and logs:PutLogEvents on log group 'audit-logs' depends on the organization's ID, " +
          "which no resource of this stack holds: check it.",
      ]);
    });
  }
});
