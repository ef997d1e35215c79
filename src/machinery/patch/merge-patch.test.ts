import { describe, expect, it } from 'vitest';
import { PatchError } from './errors.js';
import type { JsonValue } from './json.js';
import { applyMergePatch, createMergePatch } from './merge-patch.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

// RFC 7386 Appendix A: original, patch, result.
const RFC_EXAMPLES: [JsonValue, JsonValue, JsonValue][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('applyMergePatch', () => {
  it.each(RFC_EXAMPLES)('RFC 7386 example: %j + %j', (original, patch, result) => {
    expect(applyMergePatch(deepFreeze(original), deepFreeze(patch))).toEqual(result);
  });

  it('deletes with null, merges nested maps and replaces lists whole', () => {
    const live = deepFreeze({ metadata: { labels: { app: 'web', tier: 'front' } }, spec: { ports: [{ port: 80 }, { port: 443 }] } });
    const out = applyMergePatch(live, { metadata: { labels: { tier: null, team: 'blue' } }, spec: { ports: [{ port: 8080 }] } });
    expect(out).toEqual({ metadata: { labels: { app: 'web', team: 'blue' } }, spec: { ports: [{ port: 8080 }] } });
  });

  it('returns a result sharing nothing with its inputs', () => {
    const doc = deepFreeze({ keep: { deep: [1] } });
    const patch = deepFreeze({ added: { x: [2] } });
    const out = applyMergePatch(doc, patch) as { keep: object; added: object };
    expect(out.keep).not.toBe(doc.keep);
    expect(out.added).not.toBe(patch.added);
  });

  it('rejects a null patch as Kubernetes does (400)', () => {
    expect(() => applyMergePatch({ a: 1 }, null)).toThrow(PatchError);
    expect(() => applyMergePatch({ a: 1 }, null)).toThrow(expect.objectContaining({ reason: 'InvalidPatch', code: 400 }));
  });
});

describe('createMergePatch', () => {
  it('emits additions, changes and null deletions, recursing into maps only', () => {
    const original = deepFreeze({ a: 1, b: { c: 1, d: 2 }, list: [1, 2], gone: true });
    const modified = deepFreeze({ a: 1, b: { c: 3, d: 2 }, list: [2], added: 'x' });
    expect(createMergePatch(original, modified)).toEqual({ b: { c: 3 }, list: [2], gone: null, added: 'x' });
  });

  it('gives an empty patch for equal documents', () => {
    expect(createMergePatch({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual({});
  });

  it.each(RFC_EXAMPLES.filter(([, , r]) => !JSON.stringify(r).includes('null')))(
    'round-trips: apply(original, create(original, result)) = result for %j',
    (original, _patch, result) => {
      expect(applyMergePatch(original, createMergePatch(original, result))).toEqual(result);
    },
  );
});
