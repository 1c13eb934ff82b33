import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CommandResult, startCommand } from "../helpers/cli";
import { ADVISORIES, failedWith, fixture } from "../helpers/preview";
import { ROOT } from "../helpers/program";
import { tempFile, tempFiles } from "../helpers/temp-files";

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
      message: /^unknown option --stak \(did you mean --stack\?\)\n/,
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
      name: "stack reference outputs with --state, which runs no program",
      args: () => ["--state", "x.json", "--stack-reference-outputs", "o.json"],
      message:
        /^error: --stack-reference-outputs is for a program's StackReferences, and --state runs no program\n$/,
    },
    {
      name: "a policy config naming no policy of the pack",
      args: () => ["--policy-pack-config", tempFile("c.json", { "no-such-policy": "advisory" })],
      message:
        /^error: .*c\.json: 'no-such-policy' is not a policy of pack cis-monitoring; its policies: unauthorized-api-calls-monitored, .*, organizations-changes-monitored, monitoring-changes-monitored, cis-monitoring-advisories, delivery-alarm, trail-hardening\n$/,
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
        /^error: Invalid stack config cis-monitoring:alarm\.threshold: 0 must be >= 1\. Allowed: .*Fix it in Pulumi\.dev\.yaml or with `pulumi config set --path alarm\.threshold <value>`\.\n$/,
    },
    {
      name: "a stack without a file whose program needs config, with the program's own message and the stacks there are",
      args: () => ["--stack", "prod"],
      message:
        /^error: Invalid stack config cis-monitoring:alertEmails: .* Fix it in Pulumi\.prod\.yaml or with `pulumi config set --path alertEmails <value>`\.\nnote: the stack prod has no Pulumi\.prod\.yaml in .* \(stacks here: dev\): the program ran with the project's config only\n$/,
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
