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
