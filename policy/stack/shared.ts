/**
 * One stack index per AnalyzeStack call, shared by every policy of the pack.
 *
 * @pulumi/policy gives each stack policy its own copy of the stack: for every policy it deserialises,
 * wraps and links every resource anew, so a pack's cost grows with its policies times the stack
 * (seventeen policies cost three times one). This pack has a policy per CIS control, so it:
 * - hands @pulumi/policy's stack analysis only the resource types its policies read (READERS), and
 *   of S3 only what may protect a trail's bucket (trailStorageFilter);
 * - deserialises each resource once per call, for all policies, which only ever read it;
 * - builds the index once per call: the policies find it through those shared properties.
 * All three only save work. Were @pulumi/policy to change its internals, each policy would again
 * build its own copy and index, as slowly as before, and with the same verdicts.
 */
import { createRequire } from "module";
import type { PolicyResource } from "@pulumi/policy";
import { RequestedResource, trailStorageFilter } from "./buckets";
import { StackIndex } from "./index";
import { READERS } from "./providers";
import { readTarget } from "./read";

interface StackRequest {
  getResourcesList(): RequestedResource[];
  setResourcesList(resources: unknown[]): void;
}

const policyRequire = createRequire(require.resolve("@pulumi/policy"));

// The generated service description @pulumi/policy's server registers its handlers with.
const analyzerService = policyRequire("@pulumi/pulumi/proto/analyzer_grpc_pb").AnalyzerService as {
  analyzeStack?: { requestDeserialize?: (bytes: Buffer) => StackRequest };
};
const readRequest = analyzerService.analyzeStack?.requestDeserialize;
if (analyzerService.analyzeStack && readRequest) {
  analyzerService.analyzeStack.requestDeserialize = (bytes) => {
    const request = readRequest(bytes);
    const resources = request.getResourcesList();
    const trailStorage = trailStorageFilter(resources);
    request.setResourcesList(resources.filter((r) => READERS[r.getType()] !== undefined || trailStorage(r)));
    return request;
  };
}

const deserialize = policyRequire("./deserialize") as {
  deserializeProperties?: (struct: object, proxySecrets: boolean) => object;
};
const deserializeProperties = deserialize.deserializeProperties;
if (deserializeProperties) {
  const copies = new WeakMap<object, object>();
  deserialize.deserializeProperties = (struct, proxySecrets) => {
    if (proxySecrets) return deserializeProperties(struct, proxySecrets);
    let copy = copies.get(struct);
    if (copy === undefined) {
      copy = deserializeProperties(struct, proxySecrets);
      copies.set(struct, copy);
    }
    return copy;
  };
}

const indexes = new WeakMap<object, StackIndex>();

/** The index of the resources a stack policy is given, built once for all policies of one call. */
export function sharedStackIndex(resources: readonly PolicyResource[]): StackIndex {
  const first = resources.find((r) => READERS[r.type] !== undefined);
  const key = first && readTarget(first.props);
  if (key === undefined) return StackIndex.fromPolicyResources(resources);
  let index = indexes.get(key);
  if (index === undefined) {
    index = StackIndex.fromPolicyResources(resources);
    indexes.set(key, index);
  }
  return index;
}
