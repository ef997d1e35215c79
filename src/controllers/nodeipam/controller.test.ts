import { afterEach, describe, expect, it } from 'vitest';
import type { Node } from '../../api/index.js';
import { refs } from '../../client/index.js';
import { makeHarness, until, type Harness } from '../endpoints/testing/index.js';
import { nodeIpamController, podCIDRsOf } from './controller.js';

let h: Harness;
let done: Promise<void>;

const node = (name: string, podCIDR?: string): Node => ({ metadata: { name }, spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {} });
const cidrOf = (name: string) => h.object<Node>(refs.nodes, '', name)?.spec?.podCIDR;

async function start(options: Parameters<typeof nodeIpamController>[0]): Promise<void> {
  const run = nodeIpamController(options).start(h.ctx);
  await h.sync();
  done = run();
}

afterEach(async () => {
  h.abort.abort();
  await done;
  await h.stop();
});

describe('node IPAM controller', () => {
  it('gives every node its own /24 of the cluster CIDR, rebuilding what is taken from existing nodes', async () => {
    h = makeHarness();
    h.server.put(refs.nodes, node('old', '10.244.0.0/24'));
    h.server.put(refs.nodes, node('a'));
    h.server.put(refs.nodes, node('b'));
    await start({ workers: 2 });
    await until(() => !!cidrOf('a') && !!cidrOf('b'), { what: 'cidrs assigned' });
    const all = ['old', 'a', 'b'].map(cidrOf);
    expect(new Set(all).size).toBe(3);
    expect(all).not.toContain(undefined);
    for (const c of all) expect(c).toMatch(/^10\.244\.\d+\.0\/24$/);
    expect(podCIDRsOf(h.object<Node>(refs.nodes, '', 'a')!)).toEqual([cidrOf('a')]);
  });

  it('reports CIDRAssignmentFailed when the range is full, and assigns once a node is deleted', async () => {
    h = makeHarness();
    h.server.put(refs.nodes, node('a'));
    h.server.put(refs.nodes, node('b'));
    await start({ workers: 1, clusterCIDRs: ['10.0.0.0/31'], nodeCIDRMaskSizeIPv4: 32 });
    await until(() => [cidrOf('a'), cidrOf('b')].every(Boolean), { what: 'two nodes assigned' });
    h.server.put(refs.nodes, node('c'));
    await until(() => h.server.store.list('/events', '').some((e) => (e as { reason?: string }).reason === 'CIDRAssignmentFailed'), { what: 'failure event' });
    expect(cidrOf('c')).toBeUndefined();
    const freed = cidrOf('a');
    h.server.remove(refs.nodes, '', 'a');
    await until(() => cidrOf('c') === freed, { what: 'freed cidr reused' });
  });
});
