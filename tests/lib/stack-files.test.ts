import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LimitedFileError, readLimitedFile } from "../../lib/pulumi/limited-file";
import { ProjectFile, ProjectFileError, readProjectFile } from "../../lib/pulumi/project";
import { existingStackConfig, stackConfig } from "../../lib/pulumi/stack-config";
import { passphraseStack } from "../helpers/secrets";
import { tempFiles } from "../helpers/temp-files";

const PROJECT = "name: files\nruntime: nodejs\n";

/** The project in a new folder with `stackFile` as Pulumi.dev.yaml. */
function project(stackFile: string): ProjectFile {
  return readProjectFile(tempFiles({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": stackFile }));
}

function refused(read: () => unknown, message: RegExp): void {
  assert.throws(read, (e: unknown) => {
    assert.ok(e instanceof ProjectFileError, String(e));
    assert.match(e.message, message);
    return true;
  });
}

describe("reading a project's stack files", () => {
  it("takes a stack name as a name, never a path, as Pulumi does", () => {
    const dir = tempFiles({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config: {}\n" });
    fs.writeFileSync(path.join(path.dirname(dir), "Pulumi.evil.yaml"), "config:\n  files:x: outside\n");
    const message =
      /^"x\/\.\.\/\.\.\/evil" is not a stack name: a stack name is 1 to 100 letters, digits, '-', '_' or '\.'$/;
    refused(() => stackConfig(readProjectFile(dir), "x/../../evil"), message);
    refused(() => existingStackConfig(dir, "files", "x/../../evil"), message);
    refused(() => stackConfig(readProjectFile(dir), "a".repeat(101)), /is not a stack name/);
    assert.deepEqual(existingStackConfig(dir, "files", "dev"), {});
  });

  it("refuses an alias inside the node it names, naming the line, instead of overflowing the stack", () => {
    refused(
      () => stackConfig(project("config:\n  files:loop: &a\n    - *a\n"), "dev"),
      /Pulumi\.dev\.yaml is not valid YAML: line 3: the alias \*a is inside the node it names$/,
    );
  });

  it("refuses a key given twice in one map, as the Pulumi CLI does", () => {
    refused(
      () => stackConfig(project("config:\n  files:a: 1\n  files:b: 2\n  files:a: 3\n"), "dev"),
      /is not valid YAML: line 4: the key files:a appears twice in one map$/,
    );
  });

  it("reads a stack file of 100,000 keys in time linear in its size", function () {
    this.timeout(15_000); // comparing every pair of keys, as the parser does by default, takes minutes
    const keys = Array.from({ length: 100_000 }, (_, i) => `  files:key${i}: value${i}`);
    const config = stackConfig(project(`config:\n${keys.join("\n")}\n`), "dev");
    assert.equal(Object.keys(config.values).length, 100_000);
    assert.equal(config.values["files:key99999"].text, "value99999");
  });

  it("reads only regular files, and refuses one over the limit, without waiting or filling memory", () => {
    const dir = tempFiles({ "Pulumi.yaml": PROJECT });
    const file = path.join(dir, "Pulumi.dev.yaml");
    fs.symlinkSync("/dev/zero", file);
    refused(
      () => stackConfig(readProjectFile(dir), "dev"),
      /^cannot read .*Pulumi\.dev\.yaml: it is a character device, not a regular file$/,
    );
    fs.unlinkSync(file);
    execFileSync("mkfifo", [file]);
    refused(() => stackConfig(readProjectFile(dir), "dev"), /: it is a FIFO, not a regular file$/);
    fs.unlinkSync(file);
    fs.writeFileSync(file, `config:\n  files:big: ${"x".repeat(8 * 1024 * 1024)}\n`);
    refused(
      () => stackConfig(readProjectFile(dir), "dev"),
      /^cannot read .*Pulumi\.dev\.yaml: it is larger than 8 MiB, the most a project or stack file may be$/,
    );
  });

  it("hands config to the program as the Pulumi CLI does: scalars as written, a null as empty", () => {
    const config = stackConfig(
      project(
        [
          "config:",
          "  files:blank:",
          "  files:tilde: ~",
          "  files:big: 9007199254740993",
          "  files:yes: True",
          "  files:hex: 0x1F",
          "  files:quoted: '007'",
          "  files:list: [1, 9007199254740993, null, text]",
          "",
        ].join("\n"),
      ),
      "dev",
    );
    const text = (key: string) => config.values[`files:${key}`].text;
    assert.deepEqual(["blank", "tilde", "big", "yes", "hex", "quoted", "list"].map(text), [
      "",
      "",
      "9007199254740993",
      "True",
      "0x1F",
      "007",
      '[1,9007199254740993,null,"text"]',
    ]);
    // Plain values, for everything that is not the program, are numbers.
    assert.equal(config.values["files:hex"].value, 31);
  });

  it("never echoes a secure value that is not a ciphertext", function () {
    this.timeout(20_000); // PBKDF2
    const secure = passphraseStack("pass phrase");
    const previous = process.env.PULUMI_CONFIG_PASSPHRASE;
    process.env.PULUMI_CONFIG_PASSPHRASE = "pass phrase";
    try {
      refused(
        () =>
          stackConfig(
            project(`encryptionsalt: ${secure.salt}\nconfig:\n  files:token:\n    secure: hunter2-probe\n`),
            "dev",
          ),
        /Pulumi\.dev\.yaml: the secure value of files:token: it is not an encrypted value of the form v1:<nonce>:<ciphertext>$/,
      );
    } finally {
      if (previous === undefined) delete process.env.PULUMI_CONFIG_PASSPHRASE;
      else process.env.PULUMI_CONFIG_PASSPHRASE = previous;
    }
  });

  it("reads a passphrase from a pipe, as given by <(command), but never more than 64 KiB of it", () => {
    const fifo = path.join(tempFiles({}), "passphrase");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `head -c 100000 /dev/zero > '${fifo}'`]);
    assert.throws(
      () => readLimitedFile(fifo, 64 * 1024, "a passphrase file", { pipes: true }),
      (e: unknown) =>
        e instanceof LimitedFileError &&
        e.message === "it is larger than 64 KiB, the most a passphrase file may be",
    );
    writer.kill();
  });
});
