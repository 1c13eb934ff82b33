import { strict as assert } from "assert";
import { CommandResult, exited, startCommand } from "../helpers/cli";
import { fixture, JsonResource, MONITORED } from "../helpers/preview";
import { tempFile } from "../helpers/temp-files";
import { AWS_VERSION, DEFAULT_AWS_PROVIDER } from "../helpers/program";

/** The stack tests/fixtures/stack-reference reads its alert topic from, and that topic. */
const SECURITY_STACK = "acme/security-alerts/prod";
const SECURITY_TOPIC = "arn:aws:sns:us-east-1:111122223333:security-alerts";

describe("npm start --program: teams' programs as they are written", () => {
  let runs: Record<string, Promise<CommandResult>>;
  before(() => {
    const program = (name: string, ...args: string[]) =>
      startCommand("start", ["--program", fixture(name), ...args]);
    // Started in the order the tests wait for them: two at a time, the first test's run comes first.
    runs = {
      twoRegions: program(
        "two-regions",
        "--policy-pack-config",
        tempFile("one-control.json", { all: "disabled", [MONITORED]: "mandatory" }),
      ),
      awsxText: program("awsx-trail"),
      awsx: program("awsx-trail", "--json"),
      resourceAsId: program("resource-as-id"),
      policyDocument: program("policy-document"),
      projectConfig: program("project-config", "--json"),
      ownFiles: program("own-files"),
      esm: program("esm-program"),
      stackReference: program("stack-reference", "--json"),
      stackReferenceGiven: program(
        "stack-reference",
        "--stack-reference-outputs",
        tempFile("outputs.json", { [SECURITY_STACK]: { alertTopicArn: SECURITY_TOPIC } }),
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
      /^the stack dev has no Pulumi\.dev\.yaml in .*project-config \(stacks here: none\): the program ran with the project's config only$/,
    );
    const resources: (JsonResource & { summary: string })[] = report.resources;
    const byName = (name: string) => resources.find((r) => r.name === name)!;
    assert.equal(byName("audit-logs").summary, "retention 400 days");
    assert.deepEqual(byName(DEFAULT_AWS_PROVIDER).properties, { region: "eu-west-1", version: AWS_VERSION });
    assert.equal(byName("audit-logs").provider, byName(DEFAULT_AWS_PROVIDER).urn);
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

  it("runs a program with a StackReference, its outputs unknown: incomplete, exit 3, naming what uses them", async () => {
    const result = await runs.stackReference;
    exited(result, 3);
    const { verdict } = JSON.parse(result.stdout);
    assert.equal(verdict.status, "incomplete");
    assert.equal(
      verdict.summary,
      `Incomplete: 19 resources use outputs of stack '${SECURITY_STACK}', unknown offline. Give them with --stack-reference-outputs FILE.`,
    );
    const [unknown] = verdict.unknownStackOutputs;
    assert.equal(unknown.stack, SECURITY_STACK);
    const users = (unknown.usedBy as JsonResource[]).map((r) => `${r.type} ${r.name}`);
    // The alarms notify the topic, and the alert details function publishes to it.
    assert.ok(
      users.includes("aws:cloudwatch/metricAlarm:MetricAlarm monitoring-unauthorized-api-calls"),
      users.join("\n"),
    );
    assert.ok(
      users.includes("aws:cloudwatch/metricAlarm:MetricAlarm monitoring-delivery-alarm"),
      users.join("\n"),
    );
    assert.ok(!users.some((u) => u.startsWith("aws:cloudtrail/trail:Trail")), users.join("\n"));
  });

  it("runs it with the outputs given in a file, and judges them", async () => {
    const result = await runs.stackReferenceGiven;
    exited(result, 0);
    assert.match(
      result.stdout,
      new RegExp(
        `alarm 'monitoring-unauthorized-api-calls' notifies topic ${SECURITY_TOPIC}, defined outside this stack`,
      ),
    );
    assert.match(result.stdout, /\n✔ Passed: no mandatory policy violations, 16 advisory\.\n$/);
  });
});
