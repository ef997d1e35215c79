import { describe, expect, it } from 'vitest';
import type { NodeCondition } from '../../api/index.js';
import { setNodeConditions } from './conditions.js';

const NOW = '2026-01-01T00:01:00Z';
const EARLIER = '2026-01-01T00:00:00Z';

/** The conditions as the node lifecycle controller leaves them when the kubelet stopped posting status. */
function unknownConditions(): NodeCondition[] {
  return ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
    type,
    status: 'Unknown' as const,
    lastHeartbeatTime: EARLIER,
    lastTransitionTime: '2026-01-01T00:00:45Z',
    reason: 'NodeStatusUnknown',
    message: 'Kubelet stopped posting node status.',
  }));
}

describe('node condition setters', () => {
  it('appends the four conditions to a new node, recording only the pressure events', () => {
    const { conditions, events } = setNodeConditions(undefined, { health: { ready: true }, now: NOW });
    expect(conditions.map((c) => `${c.type}=${c.status}:${c.reason}@${c.lastTransitionTime}`)).toEqual([
      `MemoryPressure=False:KubeletHasSufficientMemory@${NOW}`,
      `DiskPressure=False:KubeletHasNoDiskPressure@${NOW}`,
      `PIDPressure=False:KubeletHasSufficientPID@${NOW}`,
      `Ready=True:KubeletReady@${NOW}`,
    ]);
    expect(events).toEqual(['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']);
  });

  it("overwrites the controller's Unknown with the kubelet's view and records the transitions", () => {
    const current = unknownConditions();
    const { conditions, events } = setNodeConditions(current, { health: { ready: true }, now: NOW });
    expect(conditions.find((c) => c.type === 'Ready')).toEqual({
      type: 'Ready',
      status: 'True',
      lastHeartbeatTime: NOW,
      lastTransitionTime: NOW,
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    });
    expect(conditions.find((c) => c.type === 'MemoryPressure')).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientMemory', lastTransitionTime: NOW });
    expect(events).toEqual(['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady']);
    expect(current[3]?.status).toBe('Unknown');
  });

  it('moves only the heartbeat of a condition whose status holds, keeping its reason and transition time', () => {
    const current: NodeCondition[] = [
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: EARLIER, lastTransitionTime: EARLIER, reason: 'Custom', message: 'set by someone' },
    ];
    const { conditions, events } = setNodeConditions(current, { health: { ready: false, notReadyMessage: 'PLEG is not healthy' }, now: NOW });
    expect(conditions[0]).toEqual({ ...current[0], lastHeartbeatTime: NOW });
    expect(conditions.at(-1)).toMatchObject({ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy' });
    expect(events).toEqual(['NodeHasNoDiskPressure', 'NodeHasSufficientPID']);
  });

  it('records NodeNotReady when Ready turns False and keeps the transition time while it stays False', () => {
    const ready = setNodeConditions(undefined, { health: { ready: true }, now: EARLIER }).conditions;
    const down = setNodeConditions(ready, { health: { ready: false }, now: NOW });
    expect(down.events).toEqual(['NodeNotReady']);
    const still = setNodeConditions(down.conditions, { health: { ready: false }, now: '2026-01-01T00:02:00Z' });
    expect(still.events).toEqual([]);
    expect(still.conditions.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe(NOW);
  });
});
