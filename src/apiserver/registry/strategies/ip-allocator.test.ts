import { describe, expect, it } from 'vitest';
import { IpAllocator } from './ip-allocator.js';

describe('IpAllocator', () => {
  it('hands out the first address first, then the rest without collisions', () => {
    const a = new IpAllocator('10.96.0.0/12');
    expect(a.allocate()).toBe('10.96.0.1');
    expect(a.reserve('10.96.0.2')).toBe(true);
    expect(a.allocate()).toBe('10.96.0.3');
    expect(a.reserve('10.96.0.3')).toBe(false);
  });

  it('rejects addresses outside the range, and the network and broadcast addresses', () => {
    const a = new IpAllocator('10.96.0.0/24');
    expect(() => a.reserve('10.97.0.1')).toThrow(/not in the valid range/);
    expect(() => a.reserve('10.96.0.0')).toThrow(RangeError);
    expect(() => a.reserve('10.96.0.255')).toThrow(RangeError);
  });

  it('fills a small range exactly and reports when it is full; released addresses come back', () => {
    const a = new IpAllocator('10.0.0.0/29'); // 6 usable
    const got = new Set(Array.from({ length: 6 }, () => a.allocate()));
    expect(got.size).toBe(6);
    expect(() => a.allocate()).toThrow(/range is full/);
    a.release('10.0.0.4');
    expect(a.allocate()).toBe('10.0.0.4');
  });

  it('rejects a malformed CIDR', () => {
    expect(() => new IpAllocator('10.96.0.0')).toThrow(TypeError);
    expect(() => new IpAllocator('300.0.0.0/8')).toThrow(TypeError);
  });
});
