import { strict as assert } from "assert";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CONTROLS } from "../../policy/catalog";
import {
  assertNoStackTrace,
  CommandResult,
  exited,
  neverShown,
  nodeArguments,
  startCommand,
} from "../helpers/cli";
import { ROOT, T } from "../helpers/program";
import { passphraseStack } from "../helpers/secrets";
import { tempFile, tempFiles } from "../helpers/state";

const MONITORED = `${CONTROLS[0].id}-monitored`;
const ADVISORIES = "cis-monitoring-advisories";
const HARDENING = "trail-hardening";
const ALL_MONITORED = CONTROLS.map((c) => `${c.id}-monitored`);
const FIXTURES = path.join(ROOT, "tests/fixtures");
const fixture = (name: string) => path.join(FIXTURES, name);

/** Asserts a user error on stderr, with no stack trace and nothing on stdout. */
function failedWith(result: CommandResult, message: RegExp): void {
  exited(result, 2);
  assert.match(result.stderr, message);
  assertNoStackTrace(result);
  assert.equal(result.stdout, "");
}

interface JsonResource {
  urn: string;
  type: string;
  name: string;
  provider?: string;
  properties?: Record<string, unknown>;
}

describe("npm start: the program and the policy pack together, offline", () => {
  let runs: Record<string, Promise<CommandResult>>;
  before(() => {
    const program = (name: string, ...args: string[]) =>
      startCommand("start", ["--program", fixture(name), ...args]);
    runs = {
      dev: startCommand("start", []),
      withoutAlarm: program("trail-without-alarm"),
      withoutAlarmJson: program("trail-without-alarm", "--json"),
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
      /^Stack dev \(program infra, previewed offline\)\n\nResources \(69\)\n {2}pulumi:pulumi:Stack cis-monitoring-dev\n/,
    );
    assert.match(
      result.stdout,
      /aws:cloudwatch\/logMetricFilter:LogMetricFilter cis-monitoring-dev-unauthorized-api-calls {2}pattern \{\(\$\.errorCode="\*UnauthorizedOperation"\) \|\| \(\$\.errorCode="AccessDenied\*"\)\} → CloudTrailMetrics\/AuthorizationFailureCount/,
    );
    assert.match(
      result.stdout,
      /aws:cloudwatch\/metricAlarm:MetricAlarm cis-monitoring-dev-unauthorized-api-calls {2}CloudTrailMetrics\/AuthorizationFailureCount Sum >= 1 per 300 s, 1 period\(s\)/,
    );
    assert.match(result.stdout, /\n {2}pulumi:providers:aws default_7_48_0 {2}region us-east-1\n/);
    for (const policy of [...ALL_MONITORED, ADVISORIES, HARDENING]) {
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
    // It monitors one control of fifteen: each of the others fails on its own.
    assert.match(result.stdout, /\n✖ Failed: 15 mandatory policy violations, 3 advisory\.\n$/);
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
        mandatoryViolations: CONTROLS.length,
        advisoryViolations: 3,
        notExpanded: [],
      },
    );
    assert.equal(
      report.verdict.summary,
      `Failed: ${CONTROLS.length} mandatory policy violations, 3 advisory.`,
    );
    assert.deepEqual(
      report.policies.map((p: { name: string; status: string }) => [p.name, p.status]),
      [...ALL_MONITORED.map((name) => [name, "failed"]), [ADVISORIES, "passed"], [HARDENING, "failed"]],
    );
    assert.match(report.policies[0].violations[0].urn, /aws:cloudtrail\/trail:Trail::audit-trail$/);
    const resources: JsonResource[] = report.resources;
    const provider = resources.find((r) => r.type === "pulumi:providers:aws")!;
    assert.deepEqual(provider.properties, { region: "eu-west-1", version: "7.48.0" });
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
    assert.match(result.stdout, /✔ Passed: no mandatory policy violations, 18 advisory\.\n$/);
  });
});

describe("npm start --program: teams' programs as they are written", () => {
  let runs: Record<string, Promise<CommandResult>>;
  before(() => {
    const program = (name: string, ...args: string[]) =>
      startCommand("start", ["--program", fixture(name), ...args]);
    runs = {
      awsx: program("awsx-trail", "--json"),
      awsxText: program("awsx-trail"),
      resourceAsId: program("resource-as-id"),
      policyDocument: program("policy-document"),
      projectConfig: program("project-config", "--json"),
      ownFiles: program("own-files"),
      esm: program("esm-program"),
      twoRegions: program(
        "two-regions",
        "--policy-pack-config",
        tempFile("one-control.json", { all: "disabled", [MONITORED]: "mandatory" }),
      ),
    };
  });

  it("checks each region of a program with a provider per region: fails the region nobody monitors", async () => {
    const result = await runs.twoRegions;
    exited(result, 1);
    assert.match(
      result.stdout,
      new RegExp(
        `✖ ${MONITORED} \\[mandatory\\] 1 violation\n {6}mandatory: aws:cloudtrail/trail:Trail eu-west-1-trail\n`,
      ),
    );
    assert.match(
      result.stdout,
      /Trail 'eu-west-1-trail' is not monitored for unauthorized API calls .*: it delivers to log group 'cloudtrail', but no metric filter is on that log group .*; metric filter 'unauthorized-api-calls' has the right pattern but is on log group 'cloudtrail' \(resource 'us-east-1-logs'\) in us-east-1; the trail delivers to 'cloudtrail' in eu-west-1\.\n/,
    );
  });

  it("does not pass a stack whose trail a provider plugin builds: incomplete, exit 3, naming the component", async () => {
    const text = await runs.awsxText;
    exited(text, 3);
    assert.match(
      text.stdout,
      /\n\? Incomplete: 1 component not expanded offline: awsx:cloudtrail:Trail 'with-logs'\. A provider plugin builds its resources, which only `pulumi preview --policy-pack policy` can check\.\n$/,
    );
    const json = await runs.awsx;
    exited(json, 3);
    const { verdict } = JSON.parse(json.stdout);
    assert.equal(verdict.status, "incomplete");
    assert.equal(verdict.exitCode, 3);
    assert.deepEqual(verdict.notExpanded, [
      {
        urn: "urn:pulumi:dev::awsx-trail::awsx:cloudtrail:Trail::with-logs",
        type: "awsx:cloudtrail:Trail",
        name: "with-logs",
      },
    ]);
  });

  it("takes a resource where an ID is expected, as the engine does, including every awsx 0.x component", async () => {
    const result = await runs.resourceAsId;
    exited(result, 0);
    assert.match(result.stdout, /aws:iam\/rolePolicyAttachment:RolePolicyAttachment reader-readonly\n/);
    assert.match(result.stdout, /awsx:x:ec2:Vpc network\n/);
    assert.match(result.stdout, /aws:ec2\/subnet:Subnet network-public-1\n/);
  });

  it("runs a program that builds its bucket policy with aws.iam.getPolicyDocument, in both forms", async () => {
    const result = await runs.policyDocument;
    exited(result, 0);
    assert.match(result.stdout, /aws:s3\/bucketPolicy:BucketPolicy trail-bucket\n/);
  });

  it("uses config from Pulumi.yaml for a stack without a stack file, and gives each resource its provider", async () => {
    const result = await runs.projectConfig;
    exited(result, 0);
    const report = JSON.parse(result.stdout);
    assert.match(
      report.notes.noStackFile,
      /^no Pulumi\.dev\.yaml in .*project-config: the stack has the project's config only$/,
    );
    const resources: (JsonResource & { summary: string })[] = report.resources;
    const byName = (name: string) => resources.find((r) => r.name === name)!;
    assert.equal(byName("audit-logs").summary, "retention 400 days");
    assert.deepEqual(byName("default_7_48_0").properties, { region: "eu-west-1", version: "7.48.0" });
    assert.equal(byName("audit-logs").provider, byName("default_7_48_0").urn);
    assert.equal(byName("frankfurt").summary, "region eu-central-1");
    assert.equal(byName("audit-logs-copy").provider, byName("frankfurt").urn);
  });

  it("runs a program in its own folder, where it reads its files", async () => {
    const result = await runs.ownFiles;
    exited(result, 0);
    assert.match(result.stdout, /aws:s3\/bucketPolicy:BucketPolicy evidence\n/);
  });

  it("runs a TypeScript program that is an ES module", async () => {
    const result = await runs.esm;
    exited(result, 0);
    assert.match(result.stdout, /aws:cloudwatch\/logGroup:LogGroup audit-logs {2}retention 365 days\n/);
  });
});

describe("npm start --program with secret config", () => {
  const EMAIL = "on-call-7f3a@teams.example.org";
  const ACCESS_KEY = "AKIAOFFLINEEXAMPLE42";
  let runs: Record<string, Promise<CommandResult>>;
  before(function () {
    this.timeout(20_000); // two rounds of PBKDF2
    const passphrase = "correct horse battery staple";
    const secure = passphraseStack(passphrase);
    const project = tempFiles({
      "Pulumi.yaml": `name: secure-config\nruntime: nodejs\nmain: ${fixture("secure-config")}\n`,
      "Pulumi.dev.yaml": [
        `encryptionsalt: ${secure.salt}`,
        "config:",
        "  aws:region: eu-west-1",
        "  aws:accessKey:",
        `    secure: ${secure.encrypt(ACCESS_KEY)}`,
        "  secure-config:onCallEmail:",
        `    secure: ${secure.encrypt(EMAIL)}`,
        "",
      ].join("\n"),
      passphrase: passphrase,
    });
    runs = {
      locked: startCommand("start", ["--program", project]),
      opened: startCommand("start", ["--program", project, "--json"], {
        env: { PULUMI_CONFIG_PASSPHRASE_FILE: path.join(project, "passphrase") },
      }),
      openedText: startCommand("start", ["--program", project], {
        env: { PULUMI_CONFIG_PASSPHRASE: passphrase },
      }),
      wrong: startCommand("start", ["--program", project], {
        env: { PULUMI_CONFIG_PASSPHRASE: "tr0ub4dor&3" },
      }),
    };
  });

  it("runs without the passphrase, with the secrets unknown and named", async () => {
    const result = await runs.locked;
    exited(result, 0);
    assert.match(
      result.stdout,
      /\nNotes\n {2}secret config values unknown: aws:accessKey, secure-config:onCallEmail \(the stack's passphrase was not given: set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE\)\n/,
    );
    assert.match(result.stdout, /TopicSubscription on-call {2}email \[secret\]\n/);
    assert.match(result.stdout, /TopicSubscription backup {2}email \(known after deployment\)\n/);
  });

  it("decrypts them with the passphrase, as the CLI does, and never prints them", async () => {
    const json = await runs.opened;
    exited(json, 0);
    neverShown(json, EMAIL, ACCESS_KEY);
    const report = JSON.parse(json.stdout);
    assert.equal(report.notes.unknownConfig, undefined);
    const resources: JsonResource[] = report.resources;
    const endpoints = resources
      .filter((r) => r.type === T.subscription)
      .map((r) => [r.name, r.properties!.endpoint]);
    assert.deepEqual(endpoints, [
      ["backup", "[secret]"],
      ["on-call", "[secret]"],
    ]);
    const provider = resources.find((r) => r.type === "pulumi:providers:aws")!;
    assert.deepEqual(provider.properties, { region: "eu-west-1", accessKey: "[secret]", version: "7.48.0" });

    const text = await runs.openedText;
    exited(text, 0);
    neverShown(text, EMAIL, ACCESS_KEY);
    assert.match(text.stdout, /TopicSubscription backup {2}email \[secret\]\n/);
    assert.doesNotMatch(text.stdout, /Notes/);
  });

  it("stops on a wrong passphrase, as the CLI does", async () => {
    failedWith(
      await runs.wrong,
      /^error: incorrect passphrase: PULUMI_CONFIG_PASSPHRASE \(or PULUMI_CONFIG_PASSPHRASE_FILE\) does not open this stack's secrets\n$/,
    );
  });
});

describe("npm start with programs that cannot run offline, and bad invocations", () => {
  const oldSdk = () => {
    const dir = tempFiles({
      "Pulumi.yaml": "name: old-sdk\nruntime: nodejs\nmain: index.js\n",
      "index.js": 'require("@pulumi/pulumi");\n',
    });
    fs.mkdirSync(path.join(dir, "node_modules/@pulumi/pulumi"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "node_modules/@pulumi/pulumi/package.json"),
      '{"name":"@pulumi/pulumi","version":"2.25.2"}',
    );
    return dir;
  };
  // usage: the usage follows the message, for a command line that cannot be read.
  const cases: { name: string; args: () => string[]; message: RegExp; usage?: boolean }[] = [
    {
      name: "an unknown option",
      args: () => ["--stak", "prod"],
      message: /^Unknown option '--stak'/,
      usage: true,
    },
    {
      name: "a Python project",
      args: () => ["--program", fixture("python-project")],
      message:
        /^error: python-project is a python project, and only Node\.js programs can run offline: run `pulumi preview --policy-pack policy` with the CLI, or check the stack's export with `pulumi stack export \| npm start -- --state -`\n$/,
    },
    {
      name: "a program whose @pulumi/pulumi is older than offline runs support",
      args: () => ["--program", oldSdk()],
      message:
        /^error: the program uses @pulumi\/pulumi 2\.25\.2 \(.*node_modules\/@pulumi\/pulumi\), and offline runs need 3\.0\.0 or later: update it with `npm install @pulumi\/pulumi@latest`\n$/,
    },
    {
      name: "a program that throws, naming its file and line",
      args: () => ["--program", fixture("program-throws")],
      message:
        /^error: the program failed at index\.ts:3: Error: no team to alert: set at least one address\n$/,
    },
    {
      name: "a program calling AWS in a way no offline run can answer",
      args: () => ["--program", fixture("unanswered-invoke")],
      message:
        /^error: the program calls aws:ec2\/getVpc:getVpc, which reads from the cloud and cannot be answered offline \(answered offline: aws\.iam\.getPolicyDocument, .*\); run `pulumi preview --policy-pack policy` with the CLI, or check the deployed stack with --state\n$/,
    },
    {
      name: "a folder that is no Pulumi project",
      args: () => ["--program", path.join(ROOT, "tests")],
      message: /^error: .*tests is not a Pulumi project: it has no Pulumi\.yaml\n$/,
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
      name: "bad stack config, with the program's own message",
      args: () => [
        "--program",
        tempFiles({
          "Pulumi.yaml": `name: cis-monitoring\nruntime: nodejs\nmain: ${path.join(ROOT, "infra")}\n`,
          "Pulumi.dev.yaml": "config:\n  cis-monitoring:alarm:\n    threshold: 0\n",
        }),
      ],
      message:
        /^error: Invalid stack config cis-monitoring:alarm\.threshold: 0 must be >= 1\. Allowed: .*Fix it in Pulumi\.<stack>\.yaml/,
    },
    {
      name: "a stack without a file whose program needs config, with the program's own message",
      args: () => ["--stack", "prod"],
      message: /^error: Invalid stack config cis-monitoring:alertEmails/,
    },
  ];
  let runs: Promise<CommandResult>[];
  before(() => {
    runs = cases.map(({ args }) => startCommand("start", args()));
  });
  cases.forEach(({ name, message, usage = false }, i) => {
    it(`exits 2 on ${name}, with ${usage ? "a clear message and the usage" : "one clear line"}`, async () => {
      const result = await runs[i];
      failedWith(result, message);
      assert.equal(/\n\nusage: npm start -- \[options\]\n/.test(result.stderr), usage, result.stderr);
    });
  });
});

describe("npm start when interrupted", () => {
  /** The process ids of `pid`'s children. */
  const childrenOf = (pid: number) =>
    execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter(([, ppid]) => ppid === pid)
      .map(([child]) => child);
  // A process that ended but was not yet reaped by its new parent counts as ended.
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return false;
    }
  };

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`leaves no program or policy pack running after ${signal}`, async () => {
      const run: ChildProcess = spawn(
        process.execPath,
        nodeArguments("start", ["--program", fixture("trail-without-alarm")]),
        { cwd: ROOT, stdio: "ignore" },
      );
      let children: number[] = [];
      // Wait until both the program and the policy pack run.
      for (let i = 0; i < 600 && children.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        children = childrenOf(run.pid!);
      }
      assert.equal(children.length, 2, "program and policy pack started");
      const exit = new Promise<number | null>((resolve) => run.on("exit", (code) => resolve(code)));
      run.kill(signal);
      assert.equal(await exit, signal === "SIGTERM" ? 143 : 130);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(children.filter(alive), []);
    });
  }
});
