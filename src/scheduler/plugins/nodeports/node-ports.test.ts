import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../api/index.js';
import { CycleState } from '../../framework/interface.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Code } from '../../framework/status.js';
import { filterAll, makeNode, makePod, newTestFramework } from '../../testing/index.js';
import { Names } from '../names.js';
import { ErrReasonNodePorts } from './node-ports.js';

const existing = (name: string, port: number, opts: { protocol?: 'TCP' | 'UDP'; hostIP?: string } = {}) => makePod(name).node('n').hostPort(port, opts).obj();

describe('NodePorts Filter', () => {
  const tests: { name: string; pod: Pod; existing: Pod[]; wantCode: number | null }[] = [
    { name: 'nothing running', pod: makePod('p').obj(), existing: [], wantCode: null },
    { name: 'other port', pod: makePod('p').hostPort(8080).obj(), existing: [existing('e', 9090)], wantCode: null },
    { name: 'same udp port', pod: makePod('p').hostPort(8080, { protocol: 'UDP' }).obj(), existing: [existing('e', 8080, { protocol: 'UDP' })], wantCode: Code.Unschedulable },
    { name: 'same tcp port', pod: makePod('p').hostPort(8080).obj(), existing: [existing('e', 8080)], wantCode: Code.Unschedulable },
    { name: 'different host ip', pod: makePod('p').hostPort(8080, { hostIP: '127.0.0.1' }).obj(), existing: [existing('e', 8080, { hostIP: '127.0.0.2' })], wantCode: null },
    { name: 'different protocol', pod: makePod('p').hostPort(8080, { protocol: 'UDP' }).obj(), existing: [existing('e', 8080)], wantCode: null },
    { name: 'second ip with 0.0.0.0 conflicts', pod: makePod('p').hostPort(8001, { hostIP: '127.0.0.1' }).obj(), existing: [existing('e', 8001)], wantCode: Code.Unschedulable },
    { name: '0.0.0.0 conflicts with a specific ip', pod: makePod('p').hostPort(8001).obj(), existing: [existing('e', 8001, { hostIP: '127.0.0.1' })], wantCode: Code.Unschedulable },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({ nodes: [makeNode('n').obj()], pods: tt.existing, plugins: [Names.NodePorts] });
      const [s] = filterAll(fwk, { snapshot, pod: tt.pod }).statuses;
      expect(s?.code ?? null).toBe(tt.wantCode);
      if (s) expect(s.reasons).toEqual([ErrReasonNodePorts]);
    });
  }

  it('skips its filter for pods without host ports', () => {
    const { fwk, snapshot } = newTestFramework({ nodes: [makeNode('n').obj()], pods: [existing('e', 80)], plugins: [Names.NodePorts] });
    const state = new CycleState(PodInfo.of(makePod('p').container('x').obj()));
    expect(fwk.runPreFilterPlugins(state, snapshot.list()).status).toBeNull();
    expect([...state.skipFilterPlugins]).toEqual([Names.NodePorts]);
  });
});
