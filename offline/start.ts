/**
 * `npm start`: without a cloud account, runs a Pulumi program as a first `pulumi preview` would or
 * reads a `pulumi stack export`, and checks it with the policy pack exactly as the Pulumi CLI does.
 */
import * as path from "path";
import { parseArgs } from "util";
import { AnalyzerInput, PolicyPackServer, StackAnalysis } from "./analyzer";
import { describeResource, isDescribed } from "./describe";
import { PassphraseError } from "../lib/pulumi/passphrase";
import { policyPackConfig } from "./policy-config";
import { wireToPlain } from "../lib/pulumi/property-values";
import { redactor } from "./redact";
import { buildReport, EXIT, Notes, renderText, Report, ReportResource, ResourceRef } from "./report";
import { ProgramError, runProgram } from "./run-program";
import { readProjectFile, ProjectFileError } from "../lib/pulumi/project";
import { stackConfig } from "../lib/pulumi/stack-config";
import { PolicyConfigError } from "./policy-config";
import { StackExportError } from "./state-file";
import { readStateFile } from "./state-file";

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

export interface Checked {
  readonly stack: string;
  readonly source: { program: string } | { state: string };
  readonly inputs: AnalyzerInput[];
  readonly resources: ReportResource[];
  readonly notExpanded: ResourceRef[];
  readonly notes: Notes;
  /** Secret values known to the run, which no output may show. */
  readonly secrets: unknown[];
}

export async function main(argv: string[]): Promise<number> {
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
        ? fromState(options.state)
        : await fromProgram(options.program ?? ROOT, options.stack!, startPack);
    redact = redactor(checked.secrets);
    startPack();
    const report = await judge(await starting!, checked, options["policy-pack-config"]);
    const output = options.json
      ? JSON.stringify(report, null, 2)
      : renderText(report, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
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

/** The pack's verdict, asked for as the CLI asks: configure, Analyze each resource, then AnalyzeStack. */
export async function judge(pack: PolicyPackServer, checked: Checked, configFile?: string): Promise<Report> {
  const info = await pack.info();
  const config = policyPackConfig(info, configFile);
  await pack.configure(config);
  const resourceAnalyses = await analyzeEach(pack, checked.inputs);
  const stackAnalysis = await pack.analyzeStack(checked.inputs);
  return buildReport({ ...checked, info, config, resourceAnalyses, stackAnalysis });
}

/** The per-resource Analyze calls the CLI makes, several in flight at once, answers in resource order. */
async function analyzeEach(pack: PolicyPackServer, inputs: AnalyzerInput[]): Promise<StackAnalysis[]> {
  const answers: StackAnalysis[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      answers[i] = await pack.analyze(inputs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, inputs.length) }, worker));
  return answers;
}

/** `wireInputs` is only called for the resources the report describes: the others show no properties. */
function reportResource(r: AnalyzerInput, wireInputs: () => unknown): ReportResource {
  const masked = isDescribed(r.type)
    ? (wireToPlain(wireInputs(), "mask") as Record<string, unknown>)
    : undefined;
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    ...(r.parent ? { parent: r.parent } : {}),
    ...(r.provider ? { provider: r.provider.urn } : {}),
    summary: masked ? describeResource(r.type, masked) : "",
    ...(masked ? { properties: masked } : {}),
  };
}

export function fromState(file: string): Checked {
  const state = readStateFile(file);
  return {
    stack: state.stack,
    source: { state: file === "-" ? "standard input" : file },
    inputs: state.resources,
    resources: state.resources.map((r) => reportResource(r, () => r.inputs ?? {})),
    notExpanded: [],
    notes: {
      ...(state.unknownSecrets ? { unknownSecrets: state.unknownSecrets } : {}),
      ...(state.notes.length > 0 ? { resources: state.notes } : {}),
    },
    secrets: state.secrets,
  };
}

async function fromProgram(dir: string, stack: string, whenRunning: () => void): Promise<Checked> {
  const project = readProjectFile(path.resolve(dir));
  const config = stackConfig(project, stack);
  const run = await runProgram(project, stack, config, whenRunning);
  return {
    stack,
    source: { program: path.relative(process.cwd(), project.main) || "." },
    inputs: run.resources,
    resources: run.resources.map((r) => reportResource(r, () => r.properties.toJavaScript())),
    notExpanded: run.notExpanded,
    notes: {
      ...(config.unknown ? { unknownConfig: config.unknown } : {}),
      ...(config.file
        ? {}
        : {
            noStackFile: `no Pulumi.${stack}.yaml in ${project.stackConfigDir}: the stack has the project's config only`,
          }),
    },
    secrets: config.secrets,
  };
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
