import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CommandResult, exited, neverShown, startCommand } from "../helpers/cli";
import { failedWith, fixture, JsonResource, misbehaving } from "../helpers/preview";
import { AWS_VERSION, T } from "../helpers/program";
import { passphraseStack } from "../helpers/secrets";
import { tempFiles } from "../helpers/temp-files";

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
    assert.deepEqual(provider.properties, {
      region: "eu-west-1",
      accessKey: "[secret]",
      version: AWS_VERSION,
    });

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

describe("npm start --program never shows a secret, whether the program succeeds or fails", () => {
  const TOKEN = "tk-5e0c1d8a-hunter2";
  const SECRET_NAME = "audit-logs-7c41e9d2"; // tests/fixtures/secret-names's pulumi.secret()
  let runs: Record<string, Promise<CommandResult>>;
  before(function () {
    this.timeout(20_000); // PBKDF2
    const passphrase = "correct horse battery staple";
    const secure = passphraseStack(passphrase);
    const failing = (how: string) => {
      const project = misbehaving(how, { token: `\n    secure: ${secure.encrypt(TOKEN)}` });
      fs.appendFileSync(path.join(project, "Pulumi.dev.yaml"), `encryptionsalt: ${secure.salt}\n`);
      return startCommand("start", ["--program", project], { env: { PULUMI_CONFIG_PASSPHRASE: passphrase } });
    };
    runs = {
      throws: failing("throw-secret"),
      prints: failing("print-secret-and-fail"),
      violations: startCommand("start", ["--program", fixture("secret-names")]),
      violationsJson: startCommand("start", ["--program", fixture("secret-names"), "--json"]),
    };
  });

  it("masks a decrypted config secret in the error of a program that throws it, or prints it and fails", async () => {
    const throws = await runs.throws;
    failedWith(throws, /^error: the program failed at index\.ts:\d+: Error: token \[secret\] was refused\n$/);
    neverShown(throws, TOKEN);
    const prints = await runs.prints;
    failedWith(
      prints,
      /^error: the program exited with code 1 before it finished; it printed:\ntoken: \[secret\]\n$/,
    );
    neverShown(prints, TOKEN);
  });

  it("masks the program's pulumi.secret() values in the pack's messages, as in the resources", async () => {
    const text = await runs.violations;
    exited(text, 1);
    neverShown(text, SECRET_NAME);
    assert.match(
      text.stdout,
      /it delivers to log group '\[secret\]', but no metric filter is on that log group/,
    );
    const json = await runs.violationsJson;
    exited(json, 1);
    neverShown(json, SECRET_NAME);
    const report = JSON.parse(json.stdout);
    assert.match(report.policies[0].violations[0].message, /log group '\[secret\]'/);
  });
});
