import { strict as assert } from "assert";
import * as path from "path";
import { CONTROLS } from "../../policy/catalog";
import { runCommand } from "../helpers/cli";
import { ROOT, runProgram, T } from "../helpers/program";
import { stackExport, tempFile, tempFiles } from "../helpers/state";

const MONITORED = `${CONTROLS[0].id}-monitored`;
const ADVISORIES = "cis-monitoring-advisories";
const HARDENING = "trail-hardening";
const FIXTURES = path.join(ROOT, "tests/fixtures");

describe("npm start: the program and the policy pack together, offline", () => {
  it("previews this project's dev stack and reports every policy as passed", () => {
    const result = runCommand("start", []);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Stack dev \(program infra, previewed offline\)\n\nResources \(68\)\n {2}pulumi:pulumi:Stack cis-monitoring-dev\n/,
    );
    assert.match(
      result.stdout,
      /aws:cloudwatch\/logMetricFilter:LogMetricFilter cis-monitoring-dev-unauthorized-api-calls {2}pattern \{\(\$\.errorCode="\*UnauthorizedOperation"\) \|\| \(\$\.errorCode="AccessDenied\*"\)\} → CloudTrailMetrics\/AuthorizationFailureCount/,
    );
    assert.match(
      result.stdout,
      /aws:cloudwatch\/metricAlarm:MetricAlarm cis-monitoring-dev-unauthorized-api-calls {2}CloudTrailMetrics\/AuthorizationFailureCount Sum >= 1 per 300 s, 1 period\(s\)/,
    );
    for (const policy of [...CONTROLS.map((c) => `${c.id}-monitored`), ADVISORIES, HARDENING]) {
      assert.match(result.stdout, new RegExp(`\n  ✔ ${policy} \\[(mandatory|advisory)\\] passed\n`));
    }
    assert.match(result.stdout, /\n✔ Passed: no mandatory policy violations\.\n$/);
  });

  it("fails a team's program with a trail and filter but no alarm, naming the trail and the missing alarm", () => {
    const result = runCommand("start", ["--program", path.join(FIXTURES, "trail-without-alarm")]);
    assert.equal(result.status, 1, result.stderr);
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
    assert.match(
      result.stdout,
      /Trail 'audit-trail' lacks access logging on its bucket \(CIS v1\.2 2\.6, v1\.4 3\.6, Security Hub CloudTrail\.7\): its bucket 'audit-bucket' does not log access/,
    );
    // It monitors one control of fifteen: each of the others fails on its own.
    assert.match(result.stdout, /\n✖ Failed: 15 mandatory policy violations, 3 advisory\.\n$/);
  });

  it("prints one JSON document with the same verdict as the text", () => {
    const failing = runCommand("start", ["--json", "--program", path.join(FIXTURES, "trail-without-alarm")]);
    assert.equal(failing.status, 1);
    const report = JSON.parse(failing.stdout);
    assert.deepEqual(report.verdict, { passed: false, mandatoryViolations: 15, advisoryViolations: 3 });
    assert.deepEqual(
      report.policies.map((p: { name: string; status: string }) => [p.name, p.status]),
      [
        ...CONTROLS.map((c) => [`${c.id}-monitored`, "failed"]),
        [ADVISORIES, "passed"],
        [HARDENING, "failed"],
      ],
    );
    assert.match(report.policies[0].violations[0].urn, /aws:cloudtrail\/trail:Trail::audit-trail$/);
    assert.ok(report.resources.some((r: { type: string }) => r.type === T.filter));

    const passing = JSON.parse(runCommand("start", ["--json"]).stdout);
    assert.deepEqual(passing.verdict, { passed: true, mandatoryViolations: 0, advisoryViolations: 0 });
  });

  it("lowers a policy to advisory with --policy-pack-config, as `pulumi preview` does", () => {
    const config = tempFile("policy-config.json", { all: "advisory" });
    const result = runCommand("start", [
      "--program",
      path.join(FIXTURES, "trail-without-alarm"),
      "--policy-pack-config",
      config,
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /✔ Passed: no mandatory policy violations, 18 advisory\.\n$/);
  });
});

describe("npm start --state: checking a stack deployed elsewhere", () => {
  it("passes an export of this project's deployed stack, and fails it without the alarms' subscription", async () => {
    const deployed = await runProgram();
    const passing = runCommand("start", ["--state", tempFile("dev.json", stackExport(deployed.resources))]);
    assert.equal(passing.status, 0, passing.stderr);
    assert.match(passing.stdout, /^Stack dev \(state .*dev\.json\)/);
    assert.match(
      passing.stdout,
      /aws:cloudtrail\/trail:Trail cis-monitoring-dev-trail {2}multi-region yes, .* to arn:aws:logs:us-east-1:123456789012:log-group:cis-monitoring-dev-trail-logs-0a1b2c3:\*/,
    );

    const unsubscribed = deployed.resources.filter((r) => r.type !== T.subscription);
    const failing = runCommand("start", [
      "--json",
      "--state",
      tempFile("dev.json", stackExport(unsubscribed)),
    ]);
    assert.equal(failing.status, 1, failing.stderr);
    const report = JSON.parse(failing.stdout);
    assert.equal(report.verdict.mandatoryViolations, CONTROLS.length);
    assert.match(
      report.policies[0].violations[0].message,
      /topic 'cis-monitoring-dev-alarms' of alarm 'cis-monitoring-dev-unauthorized-api-calls' has no subscription in this stack/,
    );
  });
});

describe("npm start with bad invocations", () => {
  const cases: { name: string; args: () => string[]; message: RegExp }[] = [
    { name: "an unknown option", args: () => ["--stak", "prod"], message: /^Unknown option '--stak'/ },
    {
      name: "an unknown stack",
      args: () => ["--stack", "prod"],
      message: /^error: unknown stack 'prod': .*Pulumi\.prod\.yaml does not exist \(stacks here: dev\)\n$/,
    },
    {
      name: "a missing state file",
      args: () => ["--state", "missing.json"],
      message: /^error: cannot read missing\.json: ENOENT/,
    },
    {
      name: "a state file that is not JSON",
      args: () => ["--state", tempFile("s.json", "{ not json")],
      message: /^error: .*s\.json is not JSON: /,
    },
    {
      name: "a state file of another format",
      args: () => ["--state", tempFile("s.json", { checkpoint: { latest: {} } })],
      message:
        /^error: .*s\.json is not a `pulumi stack export` file: expected \{"version": 3, "deployment": \{"resources": \[\.\.\.\]\}\}\n$/,
    },
    {
      name: "both --state and --program",
      args: () => ["--state", "x.json", "--program", "."],
      message: /^error: --state and --program exclude each other/,
    },
    {
      name: "a policy config naming no policy of the pack",
      args: () => ["--policy-pack-config", tempFile("c.json", { "no-such-policy": "advisory" })],
      message:
        /^error: .*c\.json: 'no-such-policy' is not a policy of pack cis-monitoring; its policies: unauthorized-api-calls-monitored, .*, organizations-changes-monitored, cis-monitoring-advisories, trail-hardening\n$/,
    },
    {
      name: "a policy config with a wrong value",
      args: () => [
        "--policy-pack-config",
        tempFile("c.json", { [ADVISORIES]: { maxPeriodSeconds: "five minutes" } }),
      ],
      message: /^error: .*c\.json: cis-monitoring-advisories\.maxPeriodSeconds must be integer\n$/,
    },
    {
      name: "a program calling AWS in a way no offline run can answer",
      args: () => ["--program", path.join(FIXTURES, "unanswered-invoke")],
      message:
        /^error: the program calls aws:ec2\/getVpc:getVpc, which the offline run cannot answer; only caller identity, region, partition and availability zones are mocked\n$/,
    },
  ];
  for (const { name, args, message } of cases) {
    it(`exits 2 on ${name}, with one clear line`, () => {
      const result = runCommand("start", args());
      assert.equal(result.status, 2, result.stdout);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    });
  }

  it("exits 2 on bad stack config, with the program's own message", () => {
    const dir = tempFiles({
      "Pulumi.yaml": `name: cis-monitoring\nruntime: nodejs\nmain: ${path.join(ROOT, "infra")}\n`,
      "Pulumi.dev.yaml": "config:\n  cis-monitoring:alarm:\n    threshold: 0\n",
    });
    const result = runCommand("start", ["--program", dir]);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /^error: Invalid stack config cis-monitoring:alarm\.threshold: 0 must be >= 1\. Allowed: .*Fix it in Pulumi\.<stack>\.yaml/,
    );
  });
});
