/**
 * `npm start`: without a cloud account, runs a Pulumi program as a first `pulumi preview` would or
 * reads a `pulumi stack export`, and checks it with the policy pack exactly as the Pulumi CLI does.
 */
import * as path from "path";
import { parseArgs } from "util";
import { PassphraseError } from "../lib/pulumi/passphrase";
import { ProjectFileError } from "../lib/pulumi/project";
import { fromExport, fromProgram } from "./checked";
import { StackExportError } from "./export/read-export";
import { judge } from "./judge";
import { PolicyConfigError } from "./pack/policy-config";
import { PolicyPackServer } from "./pack/server";
import { ProgramError } from "./program/run";
import { EXIT } from "./report/build";
import { redactor } from "./report/redact";
import { renderPreviewText } from "./report/text";

const ROOT = path.resolve(__dirname, "..");

const USAGE = `usage: npm start -- [options]

Runs a Pulumi program offline, as a first \`pulumi preview\` would, and checks it with the policy pack.

  --stack NAME               stack whose Pulumi.<NAME>.yaml config to use (default: dev)
  --program DIR              the Pulumi Node.js project to run (default: this project)
  --state FILE               check a \`pulumi stack export\` file instead (any language); - reads standard input
  --policy-pack DIR          the policy pack (default: this project's policy/)
  --policy-pack-config FILE  policy settings and enforcement levels, as for \`pulumi preview\`
  --json                     print one JSON document instead of text (use \`npm start -s -- --json\`)
  --help                     show this help

Secret config and stack exports are decrypted with PULUMI_CONFIG_PASSPHRASE or
PULUMI_CONFIG_PASSPHRASE_FILE when given; otherwise their values are unknown.

Exit codes:
  0  passed: no mandatory policy violation
  1  failed: a mandatory policy violation (even if parts of the stack could not be seen)
  2  bad arguments, bad config or stack file, or a program that cannot run offline
  3  incomplete: no mandatory violation seen, but components built by a provider plugin
     (multi-language components such as @pulumi/awsx) could not be looked inside`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        stack: { type: "string", default: "dev" },
        program: { type: "string" },
        state: { type: "string" },
        "policy-pack": { type: "string", default: path.join(ROOT, "policy") },
        "policy-pack-config": { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const options = args.values;
  if (options.help) {
    console.log(USAGE);
    return EXIT.passed;
  }
  if (options.state !== undefined && options.program !== undefined) {
    console.error("error: --state and --program exclude each other: check a deployed stack or run a program");
    return EXIT.usage;
  }
  // The pack starts once the input is known to be good, and runs its start-up while the program runs.
  let starting: Promise<PolicyPackServer> | undefined;
  const startPack = () => {
    starting ??= PolicyPackServer.start(options["policy-pack"]!);
    starting.catch(() => undefined);
  };
  let redact = (text: string) => text;
  try {
    const checked =
      options.state !== undefined
        ? fromExport(options.state)
        : await fromProgram(options.program ?? ROOT, options.stack!, startPack);
    redact = redactor(checked.secrets);
    startPack();
    const report = await judge(await starting!, checked, options["policy-pack-config"]);
    const output = options.json
      ? JSON.stringify(report, null, 2)
      : renderPreviewText(report, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
    console.log(redact(output));
    return report.verdict.exitCode;
  } catch (e) {
    if (
      [ProjectFileError, StackExportError, PolicyConfigError, PassphraseError, ProgramError].some(
        (type) => e instanceof type,
      )
    ) {
      console.error(`error: ${redact((e as Error).message)}`);
      return EXIT.usage;
    }
    throw e;
  } finally {
    await starting?.then((pack) => pack.stop()).catch(() => undefined);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e);
      process.exitCode = EXIT.usage;
    },
  );
}
