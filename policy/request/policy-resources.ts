/**
 * The resources @pulumi/policy hands a stack policy, as plain data: the way in when the request
 * cannot be read directly (./index.ts). Touching a value unknown during a preview through
 * @pulumi/policy's proxy throws, which would skip the whole policy, so each value is read through
 * the proxy and an unknown one becomes UNKNOWN.
 */
import type { PolicyProviderResource, PolicyResource } from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
import { ProviderInfo, RawResource, UNKNOWN } from "../stack";
import { memo } from "../stack/maps";

/** Those of `resources` whose type is in `types`, as plain data. */
export function* policyResources(
  resources: readonly PolicyResource[],
  types: Readonly<Record<string, unknown>>,
): Generator<RawResource> {
  // The resources of one provider share its description, read once.
  const providers = new Map<string, ProviderInfo>();
  for (const r of resources) {
    if (!types[r.type]) continue;
    const { provider } = r;
    yield {
      type: r.type,
      urn: r.urn,
      name: r.name,
      props: snapshot(r.props) as Record<string, unknown>,
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
      ),
      dependencies: r.dependencies.map((d) => d.urn),
      provider: provider && memo(providers, provider.urn, () => providerInfo(provider)),
    };
  }
}

/** A provider as @pulumi/policy gives it, as plain data. */
function providerInfo(provider: PolicyProviderResource): ProviderInfo {
  return {
    type: provider.type,
    urn: provider.urn,
    name: provider.name,
    props: snapshot(provider.props) as Record<string, unknown>,
  };
}

/** A copy of `value` as plain data, with UNKNOWN where a value is not known yet. */
export function snapshot(value: unknown): unknown {
  return value === null || typeof value !== "object" ? value : readThrough(value);
}

function readThrough(value: object): unknown {
  if (Array.isArray(value)) {
    const length = read(value, "length");
    if (length === UNKNOWN) return UNKNOWN;
    return Array.from({ length: length as number }, (_, i) => snapshot(read(value, String(i))));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = snapshot(read(value, key));
  return copy;
}

function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch (e) {
    if (e instanceof UnknownValueError) return UNKNOWN;
    throw e;
  }
}
