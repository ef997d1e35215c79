import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/index.js';
import { compareActivePodsWithRanks, podDeletionCost, podsToDelete, rankPodsForDeletion, type RankedPod } from './pod-ranking.js';

// The cases of kubernetes pkg/controller TestSortingActivePodsWithRanks.
const NOW = Date.UTC(2026, 0, 10);
const HOUR = 3600_000;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
const then1Month = NOW - 30 * 24 * HOUR;

function pod(name: string, o: { node?: string; phase: 'Pending' | 'Running' | 'Unknown'; ready: boolean; restarts?: number; readySince?: number; created?: number; cost?: string }): Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      ...(o.created !== undefined ? { creationTimestamp: iso(o.created)! } : {}),
      ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase,
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', ...(o.readySince !== undefined ? { lastTransitionTime: iso(o.readySince)! } : {}) }],
      containerStatuses: [{ name: 'c', ready: o.ready, restartCount: o.restarts ?? 0, image: '', imageID: '' }],
    },
  };
}

const unscheduled = pod('unscheduled', { phase: 'Pending', ready: false });
const scheduledPending = pod('pending', { node: 'node', phase: 'Pending', ready: false });
const unknownPhase = pod('unknown-phase', { node: 'node', phase: 'Unknown', ready: false });
const runningNotReady = pod('not-ready', { node: 'node', phase: 'Running', ready: false });
const readyNoTransition = pod('ready-no-last-transition-time', { node: 'node', phase: 'Running', ready: true });
const readyNow = pod('ready-now', { node: 'node', phase: 'Running', ready: true, readySince: NOW, created: NOW });
const readyThen = pod('ready-then', { node: 'node', phase: 'Running', ready: true, readySince: then1Month, created: then1Month });
const readyNowHighRestarts = pod('ready-high-restarts', { node: 'node', phase: 'Running', ready: true, restarts: 9001, readySince: NOW, created: NOW });
const readyNowCreatedThen = pod('ready-now-created-then', { node: 'node', phase: 'Running', ready: true, readySince: NOW, created: then1Month });
const lowCost = pod('low-deletion-cost', { node: 'node', phase: 'Running', ready: true, readySince: NOW, created: then1Month, cost: '10' });
const highCost = pod('high-deletion-cost', { node: 'node', phase: 'Running', ready: true, readySince: NOW, created: then1Month, cost: '100' });
const unscheduled5h = pod('unscheduled-5-hours', { phase: 'Pending', ready: false, readySince: NOW - 5 * HOUR, created: NOW - 5 * HOUR });
const unscheduled8h = pod('unscheduled-8-hours', { phase: 'Pending', ready: false, readySince: NOW - 8 * HOUR, created: NOW - 8 * HOUR });
const ready2h = pod('ready-2-hours', { phase: 'Running', ready: true, readySince: NOW - 2 * HOUR, created: then1Month });
const ready5h = pod('ready-5-hours', { phase: 'Running', ready: true, readySince: NOW - 5 * HOUR, created: then1Month });
const ready8h = pod('ready-8-hours', { phase: 'Running', ready: true, readySince: NOW - 8 * HOUR, created: then1Month });

const r = (p: Pod, rank: number): RankedPod => ({ pod: p, rank });

describe('compareActivePodsWithRanks', () => {
  it.each([
    ['unscheduled', unscheduled, unscheduled],
    ['pending', scheduledPending, scheduledPending],
    ['ready now', readyNow, readyNow],
    ['unscheduled 5h vs 8h (same log2 bucket)', unscheduled5h, unscheduled8h],
    ['ready 5h vs 8h (same log2 bucket)', ready5h, ready8h],
  ])('%s compare equal', (_n, a, b) => {
    expect(compareActivePodsWithRanks(r(a, 1), r(b, 1), NOW)).toBe(0);
    expect(compareActivePodsWithRanks(r(b, 1), r(a, 1), NOW)).toBe(0);
  });

  it.each([
    ['unassigned < assigned, whatever the rank', r(unscheduled, 1), r(scheduledPending, 2)],
    ['unassigned < assigned (rank reversed)', r(unscheduled, 2), r(scheduledPending, 1)],
    ['pending < unknown', r(scheduledPending, 1), r(unknownPhase, 2)],
    ['unknown < running', r(unknownPhase, 1), r(runningNotReady, 2)],
    ['not ready < ready', r(runningNotReady, 1), r(readyNoTransition, 1)],
    ['ready without transition time < ready now', r(readyNoTransition, 1), r(readyNow, 1)],
    ['more doubled up < fewer', r(readyNow, 2), r(readyNoTransition, 1)],
    ['ready more recently < ready long ago', r(readyNow, 1), r(readyThen, 1)],
    ['doubled up beats ready time', r(readyNow, 2), r(readyThen, 1)],
    ['more restarts < fewer', r(readyNowHighRestarts, 1), r(readyNow, 1)],
    ['doubled up beats restarts', r(readyNow, 2), r(readyNowHighRestarts, 1)],
    ['created more recently < created long ago', r(readyNow, 1), r(readyNowCreatedThen, 1)],
    ['doubled up beats creation time', r(readyNowCreatedThen, 2), r(readyNow, 1)],
    ['lower deletion cost < higher, whatever the rank', r(lowCost, 2), r(highCost, 1)],
    ['both unassigned: pending < running', r(unscheduled8h, 1), r(ready8h, 1)],
    ['ready 2h < ready 5h (different log2 buckets)', r(ready2h, 1), r(ready5h, 1)],
  ])('%s', (_n, lesser, greater) => {
    expect(compareActivePodsWithRanks(lesser, greater, NOW)).toBeLessThan(0);
    expect(compareActivePodsWithRanks(greater, lesser, NOW)).toBeGreaterThan(0);
  });
});

describe('rankPodsForDeletion / podsToDelete', () => {
  it('orders a mixed set for deletion', () => {
    const order = rankPodsForDeletion([readyThen, readyNow, runningNotReady, unscheduled, scheduledPending], [], NOW).map((p) => p.metadata.name);
    expect(order).toEqual(['unscheduled', 'pending', 'not-ready', 'ready-now', 'ready-then']);
  });

  it('prefers pods whose node holds more related active pods', () => {
    const onA = { ...readyThen, metadata: { ...readyThen.metadata, name: 'on-a' }, spec: { ...readyThen.spec!, nodeName: 'a' } };
    const onB = { ...readyThen, metadata: { ...readyThen.metadata, name: 'on-b' }, spec: { ...readyThen.spec!, nodeName: 'b' } };
    const related = [onA, onB, { ...onB, metadata: { ...onB.metadata, name: 'sibling-on-b' } }];
    expect(podsToDelete([onA, onB], related, 1, NOW).map((p) => p.metadata.name)).toEqual(['on-b']);
  });

  it('returns every pod unsorted when all of them go', () => {
    expect(podsToDelete([readyThen, unscheduled], [], 5, NOW)).toEqual([readyThen, unscheduled]);
  });

  it('reads the deletion cost as an int32, 0 when invalid', () => {
    expect(podDeletionCost(lowCost)).toBe(10);
    expect(podDeletionCost(pod('x', { phase: 'Running', ready: true, cost: 'abc' }))).toBe(0);
    expect(podDeletionCost(pod('x', { phase: 'Running', ready: true, cost: '99999999999' }))).toBe(0);
  });
});
