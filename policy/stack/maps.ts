/** Small map helpers the index and the rules share. */

/** What `memo` caches in: a Map or a WeakMap. */
interface Cache<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): unknown;
}

/** The value cached under `key`, made and cached on first use (undefined is a value too). */
export function memo<K, V>(cache: Cache<K, V>, key: K, make: () => V): V {
  const found = cache.get(key);
  if (found !== undefined || cache.has(key)) return found as V;
  const value = make();
  cache.set(key, value);
  return value;
}

/** Lists by key, with an empty list for a missing key. */
export class Multimap<K, T> {
  private readonly map = new Map<K, T[]>();
  add(key: K, value: T): void {
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }
  get(key: K): readonly T[] {
    return this.map.get(key) ?? [];
  }
  /** The lists, one per key, in the order their keys were first added. */
  lists(): Iterable<readonly T[]> {
    return this.map.values();
  }
  *all(): Iterable<T> {
    for (const list of this.lists()) yield* list;
  }
}
