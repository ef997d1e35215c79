import { describe, expect, it } from 'vitest';
import { CidrSet, formatIP, parseCidr, parseIP } from './cidr-set.js';

describe('CidrSet', () => {
  it('hands out /24s of 10.244.0.0/16 in order, never twice', () => {
    const s = new CidrSet('10.244.0.0/16', 24);
    expect(s.max).toBe(256);
    expect([s.allocateNext(), s.allocateNext(), s.allocateNext()]).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    s.release('10.244.1.0/24');
    // round-robin: continues after the last allocation before reusing a released subnet
    expect(s.allocateNext()).toBe('10.244.3.0/24');
  });

  it('skips occupied subnets and reports Full when none is left', () => {
    const s = new CidrSet('10.0.0.0/30', 31);
    expect(s.occupy('10.0.0.0/31')).toBe(true);
    expect(s.allocateNext()).toBe('10.0.0.2/31');
    expect(() => s.allocateNext()).toThrowError(expect.objectContaining({ reason: 'Full' }));
    s.release('10.0.0.2/31');
    expect(s.allocateNext()).toBe('10.0.0.2/31');
  });

  it('occupies every subnet a larger range overlaps and ignores ranges outside it', () => {
    const s = new CidrSet('10.244.0.0/16', 24);
    expect(s.occupy('10.244.0.0/22')).toBe(true);
    expect(s.used).toBe(4);
    expect(s.occupy('192.168.0.0/24')).toBe(false);
    expect(s.occupy('fd00::/64')).toBe(false);
    expect(s.allocateNext()).toBe('10.244.4.0/24');
  });

  it('works for IPv6', () => {
    const s = new CidrSet('fd00:10:244::/56', 64);
    expect([s.allocateNext(), s.allocateNext()]).toEqual(['fd00:10:244::/64', 'fd00:10:244:1::/64']);
  });

  it('rejects bad input', () => {
    expect(() => parseCidr('10.244.0.0')).toThrowError(expect.objectContaining({ reason: 'InvalidCIDR' }));
    expect(() => parseCidr('300.1.1.1/8')).toThrowError(expect.objectContaining({ reason: 'InvalidCIDR' }));
    expect(() => new CidrSet('10.0.0.0/8', 25)).toThrowError(expect.objectContaining({ reason: 'MaskTooSmall' }));
    expect(parseCidr('10.244.7.9/16')).toEqual({ v6: false, base: parseIP('10.244.0.0')!.value, prefix: 16 });
    expect(formatIP(parseIP('2001:db8:0:0:1:0:0:1')!.value, true)).toBe('2001:db8::1:0:0:1');
  });
});
