import { describe, expect, it } from 'vitest';
import { KeyedHeap } from './heap.js';

describe('KeyedHeap', () => {
  it('pops in order and supports update and delete by key', () => {
    const h = new KeyedHeap<{ k: string; v: number }>((x) => x.k, (a, b) => a.v < b.v);
    for (const [k, v] of [['a', 5], ['b', 1], ['c', 9], ['d', 3], ['e', 7]] as const) h.addOrUpdate({ k, v });
    h.addOrUpdate({ k: 'c', v: 0 });
    expect(h.delete('d')?.v).toBe(3);
    expect(h.delete('zz')).toBeUndefined();
    const out: string[] = [];
    for (let x = h.pop(); x; x = h.pop()) out.push(x.k);
    expect(out).toEqual(['c', 'b', 'a', 'e']);
    expect(h.size).toBe(0);
  });

  it('stays ordered under random operations', () => {
    const h = new KeyedHeap<{ k: string; v: number }>((x) => x.k, (a, b) => a.v < b.v);
    const ref = new Map<string, number>();
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const k = `k${Math.floor(rnd() * 50)}`;
      if (rnd() < 0.3) {
        h.delete(k);
        ref.delete(k);
      } else {
        const v = Math.floor(rnd() * 1000);
        h.addOrUpdate({ k, v });
        ref.set(k, v);
      }
    }
    const popped: number[] = [];
    for (let x = h.pop(); x; x = h.pop()) popped.push(x.v);
    expect(popped).toEqual([...ref.values()].sort((a, b) => a - b));
  });
});
