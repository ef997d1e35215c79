import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { checkTxn, prefixEnd } from './keys.js';

const utf8Less = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;

describe('prefixEnd', () => {
  it('is the smallest UTF-8-ordered bound above every key with the prefix', () => {
    expect(prefixEnd('/registry/pods/')).toBe('/registry/pods0');
    expect(prefixEnd('a')).toBe('b');
    expect(prefixEnd('')).toBeNull();
    for (const [prefix, inside, outside] of [
      ['/a\u{d7ff}', '/a\u{d7ff}\u{10ffff}', '/a\u{e000}'],
      ['x\u{10ffff}', 'x\u{10ffff}\u{10ffff}z', 'y'],
      ['é', 'é\u{ffff}', 'ê'],
    ] as const) {
      const end = prefixEnd(prefix)!;
      expect(utf8Less(inside, end), `${inside} < ${end}`).toBe(true);
      expect(utf8Less(outside, end), `${outside} ≥ ${end}`).toBe(false);
    }
    expect(prefixEnd('\u{10ffff}\u{10ffff}')).toBeNull();
  });
});

describe('checkTxn', () => {
  it('rejects two writes to one key in one branch, as etcd does', () => {
    const put = { type: 'put' as const, key: '/k', value: 'v' };
    expect(() => checkTxn({ compare: [], success: [put, { type: 'delete', key: '/k' }] })).toThrow(StoreError);
    expect(() => checkTxn({ compare: [], success: [put, { type: 'get', key: '/k' }], failure: [put] })).not.toThrow();
  });
});
