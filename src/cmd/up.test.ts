import { describe, expect, it } from 'vitest';
import { clusterCidrFor } from './up.js';

describe('clusterCidrFor', () => {
  it("keeps kind's 10.244.0.0/16 while every node fits a /24 of it", () => {
    expect(clusterCidrFor(1)).toBe('10.244.0.0/16');
    expect(clusterCidrFor(256)).toBe('10.244.0.0/16');
  });

  it('widens to the smallest aligned block with a /24 for every node', () => {
    expect(clusterCidrFor(257)).toBe('10.244.0.0/15');
    expect(clusterCidrFor(1000)).toBe('10.244.0.0/14');
    expect(clusterCidrFor(4096)).toBe('10.240.0.0/12');
    expect(clusterCidrFor(65_536)).toBe('10.0.0.0/8');
  });
});
