import { strict as assert } from "assert";
import { fullChain, inEveryForm, messages, NOT_MONITORED, UNKNOWN, UNVERIFIABLE, verdict } from "../builders";

describe("step 3, the metric filter: each event it matches adds a positive number to its metric", () => {
  inEveryForm((form, provider, named) => {
    it(`passes a filter that publishes 1, or another positive number, per event (${named})`, () => {
      for (const value of ["1", "2.5"]) {
        const v = verdict(form(fullChain(provider, { filter: { value } })));
        assert.deepEqual([messages(v.violations), messages(v.notes)], [[], []]);
      }
    });

    it(`fails a filter that publishes 0 or a negative number, which no alarm fires on (${named})`, () => {
      for (const value of ["0", "-1"]) {
        const v = verdict(form(fullChain(provider, { filter: { value } })));
        assert.deepEqual(messages(v.violations), [
          `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' publishes the value ${value} for each ` +
            'event it matches, so its metric never rises and no alarm on it fires (set its value to "1").',
        ]);
      }
    });

    it(`fails a filter whose value is neither a number nor a field of the event (${named})`, () => {
      const v = verdict(form(fullChain(provider, { filter: { value: "one" } })));
      assert.deepEqual(messages(v.violations), [
        `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' publishes the value "one", which is not a ` +
          'number (set its value to "1").',
      ]);
    });

    it(`advises on a value taken from a field of the event, which may not be a positive number (${named})`, () => {
      const v = verdict(form(fullChain(provider, { filter: { value: "$.requestParameters.count" } })));
      assert.deepEqual(messages(v.violations), []);
      assert.deepEqual(messages(v.notes), [
        "Metric filter 'unauthorized' publishes the value of $.requestParameters.count from each event it matches: " +
          "an event where it is not a positive number adds nothing to the metric, and its alarm does not fire on it " +
          '(set its value to "1" to count events).',
      ]);
    });
  });

  it("advises, never fails, while the value is known only after deployment", () => {
    const [trail, logGroup, role, rolePolicy, filter, ...rest] = fullChain("aws");
    const transformation = { ...(filter.props.metricTransformation as object), value: UNKNOWN };
    const v = verdict([
      trail,
      logGroup,
      role,
      rolePolicy,
      { ...filter, props: { ...filter.props, metricTransformation: transformation } },
      ...rest,
    ]);
    assert.deepEqual(messages(v.notes), [
      `Trail 'audit': ${UNVERIFIABLE}: the value metric filter 'unauthorized' publishes is known only after deployment.`,
    ]);
  });
});
