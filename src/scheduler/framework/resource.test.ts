import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/index.js';
import { makePod } from '../testing/builders.js';
import { DEFAULT_MEMORY_REQUEST, podRequests, quantityToNumber, Resource } from './resource.js';

const obj = (m: Map<string, number>) => Object.fromEntries(m);

describe('podRequests (component-helpers PodRequests)', () => {
  const tests: { name: string; pod: Pod; nonMissing?: boolean; want: Record<string, number> }[] = [
    { name: 'sums regular containers', pod: makePod('p').req({ cpu: '1', memory: '1Gi' }).req({ cpu: '500m', memory: '1Gi' }).obj(), want: { cpu: 1500, memory: 2 * 2 ** 30 } },
    {
      name: 'init containers: the max of the containers sum and any init container (kubernetes example: 3 cpu, 3G)',
      pod: makePod('p').initReq({ cpu: '2', memory: '1G' }).initReq({ cpu: '2', memory: '3G' }).req({ cpu: '2', memory: '1G' }).req({ cpu: '1', memory: '1G' }).obj(),
      want: { cpu: 3000, memory: 3e9 },
    },
    {
      name: 'sidecars add to the containers and to every later init container',
      pod: makePod('p').initReq({ cpu: '1' }, { sidecar: true }).initReq({ cpu: '3' }).req({ cpu: '1' }).obj(),
      // containers 1 + sidecar 1 = 2; the later init container needs 3 + sidecar 1 = 4.
      want: { cpu: 4000 },
    },
    { name: 'adds pod overhead', pod: makePod('p').req({ cpu: '1' }).overhead({ cpu: '250m', memory: '120Mi' }).obj(), want: { cpu: 1250, memory: 120 * 2 ** 20 } },
    {
      name: 'non-missing: containers without cpu/memory requests count 100m/200Mi',
      pod: makePod('p').container('nginx').req({ cpu: '1' }).obj(),
      nonMissing: true,
      want: { cpu: 1100, memory: 2 * DEFAULT_MEMORY_REQUEST },
    },
    { name: 'no containers, no requests', pod: makePod('p').obj(), want: {} },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      expect(obj(podRequests(tt.pod, { nonMissing: tt.nonMissing }))).toEqual(tt.want);
    });
  }

  it('pod-level requests override the aggregate for cpu and memory', () => {
    const pod = makePod('p').req({ cpu: '1', memory: '1Gi' }).obj();
    pod.spec!.resources = { requests: { cpu: '3' } };
    expect(obj(podRequests(pod))).toEqual({ cpu: 3000, memory: 2 ** 30 });
  });
});

describe('quantityToNumber', () => {
  it('reads cpu in millis, other resources in units, rounding up', () => {
    expect(quantityToNumber('cpu', '100m')).toBe(100);
    expect(quantityToNumber('cpu', '0.0001')).toBe(1);
    expect(quantityToNumber('memory', '500Mi')).toBe(500 * 2 ** 20);
    expect(quantityToNumber('pods', 110)).toBe(110);
  });

  it('reports a malformed quantity and reads it as 0', () => {
    const errors: string[] = [];
    expect(quantityToNumber('cpu', '1x1', { onError: (e) => errors.push(e.message) })).toBe(0);
    expect(errors).toHaveLength(1);
  });
});

describe('Resource', () => {
  it('adds and subtracts vectors including scalar resources', () => {
    const a = Resource.fromList({ cpu: '1', memory: '1Gi', 'example.com/gpu': '2', pods: '10' });
    const b = Resource.fromList({ cpu: '500m', 'example.com/gpu': '1' });
    a.addResource(b, -1);
    expect([a.milliCPU, a.memory, a.get('example.com/gpu'), a.allowedPodNumber]).toEqual([500, 2 ** 30, 1, 10]);
    expect(Resource.fromList({ 'not-scalar': '1' }).isZero()).toBe(true);
  });
});
