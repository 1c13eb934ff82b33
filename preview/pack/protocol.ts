/**
 * The analyzer protocol's messages as plain values: a resource as the engine sends it to a policy
 * pack, and what the pack says about itself and about the resources.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PulumiStruct } from "../grpc";

/** Properties as sent: a google-protobuf Struct, or a Struct already encoded. */
export type WireProperties = Struct | Uint8Array;

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
/** The enforcement levels, in the order of the protocol's enum. */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "disabled",
  "remediate",
];

/** The provider of a resource, as the engine sends it to analyzers. */
export interface AnalyzerProvider {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: WireProperties;
}

/** A resource as the engine sends it to analyzers. */
export interface AnalyzerInput {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: WireProperties;
  readonly parent?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly protect: boolean;
  readonly provider?: AnalyzerProvider;
}

/** An analyzer input from plain properties; `links` maps a property to the URNs its value came from. */
export function analyzerInput(
  type: string,
  name: string,
  urn: string,
  props: object,
  links: Record<string, string[]> = {},
): AnalyzerInput {
  return {
    type,
    name,
    urn,
    properties: PulumiStruct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]),
    dependencies: [...new Set(Object.values(links).flat())],
    propertyDependencies: links,
    protect: false,
  };
}

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  /** JSON Schema properties of the policy's config. */
  readonly configSchema: Record<string, Record<string, unknown>>;
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly policies: PolicyInfo[];
}

export interface PolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

export interface Diagnostic {
  readonly policyName: string;
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn?: string;
}

export interface StackAnalysis {
  readonly diagnostics: Diagnostic[];
  /** Policies that reported they do not apply, with why. */
  readonly notApplicable: { policyName: string; reason: string }[];
}
