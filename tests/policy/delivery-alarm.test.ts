import { strict as assert } from "assert";
import { DEFAULT_CHAIN_OPTIONS } from "../../policy/rules/chain";
import { checkDeliveryAlarms } from "../../policy/rules/delivery-alarm";
import { RawResource, StackIndex } from "../../policy/stack";
import {
  aws,
  chain,
  DELIVERY_ALARM_SETTINGS as HEARTBEAT,
  linked,
  messages,
  native,
  resources,
  UNKNOWN,
} from "./builders";

const { logGroup, topic } = chain();
const heartbeat = (props: Record<string, unknown> = {}) =>
  aws.alarm("trail-delivery", topic, { ...HEARTBEAT, dimensions: { LogGroupName: "audit-logs" }, ...props });

function findings(...more: RawResource[]): string[] {
  const verdict = checkDeliveryAlarms(new StackIndex(resources(chain(), ...more)), DEFAULT_CHAIN_OPTIONS);
  assert.equal(verdict.applies, true);
  return messages(verdict.findings);
}

describe("the delivery alarm on the trail's log group", () => {
  it("is missing from a stack that monitors the controls without it, with the fix", () => {
    assert.deepEqual(findings(), [
      "Trail 'audit': no alarm tells anyone when log group 'audit-logs' stops receiving events, and then every control's alarm stays silent: " +
        'no alarm watches AWS/Logs/IncomingLogEvents (add an aws.cloudwatch.MetricAlarm with namespace "AWS/Logs", metricName "IncomingLogEvents", ' +
        "dimensions { LogGroupName: <the log group's name> }, statistic Sum, comparisonOperator LessThanThreshold, threshold 1, period 3600, " +
        'treatMissingData "breaching" and an SNS topic in alarmActions; the CisMonitoring component creates it unless deliveryAlarm is false).',
    ]);
  });

  it("is recognised as a metric alarm, in metric math, and in aws-native, on the log group by name", () => {
    assert.deepEqual(findings(heartbeat()), []);
    const math = heartbeat({
      namespace: undefined,
      metricName: undefined,
      dimensions: undefined,
      metricQueries: [
        {
          id: "events",
          metric: {
            namespace: "AWS/Logs",
            metricName: "IncomingLogEvents",
            dimensions: { LogGroupName: "audit-logs" },
            stat: "Sum",
            period: 3600,
          },
        },
        { id: "none", expression: "FILL(events, 0)", returnData: true },
      ],
    });
    assert.deepEqual(findings(math), []);
    const nativeTopic = native.topic("native-alerts");
    const nativeAlarm = native.alarm("trail-delivery", nativeTopic, {
      ...HEARTBEAT,
      dimensions: [{ name: "LogGroupName", value: "audit-logs" }],
    });
    assert.deepEqual(findings(nativeTopic, nativeAlarm), []);
  });

  it("is recognised in a preview, where the log group's name is unknown, by the log group its dimensions came from", () => {
    const previewed = linked(heartbeat({ dimensions: { LogGroupName: UNKNOWN } }), {
      dimensions: [logGroup],
    });
    assert.deepEqual(findings(previewed), []);
    // Without that link, the pack cannot tell yet, and says so.
    assert.deepEqual(findings(heartbeat({ dimensions: { LogGroupName: UNKNOWN } })), [
      "Trail 'audit': an alarm on log group 'audit-logs' receiving no events cannot be verified until deployment: " +
        "the log group alarm 'trail-delivery' watches is known only after deployment.",
    ]);
  });

  it("fails when it watches another log group, the whole account, or lets a silent period pass", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { dimensions: { LogGroupName: "app-logs" } },
        /alarm 'trail-delivery' watches AWS\/Logs\/IncomingLogEvents of log group 'app-logs', not 'audit-logs'/,
      ],
      [
        { dimensions: {} },
        /of the whole account, which other log groups keep up \(set dimensions \{ LogGroupName: <the log group's name> \}\)/,
      ],
      [
        { treatMissingData: "notBreaching" },
        /treats a period without events as notBreaching, yet CloudWatch Logs publishes nothing then, so it never fires when nothing arrives \(set treatMissingData: "breaching"\)/,
      ],
      [{ treatMissingData: undefined }, /treats a period without events as missing/],
      [
        { comparisonOperator: "GreaterThanOrEqualToThreshold" },
        /compares GreaterThanOrEqualToThreshold: it fires while events arrive, not when they stop \(use LessThanThreshold with threshold 1\)/,
      ],
      [{ threshold: 0 }, /fires only below 0 events, which never happens/],
      [{ actionsEnabled: false }, /alarm 'trail-delivery' has its actions disabled/],
    ];
    for (const [props, message] of cases) {
      const found = findings(heartbeat(props));
      assert.equal(found.length, 1, JSON.stringify(props));
      assert.match(
        found[0],
        /^Trail 'audit': no alarm tells anyone when log group 'audit-logs' stops receiving events/,
      );
      assert.match(found[0], message);
    }
  });

  it("does not apply where no trail delivers to CloudWatch Logs", () => {
    const stack = [aws.trail("s3-only", undefined)];
    assert.deepEqual(checkDeliveryAlarms(new StackIndex(stack), DEFAULT_CHAIN_OPTIONS), {
      applies: false,
      findings: [],
    });
  });
});
