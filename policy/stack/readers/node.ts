/** What every reader reads alike: a resource's identity and place, and the resources a property points at. */
import { locate } from "../location";
import { ListReference, Reference } from "../model";
import { list, obj, str, UNKNOWN, Unknown } from "../maybe-unknown";
import { RawResource } from "../raw-resource";

/** The resource's URN, names, type and place, which every node of the chain has. */
export function node(r: RawResource) {
  return { urn: r.urn, name: r.name, type: r.type, where: locate(r.props, r.provider) };
}

/** What the property `key` points at: the resources its value came from, and the value. */
export function reference(r: RawResource, key: string): Reference {
  const value = str(r.props[key]);
  const urns = r.propertyDependencies[key] ?? [];
  // Without property dependencies, an unknown value may still be traced through dependsOn-style links.
  return { urns: urns.length === 0 && value === UNKNOWN ? r.dependencies : urns, value };
}

/** What the list property `key` points at: the resources its items came from, and each item. */
export function listReference(r: RawResource, key: string): ListReference {
  const values = list(r.props[key]);
  return {
    urns: r.propertyDependencies[key] ?? [],
    values: values === UNKNOWN ? UNKNOWN : values.map(str),
  };
}

/** Each object of a list property, read with `map`; UNKNOWN while the list is. */
export function optionalList<T>(value: unknown, map: (item: Record<string, unknown>) => T): T[] | Unknown {
  const items = list(value);
  return items === UNKNOWN ? UNKNOWN : items.map((item) => map(obj(item)));
}
