import { describe, expect, it } from 'vitest';
import { isRuntimeError } from '../service.js';
import { PodCidrAllocator } from './ip-allocator.js';

describe('PodCidrAllocator', () => {
  it('hands out addresses after the gateway, never the network or broadcast address', () => {
    const a = new PodCidrAllocator('10.244.1.0/24');
    expect(a.gateway).toBe('10.244.1.1');
    expect(a.capacity).toBe(253);
    expect([a.allocate(), a.allocate()]).toEqual(['10.244.1.2', '10.244.1.3']);
  });

  it('never reuses an address while it is in use, and reuses released ones as late as possible', () => {
    const a = new PodCidrAllocator('10.244.1.0/29');
    const ips = [a.allocate(), a.allocate(), a.allocate()];
    expect(ips).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    a.release('10.244.1.3');
    expect(a.allocate()).toBe('10.244.1.5');
    expect(a.allocate()).toBe('10.244.1.6');
    expect(a.allocate()).toBe('10.244.1.3');
    expect(a.inUse).toBe(5);
  });

  it('fails like host-local when the range is exhausted', () => {
    const a = new PodCidrAllocator('10.0.0.0/30');
    expect(a.allocate()).toBe('10.0.0.2');
    let err: unknown;
    try {
      a.allocate();
    } catch (e) {
      err = e;
    }
    expect(isRuntimeError(err, 'ResourceExhausted')).toBe(true);
    expect((err as Error).message).toBe('failed to allocate for range 0: no IP addresses available in range set: 10.0.0.2-10.0.0.2');
  });

  it('normalises the CIDR and rejects bad ones', () => {
    expect(new PodCidrAllocator('10.244.7.9/24').cidr).toBe('10.244.7.0/24');
    expect(() => new PodCidrAllocator('10.244.1.0')).toThrow(/invalid pod CIDR/);
    expect(() => new PodCidrAllocator('10.244.1.300/24')).toThrow(/invalid IPv4/);
  });
});
