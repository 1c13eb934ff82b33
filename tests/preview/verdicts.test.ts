import { strict as assert } from "assert";
import { CIS_CONTROLS } from "../../policy/catalog";
import { CommandResult, exited, sharedCommand, startCommand } from "../helpers/cli";
import {
  ADVISORIES,
  ALL_MONITORED,
  DELIVERY,
  fixture,
  HARDENING,
  JsonResource,
  MONITORED,
} from "../helpers/preview";
import { AWS_VERSION, DEFAULT_AWS_PROVIDER, T } from "../helpers/program";
import { tempFile } from "../helpers/temp-files";

describe("npm start: the program and the policy pack together, offline", () => {
  let runs: Record<string, Promise<CommandResult>>;
  before(() => {
    const program = (name: string, ...args: string[]) =>
      startCommand("start", ["--program", fixture(name), ...args]);
    runs = {
      // The README's examples show these outputs (tests/preview/readme-examples.test.ts).
      dev: sharedCommand("start", []),
      withoutAlarm: sharedCommand("start", ["--program", "tests/fixtures/trail-without-alarm"]),
      withoutAlarmJson: sharedCommand("start", ["--program", "tests/fixtures/trail-without-alarm", "--json"]),
      advisory: program(
        "trail-without-alarm",
        "--policy-pack-config",
        tempFile("policy-config.json", { all: "advisory" }),
      ),
    };
  });

  it("previews this project's dev stack and reports every policy as passed", async () => {
    const result = await runs.dev;
    exited(result, 0);
    assert.match(
      result.stdout,
      /^Stack dev \(program infra, previewed offline\)\n\nResources \(81\)\n {2}pulumi:pulumi:Stack cis-monitoring-dev\n/,
    );
    assert.match(
      result.stdout,
      /aws:cloudwatch\/logMetricFilter:LogMetricFilter cis-monitoring-dev-unauthorized-api-calls {2}pattern \{\(\$\.errorCode="\*UnauthorizedOperation"\) \|\| \(\$\.errorCode="AccessDenied\*"\)\} → CloudTrailMetrics\/AuthorizationFailureCount/,
    );
    assert.match(
      result.stdout,
      /aws:cloudwatch\/metricAlarm:MetricAlarm cis-monitoring-dev-unauthorized-api-calls {2}CloudTrailMetrics\/AuthorizationFailureCount Sum >= 1 per 300 s, 1 period\(s\)/,
    );
    assert.match(
      result.stdout,
      new RegExp(`\n {2}pulumi:providers:aws ${DEFAULT_AWS_PROVIDER} {2}region us-east-1\n`),
    );
    // The alarm details path is judged with the rest, and adds no finding.
    for (const type of [T.lambdaFunction, T.eventRule, T.role]) {
      assert.ok(result.stdout.includes(`${type} cis-monitoring-dev-alert-details\n`), type);
    }
    // So is the delivery alarm, whose LessThanThreshold no CIS alarm may have.
    assert.match(
      result.stdout,
      /aws:cloudwatch\/metricAlarm:MetricAlarm cis-monitoring-dev-delivery-alarm {2}AWS\/Logs\/IncomingLogEvents Sum < 1 per 3600 s, 1 period\(s\)\n/,
    );
    for (const policy of [...ALL_MONITORED, ADVISORIES, DELIVERY, HARDENING]) {
      assert.match(result.stdout, new RegExp(`\n  ✔ ${policy} \\[(mandatory|advisory)\\] passed\n`));
    }
    assert.match(result.stdout, /\n✔ Passed: no mandatory policy violations\.\n$/);
  });

  it("fails a team's program with a trail and filter but no alarm, naming the trail and the missing alarm", async () => {
    const result = await runs.withoutAlarm;
    exited(result, 1);
    assert.match(
      result.stdout,
      new RegExp(
        `✖ ${MONITORED} \\[mandatory\\] 1 violation\n      mandatory: aws:cloudtrail/trail:Trail audit-trail\n`,
      ),
    );
    assert.match(
      result.stdout,
      /Trail 'audit-trail' is not monitored for unauthorized API calls \(CIS 3\.1\/4\.1\/5\.1, Security Hub CloudWatch\.2\): .* but no alarm watches it \(add an aws\.cloudwatch\.MetricAlarm/,
    );
    // The fixture's trail is not hardened either: no KMS key, no public access block, no access logging.
    assert.match(result.stdout, new RegExp(`✖ ${HARDENING} \\[advisory\\] 3 violations\n`));
    // It monitors one CIS control of fifteen: each of the others fails on its own; beyond CIS, it
    // lacks monitoring-changes and a delivery alarm, each an advisory.
    assert.match(result.stdout, new RegExp(`✖ ${DELIVERY} \\[advisory\\] 1 violation\n`));
    assert.match(result.stdout, /\n✖ Failed: 15 mandatory policy violations, 5 advisory\.\n$/);
  });

  it("prints one small JSON document: verdict, policy results, and resources by URN with their provider", async () => {
    const result = await runs.withoutAlarmJson;
    exited(result, 1);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      { ...report.verdict, summary: undefined },
      {
        status: "failed",
        exitCode: 1,
        summary: undefined,
        mandatoryViolations: CIS_CONTROLS.length,
        advisoryViolations: 5,
        notExpanded: [],
        unknownStackOutputs: [],
      },
    );
    assert.equal(
      report.verdict.summary,
      `Failed: ${CIS_CONTROLS.length} mandatory policy violations, 5 advisory.`,
    );
    assert.deepEqual(
      report.policies.map((p: { name: string; status: string }) => [p.name, p.status]),
      [
        ...ALL_MONITORED.map((name) => [name, "failed"]),
        [ADVISORIES, "passed"],
        [DELIVERY, "failed"],
        [HARDENING, "failed"],
      ],
    );
    assert.match(report.policies[0].violations[0].urn, /aws:cloudtrail\/trail:Trail::audit-trail$/);
    const resources: JsonResource[] = report.resources;
    const provider = resources.find((r) => r.type === "pulumi:providers:aws")!;
    assert.deepEqual(provider.properties, { region: "eu-west-1", version: AWS_VERSION });
    const filter = resources.find((r) => r.type === T.filter)!;
    assert.equal(filter.provider, provider.urn);
    assert.equal(
      filter.properties!.pattern,
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    );
    // Only what a user or CI reads: no wire encoding, a few hundred characters a resource.
    const size = JSON.stringify(resources).length;
    assert.ok(size < 600 * resources.length, `${size} characters for ${resources.length} resources`);
    assert.doesNotMatch(result.stdout, /fieldsMap|kindCase|4dabf18193072939515e22adb298388d/);
  });

  it("lowers a policy to advisory with --policy-pack-config, as `pulumi preview` does", async () => {
    const result = await runs.advisory;
    exited(result, 0);
    assert.match(result.stdout, /✔ Passed: no mandatory policy violations, 20 advisory\.\n$/);
  });
});
