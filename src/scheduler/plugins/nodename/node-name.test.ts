import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../api/index.js';
import { Code } from '../../framework/status.js';
import { filterAll, makeNode, makePod, newTestFramework } from '../../testing/index.js';
import { Names } from '../names.js';
import { ErrReasonNodeName } from './node-name.js';

describe('NodeName Filter', () => {
  const tests: { name: string; pod: Pod; node: string; wantCode: number | null }[] = [
    { name: 'no host specified', pod: makePod('p').obj(), node: 'foo', wantCode: null },
    { name: 'host matches', pod: makePod('p').node('foo').obj(), node: 'foo', wantCode: null },
    { name: 'host doesn\'t match', pod: makePod('p').node('bar').obj(), node: 'foo', wantCode: Code.UnschedulableAndUnresolvable },
  ];
  for (const tt of tests) {
    it(tt.name, () => {
      const { fwk, snapshot } = newTestFramework({ nodes: [makeNode(tt.node).obj()], plugins: [Names.NodeName] });
      const [s] = filterAll(fwk, { snapshot, pod: tt.pod }).statuses;
      expect(s?.code ?? null).toBe(tt.wantCode);
      if (s) expect(s.reasons).toEqual([ErrReasonNodeName]);
    });
  }
});
