/**
 * What `npm start` checks, from either source: a program, previewed offline, or a stack export.
 * Each gives the resources as the engine hands them to the pack, as the report shows them, and what
 * the run could not see.
 */
import * as path from "path";
import { readProjectFile } from "../lib/pulumi/project";
import { wireToPlain } from "../lib/pulumi/property-values";
import { stackConfig, stackNames, stacksHere } from "../lib/pulumi/stack-config";
import { readStackExport } from "./export/read-export";
import { AnalyzerInput } from "./pack/protocol";
import { previewProgram, ProgramError } from "./program/run";
import { StackOutputs } from "./program/stack-outputs";
import { Notes, ReportResource, ResourceRef, UnknownStackOutputs } from "./report/build";
import { Redactor } from "./report/redact";
import { describeResource, isDescribed } from "./report/summary";

/** A stack to check: what the pack is sent, what the report shows, and what the run could not see. */
export interface Checked {
  readonly stack: string;
  readonly source: { program: string } | { state: string };
  readonly inputs: AnalyzerInput[];
  readonly resources: ReportResource[];
  readonly notExpanded: ResourceRef[];
  readonly unknownStackOutputs: UnknownStackOutputs[];
  readonly notes: Notes;
}

export interface ProgramOptions {
  /** Learns each secret as soon as it is known, so that nothing printed shows it. */
  readonly redactor: Redactor;
  /** Called once the program starts. */
  readonly whenRunning: () => void;
  readonly timeoutSeconds: number;
  /** Outputs of the stacks the program references, by stack name (--stack-reference-outputs). */
  readonly stackOutputs?: StackOutputs;
}

/** `dir`'s program, run as a first `pulumi preview` of `stack` would run it. */
export async function fromProgram(
  dir: string,
  stack: string,
  { redactor, whenRunning, timeoutSeconds, stackOutputs }: ProgramOptions,
): Promise<Checked> {
  const project = readProjectFile(path.resolve(dir));
  const config = stackConfig(project, stack);
  redactor.add(config.secrets);
  const noStackFile = config.file
    ? undefined
    : `the stack ${stack} has no Pulumi.${stack}.yaml in ${project.stackConfigDir} (${stacksHere(project.stackConfigDir)}): the program ran with the project's config only`;
  const run = await previewProgram(project, stack, config, {
    whenRunning,
    onSecrets: (values) => redactor.add(values),
    timeoutSeconds,
    stackOutputs,
  }).catch((e: unknown) => {
    // A stack named without a file where others have one may be a typo, or lack its config.
    if (e instanceof ProgramError && noStackFile && stackNames(project.stackConfigDir).length > 0)
      throw new ProgramError(`${e.message}\nnote: ${noStackFile}`);
    throw e;
  });
  return {
    stack,
    source: { program: path.relative(process.cwd(), project.main) || "." },
    inputs: run.resources,
    resources: run.resources.map((r) => reportResource(r, () => r.properties.toJavaScript())),
    notExpanded: run.notExpanded,
    unknownStackOutputs: run.unknownStackOutputs,
    notes: {
      ...(config.unknown ? { unknownConfig: config.unknown } : {}),
      ...(noStackFile ? { noStackFile } : {}),
    },
  };
}

/** A `pulumi stack export` (`-`: standard input), as the next update would leave the stack; `redactor` learns its secrets. */
export function fromExport(file: string, redactor: Redactor): Checked {
  const state = readStackExport(file);
  redactor.add(state.secrets);
  return {
    stack: state.stack,
    source: { state: file === "-" ? "standard input" : file },
    inputs: state.resources,
    resources: state.resources.map((r) => reportResource(r, () => r.inputs ?? {})),
    notExpanded: [],
    unknownStackOutputs: [],
    notes: {
      ...(state.unknownSecrets ? { unknownSecrets: state.unknownSecrets } : {}),
      ...(state.notes.length > 0 ? { resources: state.notes } : {}),
    },
  };
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
