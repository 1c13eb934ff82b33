/** Reads the JSON that `pulumi stack export` writes, so stacks deployed elsewhere can be checked. */
import * as fs from "fs";
import { AnalyzerInput, PulumiStruct } from "./analyzer";
import { StackFileError } from "./stack-file";

interface ExportedResource {
  urn?: unknown;
  type?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  parent?: unknown;
  dependencies?: unknown;
  propertyDependencies?: unknown;
  protect?: unknown;
  delete?: unknown;
}

/** A stack export, as the engine would hand its resources to a policy pack after `pulumi up`. */
export interface StateStack {
  readonly stack: string;
  readonly resources: AnalyzerInput[];
  /** Resource inputs, for describing each resource. */
  readonly inputs: Map<string, Record<string, unknown>>;
}

export function readStateFile(file: string): StateStack {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new StackFileError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let state: { version?: unknown; deployment?: { resources?: unknown } };
  try {
    state = JSON.parse(text);
  } catch (e) {
    throw new StackFileError(`${file} is not JSON: ${(e as Error).message}`);
  }
  const resources = state?.deployment?.resources;
  if (state?.version !== 3 || !Array.isArray(resources)) {
    throw new StackFileError(
      `${file} is not a \`pulumi stack export\` file: expected {"version": 3, "deployment": {"resources": [...]}}`,
    );
  }
  const inputs = new Map<string, Record<string, unknown>>();
  const converted: AnalyzerInput[] = [];
  resources.forEach((r: ExportedResource, i: number) => {
    if (typeof r?.urn !== "string" || typeof r.type !== "string") {
      throw new StackFileError(`${file}: deployment.resources[${i}] has no urn or type`);
    }
    if (r.delete === true) return; // pending deletion: no longer part of the stack
    const outputs = isObject(r.outputs) ? r.outputs : isObject(r.inputs) ? r.inputs : {};
    inputs.set(r.urn, isObject(r.inputs) ? r.inputs : outputs);
    converted.push({
      urn: r.urn,
      type: r.type,
      name: r.urn.split("::").at(-1)!,
      properties: PulumiStruct.fromJavaScript(outputs as never),
      parent: typeof r.parent === "string" ? r.parent : undefined,
      dependencies: strings(r.dependencies),
      propertyDependencies: isObject(r.propertyDependencies)
        ? Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, strings(v)]))
        : {},
      protect: r.protect === true,
    });
  });
  const stack = converted[0]?.urn.split("::")[0].replace(/^urn:pulumi:/, "") ?? "(empty)";
  return { stack, resources: converted, inputs };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}
