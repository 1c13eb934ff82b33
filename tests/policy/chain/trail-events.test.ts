import { strict as assert } from "assert";
import { CONTROLS } from "../../../policy/catalog";
import { checkControl, DEFAULT_CHAIN_OPTIONS } from "../../../policy/rules/chain";
import { StackIndex } from "../../../policy/stack";
import { ChainChanges, fullChain, inEveryForm, messages, NOT_MONITORED, UNKNOWN, verdict } from "../builders";

const KMS = CONTROLS.find((c) => c.id === "kms-key-disable-or-deletion")!;
const KMS_NOT_MONITORED =
  "is not monitored for disabling or scheduled deletion of KMS keys (CIS 3.7/4.7/5.7, Security Hub CloudWatch.7)";

/** Advanced event selectors recording management events, but those of KMS. */
const ALL_BUT_KMS: ChainChanges = {
  advancedEventSelectors: [
    {
      name: "management-but-kms",
      fieldSelectors: [
        { field: "eventCategory", equals: ["Management"] },
        { field: "eventSource", notEquals: ["kms.amazonaws.com"] },
      ],
    },
  ],
};

describe("step 1, the trail: it records the events each control needs, as the catalog's events say", () => {
  const kms = (stack: ReturnType<typeof fullChain>) =>
    messages(checkControl(new StackIndex(stack), KMS, DEFAULT_CHAIN_OPTIONS).violations);

  inEveryForm((form, provider, named) => {
    it(`fails the controls whose events excludeManagementEventSources leaves out, naming them (${named})`, () => {
      const stack = form(
        fullChain(provider, { control: KMS, excludeManagementEventSources: ["kms.amazonaws.com"] }),
      );
      assert.deepEqual(kms(stack), [
        `Trail 'audit' ${KMS_NOT_MONITORED}: it leaves out events of disabling or scheduled deletion of KMS keys, ` +
          "KMS DisableKey; KMS ScheduleKeyDeletion: its event selectors exclude kms.amazonaws.com (remove it from " +
          "excludeManagementEventSources).",
      ]);
      // Refused KMS calls are unauthorized API calls too: that control loses them as well.
      const unauthorized = form(
        fullChain(provider, { excludeManagementEventSources: ["kms.amazonaws.com"] }),
      );
      assert.deepEqual(messages(verdict(unauthorized).violations), [
        `Trail 'audit' ${NOT_MONITORED}: it leaves out events of unauthorized API calls, KMS Decrypt refused with ` +
          "AccessDeniedException: its event selectors exclude kms.amazonaws.com (remove it from " +
          "excludeManagementEventSources).",
      ]);
    });

    it(`passes a trail that excludes only events no control needs (${named})`, () => {
      const excluded: ChainChanges = { excludeManagementEventSources: ["rdsdata.amazonaws.com"] };
      const stacks = [fullChain(provider, { control: KMS, ...excluded }), fullChain(provider, excluded)];
      assert.deepEqual([kms(form(stacks[0])), messages(verdict(form(stacks[1])).violations)], [[], []]);
    });

    it(`fails advanced event selectors that leave out a control's events, naming the selector (${named})`, () => {
      assert.deepEqual(kms(form(fullChain(provider, { control: KMS, ...ALL_BUT_KMS }))), [
        `Trail 'audit' ${KMS_NOT_MONITORED}: it leaves out events of disabling or scheduled deletion of KMS keys, ` +
          "KMS DisableKey; KMS ScheduleKeyDeletion: its advanced event selectors leave them out: selector " +
          "'management-but-kms': eventSource notEquals kms.amazonaws.com (record every management event: a selector " +
          "with eventCategory equals Management and no other condition).",
      ]);
    });

    it(`passes advanced event selectors whose conditions keep every event a control needs (${named})`, () => {
      const selectors: ChainChanges = {
        advancedEventSelectors: [
          {
            name: "management-but-rds-data",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "eventSource", notEquals: ["rdsdata.amazonaws.com"] },
            ],
          },
          {
            name: "object-writes",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.type", equals: ["AWS::S3::Object"] },
            ],
          },
        ],
      };
      assert.deepEqual(kms(form(fullChain(provider, { control: KMS, ...selectors }))), []);
    });

    it(`fails a selector on event names that leaves out some of a control's events (${named})`, () => {
      const disableOnly: ChainChanges = {
        advancedEventSelectors: [
          {
            name: "key-disabling",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "eventName", startsWith: ["Disable"] },
            ],
          },
        ],
      };
      assert.match(
        kms(form(fullChain(provider, { control: KMS, ...disableOnly })))[0],
        /it leaves out events of disabling or scheduled deletion of KMS keys, KMS ScheduleKeyDeletion: its advanced event selectors leave them out: selector 'key-disabling': eventName startsWith Disable/,
      );
    });
  });

  it("names, of several selectors, only the conditions that leave out the events no selector records", () => {
    const selectors: ChainChanges = {
      advancedEventSelectors: [
        {
          name: "key-disabling",
          fieldSelectors: [
            { field: "eventCategory", equals: ["Management"] },
            { field: "eventName", equals: ["DisableKey"] },
          ],
        },
        {
          name: "deletions-elsewhere",
          fieldSelectors: [
            { field: "eventCategory", equals: ["Management"] },
            { field: "eventName", equals: ["ScheduleKeyDeletion"] },
            { field: "eventSource", notEquals: ["kms.amazonaws.com"] },
          ],
        },
      ],
    };
    assert.match(
      kms(fullChain("aws-native", { control: KMS, ...selectors }))[0],
      /KMS ScheduleKeyDeletion: its advanced event selectors leave them out: selector 'key-disabling': eventName equals DisableKey; selector 'deletions-elsewhere': eventSource notEquals kms\.amazonaws\.com \(record every/,
    );
  });

  it("advises, never fails, while the excluded event sources are known only after deployment", () => {
    const stack = fullChain("aws", { control: KMS, excludeManagementEventSources: ["kms.amazonaws.com"] });
    const [trail, ...rest] = stack;
    const selectors = [
      { readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: UNKNOWN },
    ];
    const v = checkControl(
      new StackIndex([{ ...trail, props: { ...trail.props, eventSelectors: selectors } }, ...rest]),
      KMS,
      DEFAULT_CHAIN_OPTIONS,
    );
    assert.deepEqual(messages(v.violations), []);
    assert.match(
      messages(v.notes)[0],
      /cannot be verified until deployment: whether it records every event of disabling or scheduled deletion of KMS keys depends on its excludeManagementEventSources, computed at deployment\.$/,
    );
  });
});
