import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CIS_CONTROLS } from "../../policy/catalog";
import { RESOURCE_REFERENCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_WIRE } from "../../lib/pulumi/property-values";
import { exportToWire } from "../../preview/export/values";
import { CommandResult, exited, neverShown, startCommand } from "../helpers/cli";
import { DEFAULT_AWS_PROVIDER, runProgram, T } from "../helpers/program";
import { passphraseStack } from "../helpers/secrets";
import { ExportedResource, StackExport, stackExport } from "../helpers/stack-export";
import { failedWith } from "../helpers/preview";
import { temporaryFolder, tempFile } from "../helpers/temp-files";

const SECRET_EMAIL = "oncall-2b9c@secops.example.net";
/** Escape sequences that would erase a line and write a green verdict over it. */
const FORGED = "\u001b[2K\r\u001b[32m✔ Passed: no mandatory policy violations.\u001b[39m";
const ESCAPED = "\\u001b[2K\\r\\u001b[32m✔ Passed: no mandatory policy violations.\\u001b[39m";
const PASSPHRASE = "hunter2 but longer";

const secret = (value: Record<string, string>) => ({ [SIG_KEY]: SECRET_SIG, ...value });
const reference = (urn: string, id?: string) => ({
  [SIG_KEY]: RESOURCE_REFERENCE_SIG,
  urn,
  ...(id === undefined ? {} : { id }),
});

describe("npm start --state: checking a stack deployed elsewhere", () => {
  let runs: Record<string, Promise<CommandResult>>;
  let pattern: string;
  before(async function () {
    this.timeout(60_000);
    const deployed = await runProgram();
    const exported = () => stackExport(deployed.resources);
    const one = (e: StackExport, type: string) => e.deployment.resources.find((r) => r.type === type)!;
    const state = (e: object, ...args: string[]) =>
      startCommand("start", ["--state", tempFile("dev.json", e), ...args]);

    const withSecrets = exported();
    const subscription = one(withSecrets, T.subscription);
    subscription.inputs.endpoint = subscription.outputs.endpoint = secret({
      plaintext: JSON.stringify(SECRET_EMAIL),
    });
    const filter = one(withSecrets, T.filter);
    pattern = filter.outputs.pattern as string;
    filter.inputs.pattern = filter.outputs.pattern = secret({
      ciphertext: "v1:AAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBBBBBBBB",
    });

    const lock = passphraseStack(PASSPHRASE);
    const withPassphrase = exported();
    withPassphrase.deployment.secrets_providers = { type: "passphrase", state: { salt: lock.salt } };
    const locked = one(withPassphrase, T.filter);
    locked.inputs.pattern = locked.outputs.pattern = secret({
      ciphertext: lock.encrypt(JSON.stringify(pattern)),
    });

    const leaving = exported();
    one(leaving, T.subscription).delete = true;
    one(leaving, T.trail).pendingReplacement = true;
    const interrupted: ExportedResource = {
      ...one(leaving, T.subscription),
      urn: one(leaving, T.subscription).urn.replace(/::[^:]+$/, "::pager"),
    };
    delete interrupted.delete;
    leaving.deployment.pending_operations = [{ type: "creating", resource: interrupted }];

    // An interrupted create-before-delete replacement of the trail, in a stack that lost its alarms.
    const replacing = exported();
    replacing.deployment.resources = replacing.deployment.resources.filter((r) => r.type !== T.alarm);
    replacing.deployment.pending_operations = [
      { type: "creating", resource: { ...one(replacing, T.trail) } },
    ];

    // Names that would redraw a terminal: a trail's, and a C1 control sequence in a topic's.
    const forging = exported();
    forging.deployment.resources = forging.deployment.resources.filter((r) => r.type !== T.alarm);
    one(forging, T.trail).urn += FORGED;
    one(forging, T.topic).urn += "\u009b2J";

    const referenced = exported();
    const topic = one(referenced, T.topic);
    one(referenced, T.alarm).outputs.alarmActions = [reference(topic.urn, topic.outputs.arn as string)];
    const logGroup = one(referenced, T.logGroup);
    one(referenced, T.filter).outputs.logGroupName = reference(logGroup.urn, logGroup.id);

    runs = {
      deployed: state(exported()),
      unsubscribed: state(
        {
          ...exported(),
          deployment: {
            ...exported().deployment,
            resources: exported().deployment.resources.filter((r) => r.type !== T.subscription),
          },
        },
        "--json",
      ),
      secrets: state(withSecrets),
      secretsJson: state(withSecrets, "--json"),
      passphrase: startCommand("start", ["--state", tempFile("dev.json", withPassphrase)], {
        env: { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
      }),
      leaving: state(leaving),
      replacing: state(replacing),
      forging: state(forging),
      forgingJson: state(forging, "--json"),
      forgingName: startCommand("start", ["--state", `missing${FORGED}.json`]),
      stdin: startCommand("start", ["--state", "-"], { input: JSON.stringify(referenced) }),
    };
  });

  it("passes an export of this project's deployed stack, each resource with its provider", async () => {
    const result = await runs.deployed;
    exited(result, 0);
    assert.match(result.stdout, /^Stack dev \(state .*dev\.json\)/);
    assert.match(
      result.stdout,
      /aws:cloudtrail\/trail:Trail cis-monitoring-dev-trail {2}multi-region yes, .* to arn:aws:logs:us-east-1:123456789012:log-group:cis-monitoring-dev-trail-logs-0a1b2c3:\*/,
    );
    assert.match(
      result.stdout,
      new RegExp(`\n {2}pulumi:providers:aws ${DEFAULT_AWS_PROVIDER} {2}region us-east-1\n`),
    );
    assert.match(result.stdout, /\n✔ Passed: no mandatory policy violations\.\n$/);
  });

  it("fails it without the alarms' subscription", async () => {
    const result = await runs.unsubscribed;
    exited(result, 1);
    const report = JSON.parse(result.stdout);
    assert.equal(report.verdict.mandatoryViolations, CIS_CONTROLS.length);
    assert.match(
      report.policies[0].violations[0].message,
      /topic 'cis-monitoring-dev-alarms' of alarm 'cis-monitoring-dev-unauthorized-api-calls' has no subscription in this stack/,
    );
  });

  it("reads secrets as the engine sends them: shown values masked, undecryptable ones unknown", async () => {
    const text = await runs.secrets;
    exited(text, 0);
    neverShown(text, SECRET_EMAIL);
    assert.match(
      text.stdout,
      /TopicSubscription cis-monitoring-dev-alarms-secops@example\.com {2}email \[secret\]\n/,
    );
    assert.match(
      text.stdout,
      /LogMetricFilter cis-monitoring-dev-unauthorized-api-calls {2}pattern \[secret\] →/,
    );
    assert.match(
      text.stdout,
      /\nNotes\n {2}1 secret value unknown \(encrypted by the stack's secrets provider \(service\), which only the Pulumi CLI can open\)\n/,
    );
    // An unknown pattern cannot be judged: the pack says so instead of failing or passing it.
    assert.match(text.stdout, /cannot be verified until deployment/);

    const json = await runs.secretsJson;
    exited(json, 0);
    neverShown(json, SECRET_EMAIL);
    const subscription = JSON.parse(json.stdout).resources.find(
      (r: { type: string }) => r.type === T.subscription,
    );
    assert.equal(subscription.properties.endpoint, "[secret]");
  });

  it("decrypts a passphrase stack's secrets with its passphrase, and the pack judges their values", async () => {
    const result = await runs.passphrase;
    exited(result, 0);
    neverShown(result, pattern);
    assert.match(result.stdout, /pattern \[secret\] → CloudTrailMetrics\/AuthorizationFailureCount/);
    assert.doesNotMatch(result.stdout, /Notes|cannot be verified/);
    assert.match(result.stdout, /\n✔ Passed: no mandatory policy violations\.\n$/);
  });

  it("judges the stack as the next update leaves it, saying what it left out", async () => {
    const result = await runs.leaving;
    exited(result, 1);
    assert.match(
      result.stdout,
      new RegExp(
        [
          "\nNotes",
          "  aws:sns/topicSubscription:TopicSubscription pager: left out: its creation was interrupted",
          "  aws:cloudtrail/trail:Trail cis-monitoring-dev-trail: judged as it will be recreated: deleted for replacement, not yet recreated",
          "  aws:sns/topicSubscription:TopicSubscription cis-monitoring-dev-alarms-secops@example.com: left out: replaced, and deleted by the next update\n",
        ].join("\n"),
      ),
    );
    assert.match(result.stdout, /has no subscription in this stack/);
  });

  it("keeps the live resource whose replacement's creation was interrupted, and judges it", async () => {
    const result = await runs.replacing;
    exited(result, 1);
    assert.match(
      result.stdout,
      /\nNotes\n {2}aws:cloudtrail\/trail:Trail cis-monitoring-dev-trail: left out: its creation was interrupted\n/,
    );
    assert.match(result.stdout, /─ aws:cloudtrail\/trail:Trail cis-monitoring-dev-trail {2}multi-region yes/);
    assert.match(
      result.stdout,
      new RegExp(`\n✖ Failed: ${CIS_CONTROLS.length} mandatory policy violations[.,]`),
    );
  });

  it("prints names from the export with their control characters escaped, in text, JSON and errors", async () => {
    const text = await runs.forging;
    exited(text, 1);
    assert.ok(!/[\r\u009b]/.test(text.stdout) && !text.stdout.includes("\u001b"), "no control characters");
    assert.ok(
      text.stdout.includes(`aws:cloudtrail/trail:Trail cis-monitoring-dev-trail${ESCAPED}  multi-region`),
    );
    assert.ok(text.stdout.includes(`Trail 'cis-monitoring-dev-trail${ESCAPED}' is not monitored`));
    assert.match(text.stdout, /aws:sns\/topic:Topic cis-monitoring-dev-alarms\\u009b2J {2}encrypted/);
    assert.match(text.stdout, /\n✖ Failed: /);

    const json = await runs.forgingJson;
    exited(json, 1);
    assert.ok(!/[\r\u009b]/.test(json.stdout) && !json.stdout.includes("\u001b"), "no control characters");
    const names = JSON.parse(json.stdout).resources.map((r: { name: string }) => r.name);
    assert.ok(
      names.includes(`cis-monitoring-dev-trail${FORGED}`) &&
        names.includes("cis-monitoring-dev-alarms\u009b2J"),
    );

    const error = await runs.forgingName;
    failedWith(error, /^error: cannot read missing.*: ENOENT/);
    assert.ok(error.stderr.includes(`missing${ESCAPED}.json`), error.stderr);
  });

  it("reads standard input, and takes resource references as the engine does: as IDs", async () => {
    const result = await runs.stdin;
    exited(result, 0);
    assert.match(result.stdout, /^Stack dev \(state standard input\)/);
    assert.match(result.stdout, /\n✔ Passed: no mandatory policy violations\.\n$/);
  });
});

describe("npm start --state with a file that is not a stack export", () => {
  const lock = passphraseStack(PASSPHRASE);
  const resource = { urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket" };
  const withSecret = (value: object, passphrase = false) => ({
    version: 3,
    deployment: {
      ...(passphrase ? { secrets_providers: { type: "passphrase", state: { salt: lock.salt } } } : {}),
      resources: [{ ...resource, outputs: { bucket: secret(value as Record<string, string>) } }],
    },
  });
  const cases: { name: string; content: string | object; message: RegExp; passphrase?: boolean }[] = [
    {
      name: "an export of another version",
      content: { version: 2, deployment: { resources: [] } },
      message:
        /^error: .*s\.json is a stack export of version 2; this reads version 3, which `pulumi stack export` of Pulumi 3 writes\n$/,
    },
    {
      name: "a backend checkpoint",
      content: { version: 3, checkpoint: { stack: "dev", latest: {} } },
      message:
        /^error: .*s\.json is a Pulumi checkpoint \(the backend's own state file\), not a stack export; write one with `pulumi stack export --file state\.json`\n$/,
    },
    {
      name: "a truncated export",
      content: '{"version": 3, "deployment": {"resources": [',
      message:
        /^error: .*s\.json is not JSON \(it ends too early: truncated\?\): .*; expected the JSON of `pulumi stack export`: \{"version": 3, "deployment": \{"resources": \[\.\.\.\]\}\}\n$/,
    },
    {
      name: "text that is not JSON, without quoting it",
      content: '{"version": 3, "deployment": {"resources": [{"outputs": {"token": hunter2-probe}}]}}',
      message:
        /^error: .*s\.json is not JSON: Unexpected token 'h'; expected the JSON of `pulumi stack export`/,
    },
    {
      name: "some other JSON",
      content: { resources: [] },
      message: /^error: .*s\.json is not a stack export: expected the JSON of `pulumi stack export`/,
    },
    {
      name: "a deployment that is a list",
      content: { version: 3, deployment: [] },
      message: /^error: .*s\.json is not a stack export: expected the JSON of `pulumi stack export`/,
    },
    {
      name: "resources that are null",
      content: { version: 3, deployment: { resources: null } },
      message:
        /^error: .*s\.json: deployment\.resources is not a list; expected the JSON of `pulumi stack export`/,
    },
    {
      name: "a pending operation of a type Pulumi does not write",
      content: { version: 3, deployment: { resources: [], pending_operations: [{ type: "x", resource }] } },
      message:
        /^error: .*s\.json: deployment\.pending_operations\[0\] has type "x"; Pulumi writes creating, updating, deleting, reading or importing\n$/,
    },
    {
      name: "a pending deletion that cannot be told from a live resource",
      content: {
        version: 3,
        deployment: { resources: [resource, resource], pending_operations: [{ type: "deleting", resource }] },
      },
      message:
        /^error: .*s\.json: deployment\.pending_operations\[0\] deletes urn:pulumi:dev::p::aws:s3\/bucket:Bucket::b, which is listed more than once: it cannot be told which one is going; run `pulumi refresh` and export the stack again\n$/,
    },
    {
      name: "a secret whose value is not JSON, without showing it",
      content: withSecret({ plaintext: "hunter2-probe" }),
      message:
        /^error: .*s\.json: outputs of urn:pulumi:dev::p::aws:s3\/bucket:Bucket::b: a secret's value is not JSON, as Pulumi writes secrets\n$/,
    },
    {
      name: "a secret that decrypts to something not JSON, without showing it",
      content: withSecret({ ciphertext: lock.encrypt("hunter2-probe") }, true),
      passphrase: true,
      message:
        /^error: .*s\.json: outputs of .*Bucket::b: a secret's decrypted value is not JSON, as Pulumi writes secrets\n$/,
    },
  ];
  let runs: Promise<CommandResult>[];
  let devices: Record<string, Promise<CommandResult>>;
  before(function () {
    this.timeout(20_000); // PBKDF2
    runs = [
      ...cases.map(({ content, passphrase }) =>
        startCommand("start", ["--state", tempFile("s.json", content)], {
          env: passphrase ? { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE } : {},
        }),
      ),
      startCommand("start", ["--state", "missing.json"]),
    ];
    const fifo = path.join(temporaryFolder("fifo"), "state.json");
    execFileSync("mkfifo", [fifo]);
    const huge = tempFile("huge.json", "");
    fs.truncateSync(huge, 500 * 1024 * 1024 + 1); // sparse: no disk, no time
    devices = {
      zero: startCommand("start", ["--state", "/dev/zero"]),
      fifo: startCommand("start", ["--state", fifo]),
      huge: startCommand("start", ["--state", huge]),
    };
  });
  cases.forEach(({ name, message }, i) => {
    it(`exits 2 on ${name}, saying what it is and what was expected`, async () => {
      const result = await runs[i];
      failedWith(result, message);
      neverShown(result, "hunter2-probe");
    });
  });
  it("exits 2 on a missing file", async () => {
    const result = await runs[cases.length];
    exited(result, 2);
    assert.match(result.stderr, /^error: cannot read missing\.json: ENOENT/);
  });
  it("reads only a regular file, up to 500 MiB, and standard input only as -", async () => {
    failedWith(
      await devices.zero,
      /^error: cannot read \/dev\/zero: it is a character device, not a regular file\n$/,
    );
    failedWith(await devices.fifo, /^error: cannot read .*state\.json: it is a FIFO, not a regular file\n$/);
    failedWith(
      await devices.huge,
      /^error: cannot read .*huge\.json: it is larger than 500 MiB, the most a stack export may be\n$/,
    );
  });
});

describe("stack export values on their way to the pack", () => {
  const context = { onSecret: () => undefined };
  it("turns resource references into the resource's ID, unknown when it has none yet, or a component's URN", () => {
    assert.deepEqual(
      exportToWire(
        {
          role: reference("urn:pulumi:dev::p::aws:iam/role:Role::r", "reader-role"),
          pending: reference("urn:pulumi:dev::p::aws:iam/role:Role::s", ""),
          parts: [reference("urn:pulumi:dev::p::my:index:Component::c")],
        },
        context,
      ),
      { role: "reader-role", pending: UNKNOWN_WIRE, parts: ["urn:pulumi:dev::p::my:index:Component::c"] },
    );
  });

  it("keeps secrets tagged, with the value the export shows or an unknown one", () => {
    const seen: unknown[] = [];
    assert.deepEqual(
      exportToWire(
        { shown: secret({ plaintext: '{"a":[1,"b"]}' }), hidden: secret({ ciphertext: "v1:x:y" }) },
        { onSecret: (v) => seen.push(v) },
      ),
      {
        shown: { [SIG_KEY]: SECRET_SIG, value: { a: [1, "b"] } },
        hidden: { [SIG_KEY]: SECRET_SIG, value: UNKNOWN_WIRE },
      },
    );
    assert.deepEqual(seen, [{ a: [1, "b"] }, undefined]);
  });
});
