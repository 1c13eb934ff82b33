/**
 * The resources of an AnalyzeStack request as plain data, as @pulumi/policy would give them to a
 * policy: secrets opened, and the engine's unknown markers replaced by UNKNOWN.
 */
import { createRequire } from "module";
import { ProviderInfo, RawResource, UNKNOWN } from "../stack";
import { RequestedResource } from "../stack/buckets";
import { memo } from "../stack/maps";

interface ProtoStruct {
  toJavaScript(): Record<string, unknown>;
}

/** A resource of the request, as pulumi's analyzer protocol decodes it. */
export interface AnalyzerResource extends RequestedResource {
  getName(): string;
  getProperties(): (ProtoStruct & ReturnType<RequestedResource["getProperties"]>) | undefined;
  getPropertydependenciesMap(): RequestedResource["getPropertydependenciesMap"] extends () => infer M
    ? M & { entries(): Iterable<[string, { getUrnsList(): string[] }]> }
    : never;
  getProvider():
    | { getType(): string; getUrn(): string; getName(): string; getProperties(): ProtoStruct | undefined }
    | undefined;
}

/** The resources of a request as plain data; the resources of one provider share its converted description. */
export function plainResources(resources: readonly AnalyzerResource[]): RawResource[] {
  const providers = new Map<string, ProviderInfo>();
  return resources.map((r) => rawResource(r, providers));
}

function rawResource(r: AnalyzerResource, providers: Map<string, ProviderInfo>): RawResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of r.getPropertydependenciesMap().entries())
    propertyDependencies[key] = deps.getUrnsList();
  const provider = r.getProvider();
  return {
    type: r.getType(),
    urn: r.getUrn(),
    name: r.getName(),
    props: properties(r.getProperties()),
    propertyDependencies,
    dependencies: r.getDependenciesList(),
    provider:
      provider &&
      memo(providers, provider.getUrn(), () => ({
        type: provider.getType(),
        urn: provider.getUrn(),
        name: provider.getName(),
        props: properties(provider.getProperties()),
      })),
  };
}

// The engine marks a secret with this signature; a policy reads the value inside.
const SIGNATURE = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

// The values that mark an unknown, as the engine sends them and @pulumi/policy's proxies refuse them.
const proxy = createRequire(require.resolve("@pulumi/policy"))("./proxy") as Record<string, unknown>;
const UNKNOWNS = new Set(
  Object.keys(proxy)
    .filter((k) => /^unknown.*Value$/.test(k))
    .map((k) => proxy[k]),
);

function properties(struct: ProtoStruct | undefined): Record<string, unknown> {
  return (struct ? plain(struct.toJavaScript()) : {}) as Record<string, unknown>;
}

/** The engine's values made plain in place: the object is a fresh copy of the request's, and ours. */
function plain(value: unknown): unknown {
  if (typeof value === "string" && UNKNOWNS.has(value)) return UNKNOWN;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plain(value[i]);
    return value;
  }
  const object = value as Record<string, unknown>;
  if (object[SIGNATURE] === SECRET) return plain(object.value);
  for (const key of Object.keys(object)) object[key] = plain(object[key]);
  return object;
}
