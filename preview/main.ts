/**
 * `npm start`: without a cloud account, runs a Pulumi program as a first `pulumi preview` would or
 * reads a `pulumi stack export`, and checks it with the policy pack exactly as the Pulumi CLI does
 * (options and exit codes in ./options.ts).
 */
import { EXIT_USAGE, readCommandLine, runMain, terminalText } from "../lib/cli";
import { PassphraseError } from "../lib/pulumi/passphrase";
import { ProjectFileError } from "../lib/pulumi/project";
import { fromExport, fromProgram } from "./checked";
import { StackExportError } from "./export/read-export";
import { judge } from "./judge";
import { parsePreviewArgs, PROJECT_ROOT, PREVIEW_USAGE } from "./options";
import { checkPolicyPack, PolicyPackError } from "./pack/pack-folder";
import { PolicyConfigError, readPolicyConfigFile } from "./pack/policy-config";
import { PolicyPackServer } from "./pack/server";
import { ProgramError } from "./program/run";
import { readStackOutputs, StackOutputsError } from "./program/stack-outputs";
import { Redactor } from "./report/redact";
import { renderPreviewText } from "./report/text";

async function main(argv: string[]): Promise<number> {
  const options = readCommandLine(() => parsePreviewArgs(argv), PREVIEW_USAGE);
  if (typeof options === "number") return options;
  if (options.state !== undefined && options.program !== undefined) {
    console.error("error: --state and --program exclude each other: check a deployed stack or run a program");
    return EXIT_USAGE;
  }
  if (options.state !== undefined && options["stack-reference-outputs"] !== undefined) {
    console.error(
      "error: --stack-reference-outputs is for a program's StackReferences, and --state runs no program",
    );
    return EXIT_USAGE;
  }
  // The pack starts once the input is known to be good, and runs its start-up while the program runs.
  let starting: Promise<PolicyPackServer> | undefined;
  const startPack = () => {
    starting ??= PolicyPackServer.start(options["policy-pack"]);
    starting.catch(() => undefined);
  };
  // Secrets are learnt as soon as they are known, and masked in everything printed from the start.
  const redactor = new Redactor();
  try {
    // What the pack needs is checked before a program runs for minutes only to fail after.
    checkPolicyPack(options["policy-pack"]);
    const configFile =
      options["policy-pack-config"] === undefined
        ? undefined
        : readPolicyConfigFile(options["policy-pack-config"]);
    const stackOutputs =
      options["stack-reference-outputs"] === undefined
        ? undefined
        : readStackOutputs(options["stack-reference-outputs"]);
    const checked =
      options.state !== undefined
        ? fromExport(options.state, redactor)
        : await fromProgram(options.program ?? PROJECT_ROOT, options.stack, {
            redactor,
            whenRunning: startPack,
            timeoutSeconds: options.timeout,
            stackOutputs,
          });
    startPack();
    const report = await judge(await starting!, checked, configFile);
    const output = options.json
      ? lines(JSON.stringify(report, null, 2))
      : renderPreviewText(report, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
    console.log(redactor.mask(output));
    return report.verdict.exitCode;
  } catch (e) {
    if (
      [
        ProjectFileError,
        StackExportError,
        PolicyPackError,
        PolicyConfigError,
        PassphraseError,
        ProgramError,
        StackOutputsError,
      ].some((type) => e instanceof type)
    ) {
      console.error(redactor.mask(`error: ${lines((e as Error).message)}`));
      return EXIT_USAGE;
    }
    // A bug, shown with its stack; still never a secret.
    console.error(redactor.mask(lines(String((e as Error)?.stack ?? e))));
    return EXIT_USAGE;
  } finally {
    await starting?.then((pack) => pack.stop()).catch(() => undefined);
  }
}

/** Text from outside, line by line with its control characters escaped: JSON stays valid JSON. */
function lines(text: string): string {
  return text.split("\n").map(terminalText).join("\n");
}

if (require.main === module) runMain(main);
