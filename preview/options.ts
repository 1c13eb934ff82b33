/** The command line of `npm start`: its options, its usage, and the check of both. */
import * as path from "path";
import { optionLines, OptionValues, parseOptions, UsageError } from "../lib/cli";

/** This project: the program `npm start` runs and the policy pack it asks, unless told others. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

const OPTIONS = {
  stack: {
    type: "string",
    default: "dev",
    value: "NAME",
    help: "stack whose Pulumi.<NAME>.yaml config to use (default: dev)",
  },
  program: {
    type: "string",
    value: "DIR",
    help: "the Pulumi Node.js project to run (default: this project)",
  },
  state: {
    type: "string",
    value: "FILE",
    help: "check a `pulumi stack export` file instead (any language); - reads standard input",
  },
  "policy-pack": {
    type: "string",
    default: path.join(PROJECT_ROOT, "policy"),
    value: "DIR",
    help: "the policy pack (default: this project's policy/)",
  },
  "policy-pack-config": {
    type: "string",
    value: "FILE",
    help: "policy settings and enforcement levels, as for `pulumi preview`",
  },
  "stack-reference-outputs": {
    type: "string",
    value: "FILE",
    help: "outputs of the stacks a program's StackReferences name (otherwise unknown), by stack name",
  },
  timeout: {
    type: "string",
    default: "600",
    value: "SECONDS",
    help: "stop a program still running after SECONDS (default: 600)",
  },
  json: {
    type: "boolean",
    default: false,
    help: "print one JSON document instead of text (use `npm start -s -- --json`)",
  },
  help: { type: "boolean", default: false, help: "show this help" },
} as const;

export type PreviewOptions = Omit<OptionValues<typeof OPTIONS>, "timeout"> & { timeout: number };

export const PREVIEW_USAGE = `usage: npm start -- [options]

Runs a Pulumi program offline, as a first \`pulumi preview\` would, and checks it with the policy pack.

${optionLines(OPTIONS)}

Secret config and stack exports are decrypted with PULUMI_CONFIG_PASSPHRASE or
PULUMI_CONFIG_PASSPHRASE_FILE when given; otherwise their values are unknown.

Exit codes:
  0  passed: no mandatory policy violation
  1  failed: a mandatory policy violation (even if parts of the stack could not be seen)
  2  bad arguments, bad config or stack file, or a program that cannot run offline
  3  incomplete: no mandatory violation seen, but components built by a provider plugin
     (multi-language components such as @pulumi/awsx) could not be looked inside, or
     resources use outputs of referenced stacks that were not given`;

export function parsePreviewArgs(argv: readonly string[]): PreviewOptions {
  const { values } = parseOptions(OPTIONS, argv);
  const timeout = Number(values.timeout);
  if (!/^\d+$/.test(values.timeout) || timeout < 1) {
    throw new UsageError(
      `--timeout ${values.timeout} is not a number of seconds: give a whole number, 1 or more`,
    );
  }
  return { ...values, timeout };
}
