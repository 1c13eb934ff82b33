import { strict as assert } from "assert";
import { fullChain, inEveryForm, messages, NOT_MONITORED, verdict } from "../builders";

describe("step 4, the alarm: it fires when the filter counts an event", () => {
  inEveryForm((form, provider, named) => {
    it(`fails an alarm that compares downwards, in ALARM only while nothing happens (${named})`, () => {
      for (const comparisonOperator of ["LessThanThreshold", "LessThanOrEqualToThreshold"]) {
        const v = verdict(form(fullChain(provider, { alarm: { comparisonOperator } })));
        assert.deepEqual(messages(v.violations), [
          `Trail 'audit' ${NOT_MONITORED}: alarm 'unauthorized' is in ALARM while its metric is below the threshold ` +
            `(${comparisonOperator}): it fires while nothing happens and falls silent when an event is counted (use ` +
            "GreaterThanOrEqualToThreshold with threshold 1).",
        ]);
      }
    });

    it(`fails an alarm with dimensions the filter does not publish (${named})`, () => {
      const v = verdict(
        form(fullChain(provider, { alarm: { dimensions: { EventSource: "ec2.amazonaws.com" } } })),
      );
      assert.deepEqual(messages(v.violations), [
        `Trail 'audit' ${NOT_MONITORED}: alarm 'unauthorized' watches CloudTrailMetrics/AuthorizationFailureCount ` +
          "with dimensions EventSource=ec2.amazonaws.com, but metric filter 'unauthorized' publishes it with no " +
          "dimensions: CloudWatch keeps a metric per set of dimensions, so the alarm watches one that never gets a " +
          "datapoint (remove the alarm's dimensions).",
      ]);
    });

    it(`fails an alarm without the dimensions its filter publishes (${named})`, () => {
      const v = verdict(
        form(fullChain(provider, { filter: { dimensions: { EventSource: "$.eventSource" } } })),
      );
      assert.deepEqual(messages(v.violations), [
        `Trail 'audit' ${NOT_MONITORED}: alarm 'unauthorized' watches CloudTrailMetrics/AuthorizationFailureCount ` +
          "with no dimensions, but metric filter 'unauthorized' publishes it with dimensions EventSource: CloudWatch " +
          "keeps a metric per set of dimensions, so the alarm watches one that never gets a datapoint (give the " +
          "alarm the dimensions EventSource, as the filter does).",
      ]);
    });

    it(`advises that an alarm on one value of a published dimension misses the others (${named})`, () => {
      const v = verdict(
        form(
          fullChain(provider, {
            filter: { dimensions: { EventSource: "$.eventSource" } },
            alarm: { dimensions: { EventSource: "ec2.amazonaws.com" } },
          }),
        ),
      );
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        "Alarm 'unauthorized' watches only the datapoints of CloudTrailMetrics/AuthorizationFailureCount whose " +
          "EventSource is ec2.amazonaws.com; metric filter 'unauthorized' publishes one for each value of " +
          "$.eventSource: events with another value are not alarmed on.",
      ]);
    });

    it(`fails an alarm that asks for a unit the filter does not publish in (${named})`, () => {
      const v = verdict(form(fullChain(provider, { alarm: { unit: "Count" } })));
      assert.deepEqual(messages(v.violations), [
        `Trail 'audit' ${NOT_MONITORED}: alarm 'unauthorized' takes only datapoints in Count, but metric filter ` +
          "'unauthorized' publishes them without a unit (None): the alarm gets no datapoint and stays in " +
          "INSUFFICIENT_DATA (remove the alarm's unit, or set the filter's unit to Count).",
      ]);
    });

    it(`passes an alarm whose unit is the filter's (${named})`, () => {
      const v = verdict(form(fullChain(provider, { filter: { unit: "Count" }, alarm: { unit: "Count" } })));
      assert.deepEqual([messages(v.violations), messages(v.notes)], [[], []]);
    });
  });
});
