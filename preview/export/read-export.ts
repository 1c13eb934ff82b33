/**
 * Reads the JSON that `pulumi stack export` writes, so stacks deployed elsewhere (in any language)
 * can be checked. Each resource reaches the policy pack as the engine would hand it over after the
 * next `pulumi up`: secrets as secret values (decrypted with the stack's passphrase when given,
 * unknown otherwise), resource references as IDs, each resource with its provider, and resources
 * on their way out left out.
 */
import * as fs from "fs";
import { openSecrets, StackSecrets } from "../../lib/pulumi/passphrase";
import { isObject, providerUrn } from "../../lib/pulumi/property-values";
import { AnalyzerInput, AnalyzerProvider } from "../pack/protocol";
import { encodeStruct } from "../pack/requests";
import { isDescribed } from "../report/summary";
import { exportToWire, ExportValueContext } from "./values";

interface ResourceJson {
  urn?: unknown;
  type?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  parent?: unknown;
  provider?: unknown;
  dependencies?: unknown;
  propertyDependencies?: unknown;
  protect?: unknown;
  delete?: unknown;
  pendingReplacement?: unknown;
}

/** A resource of the export, as the engine hands it to a policy pack. */
export interface ExportResource extends AnalyzerInput {
  /** For the resources reports describe: the inputs as wire values (secrets tagged). */
  readonly inputs?: Record<string, unknown>;
}

/** A resource the check leaves out or judges differently, and why. */
export interface ResourceNote {
  readonly urn: string;
  readonly note: string;
}

export interface ExportedStack {
  readonly stack: string;
  readonly resources: ExportResource[];
  readonly notes: ResourceNote[];
  /** How many secrets are unknown here, and why. */
  readonly unknownSecrets?: { readonly count: number; readonly reason: string };
  /** Plain texts of the secrets that were read, so that no output shows them. */
  readonly secrets: unknown[];
}

/** A file that is not a stack export this can read: the message names the file and the problem. */
export class StackExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackExportError";
  }
}

const EXPECTED = `expected the JSON of \`pulumi stack export\`: {"version": 3, "deployment": {"resources": [...]}}`;

/** `file` is a path, or `-` for standard input. */
export function readStackExport(file: string): ExportedStack {
  const name = file === "-" ? "standard input" : file;
  const deployment = deploymentOf(parseFile(file, name), name);
  const { decrypt, unknown } = secretsOf(deployment.secrets_providers);
  const secrets: unknown[] = [];
  let unknownCount = 0;
  // Unknown secrets are counted in what the pack gets; inputs only feed the report.
  const values: ValueContexts = {
    sent: { decrypt, onSecret: (plain) => (plain === undefined ? unknownCount++ : secrets.push(plain)) },
    shown: { decrypt, onSecret: (plain) => plain !== undefined && secrets.push(plain) },
  };
  const notes: ResourceNote[] = pendingOperations(deployment.pending_operations);
  const leaving = new Set(notes.map((n) => n.urn));
  const providers = new Map<string, AnalyzerProvider>();
  const converted: ExportResource[] = [];
  const { resources } = deployment;
  resources.forEach((r: ResourceJson | undefined, i: number) => {
    resources[i] = undefined; // converted resources are dropped one by one, to keep memory low
    if (!hasUrnAndType(r)) {
      throw new StackExportError(`${name}: deployment.resources[${i}] has no urn or type`);
    }
    if (r.delete === true) {
      notes.push({ urn: r.urn, note: "left out: replaced, and deleted by the next update" });
      return;
    }
    if (leaving.has(r.urn)) return;
    if (r.pendingReplacement === true) {
      notes.push({
        urn: r.urn,
        note: "judged as it will be recreated: deleted for replacement, not yet recreated",
      });
    }
    const resource = exportResource(r, name, values, providers);
    if (r.type.startsWith("pulumi:providers:")) providers.set(r.urn, resource);
    converted.push(resource);
  });
  const stack = converted[0]?.urn.split("::")[0].replace(/^urn:pulumi:/, "") ?? "(empty)";
  const unknownSecrets = unknownCount > 0 ? { count: unknownCount, reason: unknown ?? "" } : undefined;
  return { stack, resources: converted, notes, unknownSecrets, secrets };
}

interface Deployment {
  readonly resources: (ResourceJson | undefined)[];
  readonly secrets_providers?: unknown;
  readonly pending_operations?: unknown;
}

/** The export's deployment, once the file is known to be a stack export of the version this reads. */
function deploymentOf(
  state: { version?: unknown; deployment?: unknown; checkpoint?: unknown },
  name: string,
): Deployment {
  if (state?.checkpoint !== undefined) {
    throw new StackExportError(
      `${name} is a Pulumi checkpoint (the backend's own state file), not a stack export; ` +
        "write one with `pulumi stack export --file state.json`",
    );
  }
  const deployment = state?.deployment as Partial<Deployment> | undefined;
  if (typeof deployment !== "object" || deployment === null) {
    throw new StackExportError(`${name} is not a stack export: ${EXPECTED}`);
  }
  if (state.version !== 3) {
    throw new StackExportError(
      `${name} is a stack export of version ${JSON.stringify(state.version)}; this reads version 3, ` +
        "which `pulumi stack export` of Pulumi 3 writes",
    );
  }
  const resources = deployment.resources ?? [];
  if (!Array.isArray(resources))
    throw new StackExportError(`${name}: deployment.resources is not a list; ${EXPECTED}`);
  return { ...deployment, resources: resources as Deployment["resources"] };
}

function hasUrnAndType(r: ResourceJson | undefined): r is ResourceJson & { urn: string; type: string } {
  return typeof r?.urn === "string" && typeof r.type === "string";
}

/** How the values of an export are read: those the pack is sent, and those the report shows. */
interface ValueContexts {
  readonly sent: ExportValueContext;
  readonly shown: ExportValueContext;
}

/** One resource, as the engine hands it to a policy pack, with its provider (read before it). */
function exportResource(
  r: ResourceJson & { urn: string; type: string },
  name: string,
  values: ValueContexts,
  providers: ReadonlyMap<string, AnalyzerProvider>,
): ExportResource {
  const wire = (value: unknown, what: string, context: ExportValueContext) => {
    try {
      return (isObject(value) ? exportToWire(value, context) : {}) as Record<string, unknown>;
    } catch (e) {
      throw new StackExportError(`${name}: ${what} of ${r.urn}: ${(e as Error).message}`);
    }
  };
  // The pack gets the outputs, as after an update; the report describes the inputs.
  const outputs = wire(isObject(r.outputs) ? r.outputs : r.inputs, "outputs", values.sent);
  return {
    urn: r.urn,
    type: r.type,
    name: r.urn.split("::").slice(3).join("::"),
    properties: encodeStruct(outputs),
    inputs: isDescribed(r.type) ? wire(r.inputs, "inputs", values.shown) : undefined,
    parent: typeof r.parent === "string" ? r.parent : undefined,
    dependencies: strings(r.dependencies),
    propertyDependencies: isObject(r.propertyDependencies)
      ? Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, strings(v)]))
      : {},
    protect: r.protect === true,
    provider: typeof r.provider === "string" ? providers.get(providerUrn(r.provider)) : undefined,
  };
}

/** The file's JSON; its text is dropped as soon as it is parsed, which matters for large stacks. */
function parseFile(
  file: string,
  name: string,
): { version?: unknown; deployment?: unknown; checkpoint?: unknown } {
  let text: string;
  try {
    text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    throw new StackExportError(`cannot read ${name}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const truncated = /end of JSON input|Unterminated/.test((e as Error).message)
      ? " (it ends too early: truncated?)"
      : "";
    throw new StackExportError(`${name} is not JSON${truncated}: ${(e as Error).message}; ${EXPECTED}`);
  }
}

/** The export's secrets, opened at once: a wrong passphrase fails before any resource is read. */
function secretsOf(providers: unknown): StackSecrets {
  const { type, state } = (isObject(providers) ? providers : {}) as {
    type?: unknown;
    state?: { salt?: unknown };
  };
  const salt = type === "passphrase" && typeof state?.salt === "string" ? state.salt : undefined;
  return openSecrets(salt, String(type ?? "unknown"));
}

/** Operations an interrupted update left open: creations that may not exist, deletions under way. */
function pendingOperations(operations: unknown): ResourceNote[] {
  if (!Array.isArray(operations)) return [];
  return operations.flatMap((op: { type?: unknown; resource?: { urn?: unknown } }) => {
    const urn = op?.resource?.urn;
    if (typeof urn !== "string") return [];
    if (op.type === "creating" || op.type === "importing") {
      return [
        { urn, note: `left out: its ${op.type === "creating" ? "creation" : "import"} was interrupted` },
      ];
    }
    if (op.type === "deleting") return [{ urn, note: "left out: its deletion was interrupted" }];
    return [];
  });
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}
