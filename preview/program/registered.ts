/**
 * A resource registration as the engine received it, read from the request alone: reading one does
 * not load the @pulumi/pulumi SDK, which npm start leaves to each program's own copy.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";

export interface RegisteredResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent?: string;
  /** The serialized inputs, unknowns and secrets encoded as on the wire. */
  readonly properties: Struct;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
}

/** The registration `req`, under the URN the engine gave it. */
export function registered(req: RegisterResourceRequest, urn: string): RegisteredResource {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent() || undefined,
    properties: req.getObject()!,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    retainOnDelete: req.getRetainondelete() ?? false,
    protect: req.getProtect() ?? false,
  };
}
