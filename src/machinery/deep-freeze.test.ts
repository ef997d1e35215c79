import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays so writes throw', () => {
    const o = deepFreeze({ metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } });
    expect(Object.isFrozen(o.metadata.labels)).toBe(true);
    expect(Object.isFrozen(o.spec.containers[0]!.ports[0])).toBe(true);
    expect(() => {
      (o.metadata.labels as Record<string, string>).b = '2';
    }).toThrow(TypeError);
    expect(() => o.spec.containers.push({ name: 'd', ports: [] })).toThrow(TypeError);
  });

  it('returns primitives and null unchanged', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
    expect(deepFreeze('x')).toBe('x');
  });

  it('stops at subtrees that are already frozen', () => {
    const inner = Object.freeze({ deep: { x: 1 } });
    const o = deepFreeze({ inner, other: { y: 2 } });
    expect(Object.isFrozen(o.other)).toBe(true);
    // The pre-frozen subtree is taken as is: its own children were not walked.
    expect(Object.isFrozen(inner.deep)).toBe(false);
  });
});
