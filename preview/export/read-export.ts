/**
 * Reads the JSON that `pulumi stack export` writes, so stacks deployed elsewhere (in any language)
 * can be checked. Each resource reaches the policy pack as the engine would hand it over after the
 * next `pulumi up`: secrets as secret values (decrypted with the stack's passphrase when given,
 * unknown otherwise), resource references as IDs, each resource with its provider, and resources
 * on their way out left out.
 */
import { FILE_LIMITS, readLimitedFile } from "../../lib/pulumi/limited-file";
import { openSecrets, StackSecrets } from "../../lib/pulumi/passphrase";
import { isObject, providerUrn } from "../../lib/pulumi/property-values";
import { AnalyzerInput, AnalyzerProvider } from "../pack/protocol";
import { encodeStruct } from "../pack/requests";
import { isDescribed } from "../report/summary";
import { exportToWire, ExportValueContext } from "./values";

interface ResourceJson {
  urn?: unknown;
  id?: unknown;
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
  const { notes, leaving } = pendingOperations(deployment.pending_operations, deployment.resources, name);
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
    if (leaving.has(r)) return;
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
  if (typeof deployment !== "object" || deployment === null || Array.isArray(deployment)) {
    throw new StackExportError(`${name} is not a stack export: ${EXPECTED}`);
  }
  if (state.version !== 3) {
    throw new StackExportError(
      `${name} is a stack export of version ${JSON.stringify(state.version)}; this reads version 3, ` +
        "which `pulumi stack export` of Pulumi 3 writes",
    );
  }
  // An empty stack's export has no resources; Pulumi never writes them as null.
  const resources = deployment.resources === undefined ? [] : deployment.resources;
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
    text = readLimitedFile(file, FILE_LIMITS.export, "a stack export");
  } catch (e) {
    throw new StackExportError(`cannot read ${name}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const truncated = /end of JSON input|Unterminated/.test((e as Error).message)
      ? " (it ends too early: truncated?)"
      : "";
    // Node quotes the text around the error, which may be a secret of an export with its secrets shown.
    const message = (e as Error).message.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "");
    throw new StackExportError(`${name} is not JSON${truncated}: ${message}; ${EXPECTED}`);
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

/**
 * Operations an interrupted update left open, and the resources of the export they take out. A
 * creation or import is of a resource the export does not list yet: it is left out, and a live
 * resource of the same URN (the one a create-before-delete replacement was replacing) stays. A
 * deletion takes out the resource it was deleting, matched by URN and ID; one it cannot be matched
 * to with certainty stops the check, rather than judging a stack that may lack or hold it.
 */
function pendingOperations(
  operations: unknown,
  resources: readonly (ResourceJson | undefined)[],
  name: string,
): { notes: ResourceNote[]; leaving: Set<ResourceJson> } {
  const notes: ResourceNote[] = [];
  const leaving = new Set<ResourceJson>();
  if (operations === undefined || operations === null) return { notes, leaving };
  if (!Array.isArray(operations))
    throw new StackExportError(`${name}: deployment.pending_operations is not a list`);
  operations.forEach((op: { type?: unknown; resource?: { urn?: unknown; id?: unknown } } | null, i) => {
    const urn = op?.resource?.urn;
    if (typeof urn !== "string") {
      throw new StackExportError(`${name}: deployment.pending_operations[${i}] names no resource URN`);
    }
    switch (op!.type) {
      case "creating":
      case "importing":
        notes.push({
          urn,
          note: `left out: its ${op!.type === "creating" ? "creation" : "import"} was interrupted`,
        });
        return;
      case "deleting": {
        const deleting = deletedBy(op!.resource!, resources);
        if (deleting === undefined) {
          throw new StackExportError(
            `${name}: deployment.pending_operations[${i}] deletes ${urn}, which is listed more than once: ` +
              "it cannot be told which one is going; run `pulumi refresh` and export the stack again",
          );
        }
        if (deleting !== null) leaving.add(deleting);
        notes.push({ urn, note: "left out: its deletion was interrupted" });
        return;
      }
      case "updating":
      case "reading":
        return; // the export holds the resource as it was before: it is judged so
      default:
        throw new StackExportError(
          `${name}: deployment.pending_operations[${i}] has type ${JSON.stringify(op!.type)}; ` +
            "Pulumi writes creating, updating, deleting, reading or importing",
        );
    }
  });
  return { notes, leaving };
}

/**
 * The resource a pending deletion deletes: the one of its URN and ID, or of its URN alone when only
 * one is listed; null when none is (already gone), undefined when it cannot be told which.
 */
function deletedBy(
  pending: { urn?: unknown; id?: unknown },
  resources: readonly (ResourceJson | undefined)[],
): ResourceJson | null | undefined {
  const sameUrn = resources.filter((r): r is ResourceJson => r?.urn === pending.urn);
  const candidates =
    typeof pending.id === "string" && pending.id !== ""
      ? sameUrn.filter((r) => r.id === pending.id)
      : sameUrn;
  if (candidates.length <= 1) return candidates[0] ?? null;
  // Of the old and the new resource of a replacement, the deletion is of the old one.
  const replaced = candidates.filter((r) => r.delete === true);
  return replaced.length === 1 ? replaced[0] : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}
