/**
 * `npm start`: without a cloud account, runs a Pulumi program as a first `pulumi preview` would
 * (under Pulumi's mocks) or reads a `pulumi stack export`, and checks it with the policy pack
 * exactly as the Pulumi CLI does. Exit codes: 0 no mandatory violation, 1 a mandatory violation,
 * 2 bad arguments, bad stack config, or a program that cannot run offline.
 */
import * as path from "path";
import { parseArgs } from "util";
import * as pulumi from "@pulumi/pulumi";
import { AnalyzerInput, Diagnostic, PolicyPackServer } from "./analyzer";
import { captureProgram } from "./capture";
import { describeResource } from "./describe";
import { UnansweredInvokeError } from "./mocks";
import { policyPackConfig } from "./policy-config";
import { buildReport, renderText, ReportResource } from "./report";
import { readProjectFile, readStackConfigFile, StackFileError } from "./stack-file";
import { readStateFile } from "./state-file";

const ROOT = path.resolve(__dirname, "..");

const USAGE = `usage: npm start -- [options]

Runs a Pulumi program offline, as a first \`pulumi preview\` would, and checks it with the policy pack.

  --stack NAME               stack whose Pulumi.<NAME>.yaml config to use (default: dev)
  --program DIR              the Pulumi TypeScript project to run (default: this project)
  --state FILE               check a \`pulumi stack export\` file instead of running a program
  --policy-pack DIR          the policy pack (default: this project's policy/)
  --policy-pack-config FILE  policy settings and enforcement levels, as for \`pulumi preview\`
  --json                     print one JSON document instead of text
  --help                     show this help

Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 bad arguments, bad config or a
program that cannot run offline.`;

/** A problem the user can fix: printed as one line, exit code 2. */
class UsageError extends Error {}

interface Checked {
  readonly stack: string;
  readonly source: { program: string } | { state: string };
  readonly inputs: AnalyzerInput[];
  readonly described: ReportResource[];
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
    return 2;
  }
  const options = args.values;
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let pack: PolicyPackServer | undefined;
  try {
    if (options.state !== undefined && options.program !== undefined) {
      throw new UsageError(
        "--state and --program exclude each other: check a deployed stack or run a program",
      );
    }
    const checked =
      options.state !== undefined
        ? fromState(options.state)
        : await fromProgram(options.program ?? ROOT, options.stack!);
    pack = await PolicyPackServer.start(options["policy-pack"]!);
    const info = await pack.info();
    const config = policyPackConfig(info, options["policy-pack-config"]);
    await pack.configure(config);
    const diagnostics: Diagnostic[] = [];
    for (const resource of checked.inputs) diagnostics.push(...(await pack.analyze(resource)).diagnostics);
    diagnostics.push(...(await pack.analyzeStack(checked.inputs)).diagnostics);

    const report = buildReport(checked.stack, checked.source, checked.described, info, config, diagnostics);
    console.log(
      options.json
        ? JSON.stringify(report, null, 2)
        : renderText(report, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR),
    );
    return report.verdict.passed ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError || e instanceof StackFileError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await pack?.stop();
  }
}

function fromState(file: string): Checked {
  const state = readStateFile(file);
  return {
    stack: state.stack,
    source: { state: file },
    inputs: state.resources,
    described: state.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      summary: describeResource(r.type, state.inputs.get(r.urn) ?? {}),
    })),
  };
}

async function fromProgram(dir: string, stack: string): Promise<Checked> {
  const project = readProjectFile(dir);
  const config = readStackConfigFile(dir, project.name, stack);
  const capture = await captureProgram({
    program: project.main,
    project: project.name,
    stack,
    config,
    preview: true,
  });
  if (capture.error !== undefined)
    throw new UsageError(programFailure(capture.error, capture.unansweredInvokes));
  return {
    stack,
    source: { program: path.relative(process.cwd(), project.main) || "." },
    inputs: capture.resources,
    described: capture.resources.map((r) => ({ ...r, summary: describeResource(r.type, r.inputs) })),
  };
}

function programFailure(error: unknown, unanswered: string[]): string {
  if (unanswered.length > 0) return new UnansweredInvokeError(unanswered[0]).message;
  if (pulumi.RunError.isInstance(error)) return (error as Error).message;
  return `the program failed: ${error instanceof Error ? error.message : String(error)}`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
}
