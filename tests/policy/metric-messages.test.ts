import { strict as assert } from "assert";
import { checkControl, DEFAULT_CHAIN_OPTIONS } from "../../policy/rules/chain";
import { RawResource, StackIndex } from "../../policy/stack";
import { aws, control, UNKNOWN } from "./builders";

/** Two trails, each delivering to a log group of its own with a filter named after it. */
function twoTrails(filterProps: Record<string, unknown> = {}): RawResource[] {
  return ["first", "second"].flatMap((name) => {
    const logGroup = aws.logGroup(`${name}-logs`);
    return [logGroup, aws.trail(name, logGroup), aws.filter(`${name}-filter`, logGroup, filterProps)];
  });
}

function findings(stack: RawResource[]) {
  const v = checkControl(new StackIndex(stack), control, DEFAULT_CHAIN_OPTIONS);
  return [...v.violations, ...v.notes].map((f) => f.message);
}

describe("messages about a metric that several filters publish", () => {
  it("names each trail's own filter when no alarm watches the metric", () => {
    const [first, second] = findings(twoTrails());
    assert.match(first, /^Trail 'first' .*: metric filter 'first-filter' publishes metric .*, but no alarm/);
    assert.match(
      second,
      /^Trail 'second' .*: metric filter 'second-filter' publishes metric .*, but no alarm/,
    );
  });

  it("names each trail's own filter when the metric is known only after deployment", () => {
    const [first, second] = findings(
      twoTrails({ metricTransformation: { namespace: "CloudTrailMetrics", name: UNKNOWN, value: "1" } }),
    );
    assert.match(first, /^Trail 'first': .*the metric of metric filter 'first-filter' is known only after/);
    assert.match(
      second,
      /^Trail 'second': .*the metric of metric filter 'second-filter' is known only after/,
    );
  });
});
