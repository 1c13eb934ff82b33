import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { stackConfigSchema } from "../../infra/config/schema";
import { COMPONENT_TYPE, componentProvider } from "../helpers/component";

const SNAPSHOT = path.join(__dirname, "schema.json");

interface Property {
  type?: string;
  $ref?: string;
  plain?: boolean;
}
interface Schema {
  name: string;
  resources: Record<
    string,
    {
      isComponent: boolean;
      inputProperties: Record<string, Property>;
      requiredInputs: string[];
      properties: Record<string, Property>;
      required: string[];
    }
  >;
  types: Record<string, { properties: Record<string, Property> }>;
}

describe("the component's schema, as Pulumi infers it from the TypeScript for other languages", () => {
  let text: string;
  let schema: Schema;
  before(async function () {
    this.timeout(120_000); // inferring it compiles the component
    text = `${JSON.stringify(JSON.parse(await componentProvider().getSchema()), null, 2)}\n`;
    schema = JSON.parse(text);
  });

  it(`reads as committed in ${path.relative(process.cwd(), SNAPSHOT)} (set UPDATE_COMPONENT_SCHEMA=1 to rewrite it)`, function () {
    if (process.env.UPDATE_COMPONENT_SCHEMA) {
      fs.writeFileSync(SNAPSHOT, text);
      // Comparing the file just written with itself would prove nothing: its diff is the check.
      console.warn(`      rewrote ${SNAPSHOT}: review its diff; the comparison is skipped`);
      this.skip();
    }
    assert.equal(text, fs.readFileSync(SNAPSHOT, "utf8"));
  });

  it(`has the one component ${COMPONENT_TYPE} of package cis-monitoring`, () => {
    assert.equal(schema.name, "cis-monitoring");
    assert.deepEqual(Object.keys(schema.resources), [COMPONENT_TYPE]);
    assert.equal(schema.resources[COMPONENT_TYPE].isComponent, true);
  });

  it("takes each stack config key as an argument, and nothing else, none of them required", () => {
    const component = schema.resources[COMPONENT_TYPE];
    assert.deepEqual(
      Object.keys(component.inputProperties).sort(),
      Object.keys(stackConfigSchema.properties).sort(),
    );
    assert.deepEqual(component.requiredInputs, []);
    const alarm = schema.types["cis-monitoring:index:Alarm"];
    assert.deepEqual(
      Object.keys(alarm.properties).sort(),
      Object.keys(stackConfigSchema.properties.alarm.properties).sort(),
    );
  });

  it("takes plain values, except the names of what exists outside the component, which may be outputs", () => {
    const inputs = Object.entries(schema.resources[COMPONENT_TYPE].inputProperties);
    assert.deepEqual(
      inputs.filter(([, property]) => !property.plain).map(([name]) => name),
      ["existingLogGroupName", "existingTopicArn", "accessLogBucketName"],
    );
  });

  it("gives the trail's ARN, the alarm details role and the delivery alarm when it created them, and always the log group, topic, alarms and dashboard", () => {
    const component = schema.resources[COMPONENT_TYPE];
    assert.deepEqual(Object.keys(component.properties).sort(), [
      "alarmArns",
      "alertDetailsRoleArn",
      "dashboardName",
      "deliveryAlarmArn",
      "logGroupName",
      "topicArn",
      "trailArn",
    ]);
    assert.deepEqual(component.required, ["alarmArns", "dashboardName", "logGroupName", "topicArn"]);
    assert.deepEqual(component.properties.alarmArns, {
      type: "object",
      additionalProperties: { type: "string" },
      description: "The ARN of each control's alarm, by control id.",
    });
  });
});
