/**
 * Each AnalyzeStack request read once, for every policy of the pack.
 *
 * @pulumi/policy gives each stack policy its own view of the stack: for every policy it
 * deserialises, wraps and links every resource of the request anew, so a pack's cost grows with
 * its policies times the stack. This pack has a policy per CIS control. So it reads the request
 * itself, as it arrives: it decodes only the resources its policies read (./fields.ts), and hands
 * @pulumi/policy one stand-in resource that names the request instead. Every policy finds the stack
 * through it (./analyzer-resources.ts makes it plain data), and the index of it is built once.
 * Configuration, enforcement levels and diagnostics remain @pulumi/policy's. Where the request
 * cannot be read so (another @pulumi/policy, another request format), each policy reads the
 * resources @pulumi/policy gives it (./policy-resources.ts): slower, with the same verdicts.
 *
 * It reads each Configure request too, before @pulumi/policy does, so that a policy may read
 * another's configuration: the chain settings are given once, for every policy.
 */
import { createRequire } from "module";
import type { PolicyResource } from "@pulumi/policy";
import { RawResource, StackIndex } from "../stack";
import { trailStorageFilter } from "../stack/buckets";
import { memo } from "../stack/maps";
import { READERS, STORAGE_READERS } from "../stack/readers";
import { AnalyzerResource, plainResources } from "./analyzer-resources";
import { decodeResource, ResourceField, splitRequest, Wire, WireReader } from "./fields";
import { policyResources } from "./policy-resources";

/** What the policies of one check read: the resources of the kinds they know. */
export interface StackResources {
  /** The same object for every policy of one check. */
  readonly key: object;
  readonly resources: readonly RawResource[];
}

const STAND_IN_TYPE = "cis-monitoring:internal:AnalyzeStackRequest";
const ALL_READERS = { ...READERS, ...STORAGE_READERS };

/** The requests being checked, by the name of their stand-in: one at a time, kept for a few more. */
const requests = new Map<string, StackResources>();
const KEPT = 4;
let received = 0;

interface ResourceMessage extends AnalyzerResource {
  setType(type: string): void;
  setUrn(urn: string): void;
  setName(name: string): void;
  setProperties(properties: object): void;
  setOptions(options: object): void;
}

const policyRequire = createRequire(require.resolve("@pulumi/policy"));
const {
  AnalyzeStackRequest,
  AnalyzerResource: ResourceMessage,
  AnalyzerResourceOptions,
} = policyRequire("@pulumi/pulumi/proto/analyzer_pb") as {
  AnalyzeStackRequest: new () => {
    setResourcesList(resources: object[]): void;
    serializeBinary(): Uint8Array;
  };
  AnalyzerResource: {
    new (): ResourceMessage;
    deserializeBinaryFromReader(message: unknown, reader: WireReader): void;
  };
  AnalyzerResourceOptions: new () => object;
};
const { Struct } = policyRequire("google-protobuf/google/protobuf/struct_pb") as { Struct: new () => object };
const { BinaryReader } = policyRequire("google-protobuf") as {
  BinaryReader: new (bytes: Uint8Array) => WireReader;
};
interface ConfigureRequest {
  getPolicyconfigMap(): {
    entries(): Iterable<
      [string, { getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }]
    >;
  };
}
const analyzerService = policyRequire("@pulumi/pulumi/proto/analyzer_grpc_pb").AnalyzerService as {
  analyzeStack?: { requestDeserialize?: (bytes: Uint8Array) => object };
  configure?: { requestDeserialize?: (bytes: Uint8Array) => ConfigureRequest };
};

const wire: Wire<AnalyzerResource> = {
  reader: (bytes) => new BinaryReader(bytes),
  decode: (reader) => {
    const resource = new ResourceMessage();
    reader.readMessage(resource, ResourceMessage.deserializeBinaryFromReader);
    return resource;
  },
};

const readRequest = analyzerService.analyzeStack?.requestDeserialize;
if (analyzerService.analyzeStack && readRequest) {
  analyzerService.analyzeStack.requestDeserialize = (bytes) => {
    const { resources, rest } = splitRequest(wire, bytes);
    const read = readResources(resources);
    const name = `request-${++received}`;
    // The request @pulumi/policy reads: its own fields, with the stand-in as its one resource.
    const request = readRequest(Buffer.concat([...rest, standInRequest(name)]));
    let plain: RawResource[] | undefined;
    remember(name, {
      key: request,
      // Converted when a policy first asks, and then only once.
      get resources() {
        plain ??= plainResources(read);
        return plain;
      },
    });
    return request;
  };
}

/** Each policy's configuration as the last Configure request gave it, by policy name. */
let configured: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;

const readConfigure = analyzerService.configure?.requestDeserialize;
if (analyzerService.configure && readConfigure) {
  analyzerService.configure.requestDeserialize = (bytes) => {
    const request = readConfigure(bytes);
    configured = Object.fromEntries(
      [...request.getPolicyconfigMap().entries()].map(([name, config]) => [
        name,
        config.getProperties()?.toJavaScript() ?? {},
      ]),
    );
    return request;
  };
}

/**
 * The configuration properties of the policy `name`; undefined where the Configure request could
 * not be read (another @pulumi/policy), so that each policy reads only its own.
 */
export function policyConfig(name: string): Readonly<Record<string, unknown>> | undefined {
  return configured && (configured[name] ?? {});
}

/** The resources the policies read, decoded, in the request's order: the kinds they know, and trails' storage. */
function readResources(fields: readonly ResourceField[]): AnalyzerResource[] {
  const known = fields.map((field) => (READERS[field.type] ? decodeResource(wire, field) : undefined));
  const trailStorage = trailStorageFilter(known.filter((r) => r !== undefined));
  return fields.flatMap((field, i) => {
    const resource = known[i] ?? (STORAGE_READERS[field.type] ? decodeResource(wire, field) : undefined);
    return resource && (known[i] || trailStorage(resource)) ? [resource] : [];
  });
}

// Resources @pulumi/policy gave a policy, read once however often it asks (the advisories ask per control).
const given = new WeakMap<readonly PolicyResource[], StackResources>();

/** The resources a stack policy checks: those of the request, or else those it was given. */
export function stackOf(resources: readonly PolicyResource[]): StackResources {
  const request =
    resources.length === 1 && resources[0].type === STAND_IN_TYPE
      ? requests.get(resources[0].name)
      : undefined;
  return (
    request ??
    memo(given, resources, () => ({
      key: resources,
      resources: [...policyResources(resources, ALL_READERS)],
    }))
  );
}

const indexes = new WeakMap<object, StackIndex>();

/** The index of the stack a policy checks, built once for all policies of one check. */
export function sharedStackIndex(resources: readonly PolicyResource[]): StackIndex {
  const stack = stackOf(resources);
  return memo(indexes, stack.key, () => new StackIndex(stack.resources));
}

function remember(name: string, stack: StackResources): void {
  requests.set(name, stack);
  for (const old of requests.keys()) {
    if (requests.size <= KEPT) break;
    requests.delete(old);
  }
}

/** A request of one resource, the stand-in, encoded. */
function standInRequest(name: string): Uint8Array {
  const resource = new ResourceMessage();
  resource.setType(STAND_IN_TYPE);
  resource.setUrn(`urn:pulumi:stack::cis-monitoring::${STAND_IN_TYPE}::${name}`);
  resource.setName(name);
  resource.setProperties(new Struct());
  resource.setOptions(new AnalyzerResourceOptions());
  const request = new AnalyzeStackRequest();
  request.setResourcesList([resource]);
  return request.serializeBinary();
}
