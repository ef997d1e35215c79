import { describe, expect, it } from 'vitest';
import { decodeFromStorage, encodeForStorage, MAX_OBJECT_BYTES } from './codec.js';

describe('storage codec', () => {
  it('stores objects without resourceVersion and restores it from the mod revision', () => {
    const obj = { metadata: { name: 'a', resourceVersion: '5' }, data: { k: 'v' } };
    const json = encodeForStorage(obj);
    expect(json).toBe('{"metadata":{"name":"a"},"data":{"k":"v"}}');
    expect(obj.metadata.resourceVersion).toBe('5');
    expect(decodeFromStorage({ key: '/k', value: json, modRevision: 9 }).metadata.resourceVersion).toBe('9');
  });

  it('refuses objects over 1.5 MiB with 413', () => {
    const big = { metadata: { name: 'big' }, data: { k: 'x'.repeat(MAX_OBJECT_BYTES) } };
    expect(() => encodeForStorage(big)).toThrow(expect.objectContaining({ code: 413, reason: 'RequestEntityTooLarge' }));
  });

  it('reports corrupt stored values as internal errors', () => {
    expect(() => decodeFromStorage({ key: '/k', value: '{nope', modRevision: 1 })).toThrow(expect.objectContaining({ code: 500 }));
    expect(() => decodeFromStorage({ key: '/k', value: '[]', modRevision: 1 })).toThrow(expect.objectContaining({ code: 500 }));
  });
});
