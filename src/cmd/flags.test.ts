import { describe, expect, it } from 'vitest';
import { clusterCidrFlag, positiveDurationFlag } from './flags.js';

describe('flag values', () => {
  it('--cluster-cidr takes comma-separated CIDRs that can hold node subnets (/24 IPv4, /64 IPv6)', async () => {
    expect(await clusterCidrFlag('10.244.0.0/16, fd00::/56')).toEqual(['10.244.0.0/16', 'fd00::/56']);
    await expect(clusterCidrFlag('bogus')).rejects.toThrow('invalid argument "bogus" for "--cluster-cidr" flag: invalid CIDR address: bogus');
    await expect(clusterCidrFlag('10.0.0.0/26')).rejects.toThrow('node mask size 24 does not fit cluster CIDR 10.0.0.0/26');
  });

  it('durations are Go durations and must be positive', async () => {
    expect(await positiveDurationFlag('--node-monitor-grace-period', '1m30s')).toBe(90_000);
    await expect(positiveDurationFlag('--x', '0s')).rejects.toThrow('invalid argument "0s" for "--x" flag: must be a positive duration');
    await expect(positiveDurationFlag('--x', '5x')).rejects.toThrow('time: unknown unit "x" in duration "5x"');
  });
});
