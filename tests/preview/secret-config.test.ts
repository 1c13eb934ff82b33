import { strict as assert } from "assert";
import * as path from "path";
import { CommandResult, exited, neverShown, startCommand } from "../helpers/cli";
import { failedWith, fixture, JsonResource } from "../helpers/preview";
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
