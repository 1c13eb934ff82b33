/**
 * What `npm start` checks, from either source: a program, previewed offline, or a stack export.
 * Each gives the resources as the engine hands them to the pack, as the report shows them, and what
 * the run could not see.
 */
import * as path from "path";
import { readProjectFile } from "../lib/pulumi/project";
import { wireToPlain } from "../lib/pulumi/property-values";
import { stackConfig } from "../lib/pulumi/stack-config";
import { readStackExport } from "./export/read-export";
import { AnalyzerInput } from "./pack/protocol";
import { previewProgram } from "./program/run";
import { Notes, ReportResource, ResourceRef } from "./report/build";
import { describeResource, isDescribed } from "./report/summary";

/** A stack to check: what the pack is sent, what the report shows, and what the run could not see. */
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

/** `dir`'s program, run as a first `pulumi preview` of `stack` would run it; `whenRunning` as for previewProgram. */
export async function fromProgram(dir: string, stack: string, whenRunning: () => void): Promise<Checked> {
  const project = readProjectFile(path.resolve(dir));
  const config = stackConfig(project, stack);
  const run = await previewProgram(project, stack, config, whenRunning);
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

/** A `pulumi stack export` (`-`: standard input), as the next update would leave the stack. */
export function fromExport(file: string): Checked {
  const state = readStackExport(file);
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
