/**
 * Builds the JSON `pulumi stack export` writes, from a program run with every value known (as after
 * `pulumi up`): the engine's default AWS provider first, and each custom resource referring to it.
 */
import { CapturedResource } from "./capture";
import { DEFAULT_AWS_PROVIDER, AWS_VERSION } from "./program";

export function stackExport(resources: CapturedResource[], region = "us-east-1"): StackExport {
  const stack = resources[0].urn.split("::").slice(0, 2).join("::");
  const provider = {
    urn: `${stack}::pulumi:providers:aws::${DEFAULT_AWS_PROVIDER}`,
    custom: true,
    id: "0b3d6a5e-7c1f-4f0e-9a51-6d8e2f4c1a90",
    type: "pulumi:providers:aws",
    inputs: { region, version: AWS_VERSION },
    outputs: { region, version: AWS_VERSION },
  };
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-11-24T08:00:00Z", magic: "", version: "v3.200.0" },
      secrets_providers: { type: "service" },
      resources: [
        provider,
        ...resources.map((r) => ({
          urn: r.urn,
          custom: r.custom,
          ...(r.custom ? { id: `${r.name}-id` } : {}),
          type: r.type,
          inputs: structuredClone(r.inputs),
          outputs: structuredClone(r.outputs),
          ...(r.parent ? { parent: r.parent } : {}),
          ...(r.custom ? { provider: `${provider.urn}::${provider.id}` } : {}),
          dependencies: r.dependencies,
          propertyDependencies: r.propertyDependencies,
          protect: r.protect,
        })),
      ],
    },
  };
}

/** The parts of a stack export the tests change. */
export interface StackExport {
  version: number;
  deployment: {
    manifest: object;
    secrets_providers: { type: string; state?: { salt: string } };
    resources: ExportedResource[];
    pending_operations?: { type: string; resource: ExportedResource }[];
  };
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  [key: string]: unknown;
}
