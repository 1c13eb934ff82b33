import { strict as assert } from "assert";
import { parseStackConfig } from "../../infra/config/read";
import { BAD_CONFIG } from "../helpers/bad-config";
import { runProgram, T } from "../helpers/program";

describe("bad stack config", () => {
  for (const { name, config, message } of BAD_CONFIG) {
    it(`fails on ${name}, naming the key and the fix, and registers nothing`, async () => {
      const run = await runProgram(config, { preview: true });
      assert.ok(run.error instanceof Error, "the program should fail");
      assert.match(run.error.message, message);
      assert.match(run.error.message, /Fix it in Pulumi\.dev\.yaml or with `pulumi config set --path /);
      const created = run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
      assert.deepEqual(created, [], "nothing but the stack itself may be registered");
    });
  }
});

describe("stack config as Pulumi stores it, and at CloudWatch's limits", () => {
  it('reads a boolean `pulumi config set` stored as text: retainOnDelete "false" deletes everything on destroy', async () => {
    const run = await runProgram({ retainOnDelete: "false" });
    assert.equal(run.error, undefined);
    assert.ok(run.resources.length > 1);
    assert.deepEqual(
      run.resources.filter((r) => r.retainOnDelete),
      [],
    );
  });

  it("takes CloudWatch's longest evaluations: 1440 one-minute periods, 168 hourly ones", async () => {
    const run = await runProgram({
      alarm: { periodSeconds: 60, evaluationPeriods: 1440, datapointsToAlarm: 1440 },
      alarmOverrides: {
        "vpc-changes": { periodSeconds: 3600, evaluationPeriods: 168, datapointsToAlarm: 1 },
      },
    });
    assert.equal(run.error, undefined);
    const settings = (id: string) => {
      const { period, evaluationPeriods, datapointsToAlarm } = run.ofControl(T.alarm, id).inputs;
      return { period, evaluationPeriods, datapointsToAlarm };
    };
    assert.deepEqual(settings("root-account-usage"), {
      period: 60,
      evaluationPeriods: 1440,
      datapointsToAlarm: 1440,
    });
    assert.deepEqual(settings("vpc-changes"), { period: 3600, evaluationPeriods: 168, datapointsToAlarm: 1 });
  });

  it("takes numbers written as a double holds them exactly: 1e6, 300.0", async () => {
    const run = await runProgram({
      alarm: '{"threshold": 1e6, "periodSeconds": 300.0}',
      logRetentionDays: "400",
    });
    assert.equal(run.error, undefined);
    const { threshold, period } = run.ofControl(T.alarm, "root-account-usage").inputs;
    assert.deepEqual({ threshold, period }, { threshold: 1_000_000, period: 300 });
    assert.equal(run.named(T.logGroup, "trail-logs").inputs.retentionInDays, 400);
  });
});

describe("the stack file's own values, as replay reads them", () => {
  const parse = (config: Record<string, unknown>) =>
    parseStackConfig({ alertEmails: ["secops@example.com"], ...config }, "cis-monitoring");

  it("are refused where the program refuses them: a blank retainOnDelete, 0, or a blank alarm setting", () => {
    assert.throws(() => parse({ retainOnDelete: null }), /cis-monitoring:retainOnDelete: has no value\./);
    assert.throws(() => parse({ retainOnDelete: 0 }), /cis-monitoring:retainOnDelete: 0 must be boolean\./);
    assert.throws(
      () => parse({ alarm: { actionsEnabled: null } }),
      /cis-monitoring:alarm\.actionsEnabled: has no value\./,
    );
  });

  it("are read as Pulumi hands them to the program: a severity written as a number is its text", () => {
    const settings = parse({ opsItemSeverity: 2, retainOnDelete: false, logRetentionDays: 400 });
    assert.equal(settings.notifications.opsItemSeverity, "2");
    assert.equal(settings.retainOnDelete, false);
    assert.deepEqual(settings.source, {
      kind: "new-trail",
      logRetentionDays: 400,
      accessLogs: { kind: "new-bucket" },
    });
  });
});
