/**
 * Deep freezing of decoded JSON values, for objects shared by many readers (the watch cache's objects, handed as is
 * to every in-process watcher). A reader that tries to change a frozen object gets a TypeError (ES modules run in
 * strict mode) instead of silently corrupting what every other reader sees.
 */

/** Freezes `value` and everything reachable from it; returns `value`. Already-frozen subtrees are not walked again. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null) deepFreeze(v);
  } else {
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (typeof v === 'object' && v !== null) deepFreeze(v);
    }
  }
  return value;
}
