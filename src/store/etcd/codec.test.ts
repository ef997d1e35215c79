import { describe, expect, it } from 'vitest';
import { KeyCodec, prefixEnd, toRevision } from './codec.js';

const str = (b: Buffer) => b.toString('latin1');

describe('etcd codec', () => {
  it('prefixEnd increments the last byte below 0xff, dropping trailing 0xff bytes', () => {
    expect(str(prefixEnd(Buffer.from('/a/')))).toBe('/a0');
    expect([...prefixEnd(Buffer.from([0x61, 0xff, 0xff]))]).toEqual([0x62]);
    expect([...prefixEnd(Buffer.from([0xff]))]).toEqual([0]);
  });

  it('namespaces keys and strips the namespace on the way back', () => {
    const c = new KeyCodec('/ns/');
    expect(str(c.encode('/k'))).toBe('/ns//k');
    expect(c.decodeKey(Buffer.from('/ns//ключ'))).toBe('/ключ');
    expect(c.decodeKv({ key: Buffer.from('/ns//k'), value: Buffer.from('v'), create_revision: '3', mod_revision: '5', version: '2', lease: '0' }))
      .toEqual({ key: '/k', value: 'v', createRevision: 3, modRevision: 5, version: 2 });
  });

  it('an empty prefix without namespace is the whole keyspace', () => {
    const r = new KeyCodec('').prefixRange('');
    expect([...r.key, ...r.rangeEnd]).toEqual([0, 0]);
    const ns = new KeyCodec('/ns/').prefixRange('');
    expect([str(ns.key), str(ns.rangeEnd)]).toEqual(['/ns/', '/ns0']);
  });

  it('a page starts just after `after`, never before the prefix', () => {
    const c = new KeyCodec('');
    expect(str(c.pageRange('/p/', '/p/2').key)).toBe('/p/2\0');
    expect(str(c.pageRange('/p/', '/a').key)).toBe('/p/');
    expect(str(c.pageRange('/p/', '/a').rangeEnd)).toBe('/p0');
  });

  it('revisions must be safe integers', () => {
    expect(toRevision('42')).toBe(42);
    expect(toRevision(undefined)).toBe(0);
    expect(() => toRevision('9007199254740993')).toThrow(RangeError);
  });
});
