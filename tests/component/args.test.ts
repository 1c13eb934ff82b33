import { strict as assert } from "assert";
import { isDeepStrictEqual } from "util";
import * as pulumi from "@pulumi/pulumi";
import { componentArgs, stackConfig } from "../../infra/config/error";
import { parseStackConfig } from "../../infra/config/read";
import { configText, readConfigText } from "../../infra/config/text";
import { monitoringSettings } from "../../infra/config/validate";
import { BAD_CONFIG } from "../helpers/bad-config";
import { DEV_NAME } from "../helpers/program";

const EMAILS = { alertEmails: ["secops@example.com"] };

/**
 * The config as a program gives it to the component: the same values, when Pulumi's text of each
 * reads back as the value itself. Config about text alone (a blank key, bytes that are not UTF-8, a
 * number a double cannot hold) has no arguments to compare.
 */
function asArguments(config: Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    const origin = stackConfig("cis-monitoring");
    const read = Object.fromEntries(
      Object.entries(config).map(([key, value]) => [key, readConfigText(origin, key, configText(value))]),
    );
    return isDeepStrictEqual(read, config) ? config : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(check: () => unknown): string {
  try {
    check();
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail("the settings should be refused");
}

describe("the component's arguments, checked by the code that checks the stack config", () => {
  const cases = BAD_CONFIG.flatMap(({ name, config }) => {
    const args = asArguments(config);
    return args === undefined ? [] : [{ name, config, args }];
  });

  it("share most bad stack configs as arguments (the rest are about the text of a stack file)", () => {
    assert.ok(cases.length >= 30, `${cases.length} of ${BAD_CONFIG.length}`);
  });

  for (const { name, config, args } of cases) {
    it(`refuses ${name} with the stack config's message, naming the argument`, () => {
      const fromConfig = messageOf(() => parseStackConfig({ ...EMAILS, ...config }, "cis-monitoring"));
      const fromArgs = messageOf(() => monitoringSettings({ ...EMAILS, ...args }, componentArgs(DEV_NAME)));
      const parts =
        /^Invalid stack config cis-monitoring:(\S+): (.*) Fix it in Pulumi\.<stack>\.yaml or with `pulumi config set --path (\S+) <value>`\.$/.exec(
          fromConfig,
        );
      assert.ok(parts, fromConfig);
      const [, key, problemAndAllowed, pathKey] = parts;
      assert.equal(pathKey, key);
      assert.equal(fromArgs, `Invalid argument ${key} of CisMonitoring '${DEV_NAME}': ${problemAndAllowed}`);
    });
  }

  it("refuses the trail bucket of a component by its name, as the stack config does by the project's", () => {
    assert.throws(
      () =>
        monitoringSettings(
          { ...EMAILS, accessLogBucketName: "baseline-trail-bucket-4f2a9c1" },
          componentArgs("baseline"),
        ),
      {
        message:
          /^Invalid argument accessLogBucketName of CisMonitoring 'baseline': "baseline-trail-bucket-4f2a9c1" is a trail bucket of this project/,
      },
    );
  });

  it("reads an argument left undefined as not given, as a TypeScript program writes optional arguments", () => {
    const settings = monitoringSettings(
      { ...EMAILS, existingTopicArn: undefined, alarm: undefined },
      componentArgs("baseline"),
    );
    assert.deepEqual(settings.notifications.topic, { kind: "new-topic" });
    assert.equal(settings.controls[0].alarm.threshold, 1);
  });

  it("takes the name of an outside resource as an output, and does not change the caller's arguments", () => {
    const args = {
      ...EMAILS,
      createTrail: false,
      existingLogGroupName: pulumi.output("org-trail"),
      alarm: { threshold: 2 },
    };
    const settings = monitoringSettings(args, componentArgs("baseline"));
    assert.equal(settings.source.kind, "existing-log-group");
    assert.deepEqual(args.alarm, { threshold: 2 }, "the defaults are not written into the caller's object");
  });

  it("takes as an output only the arguments that may be one, not a name every object has", () => {
    assert.throws(
      () => monitoringSettings({ ...EMAILS, constructor: pulumi.output("x") }, componentArgs("baseline")),
      {
        message: /^Invalid argument constructor of CisMonitoring 'baseline': is an output/,
      },
    );
  });

  it("refuses an output nested in a plain setting, naming the setting", () => {
    assert.throws(
      () =>
        monitoringSettings({ ...EMAILS, alarm: { threshold: pulumi.output(2) } }, componentArgs("baseline")),
      {
        message:
          /^Invalid argument alarm of CisMonitoring 'baseline': is an output \(computed at deployment, or a secret\), and the component decides from it what to create\. Allowed: a plain value, known when the program runs: the settings of every control's alarm\.$/,
      },
    );
  });
});
