import { strict as assert } from "assert";
import { RawResource } from "../../../policy/stack";
import { aws, chain, resources, uniquely, verdict } from "../builders";

describe("stacks of many chains and many trails", () => {
  it("lists each alarm of many chains sharing one metric once", () => {
    const chains = Array.from({ length: 300 }, (_, i) => resources(chain()).map((r) => uniquely(r, `c${i}`)));
    const v = verdict(chains.flat());
    assert.deepEqual(v.violations, []);
    assert.equal(v.alarms.length, 300);
    assert.equal(new Set(v.alarms.map((a) => a.alarm.urn)).size, 300);
  });

  it("reports each of thousands of trails once, in a message of its own size", () => {
    const stack: RawResource[] = [aws.topic("t"), aws.subscription("s", aws.topic("t"))];
    for (let i = 0; i < 2000; i++) {
      const logGroup = aws.logGroup("cloudtrail-logs");
      const own = { ...logGroup, urn: `${logGroup.urn}-${i}` };
      stack.push(own, { ...aws.trail(`trail-${i}`, own), urn: `urn:trail-${i}` });
      stack.push({ ...aws.filter(`f-${i}`, own), urn: `urn:f-${i}` });
    }
    const v = verdict(stack);
    assert.equal(v.violations.length, 2000);
    assert.ok(v.violations.every((f) => f.message.length < 600));
  });
});
