import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import type { Pod } from '../../api/index.js';
import { makePod } from '../testing/index.js';
import { PodWorkers, type PodSyncer, type SyncPodResult } from './pod-workers.js';

interface Gate {
  promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** A syncer that records its calls and can be held at will. */
class FakeSyncer implements PodSyncer {
  calls: string[] = [];
  active = 0;
  maxActive = 0;
  hold?: Gate;
  result: SyncPodResult = { terminal: false };
  failNext = false;
  lastSignal?: AbortSignal;
  graces: number[] = [];

  private async enter<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
    this.calls.push(label);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.hold) await this.hold.promise;
      if (this.failNext) {
        this.failNext = false;
        throw new Error('injected sync failure');
      }
      return await fn();
    } finally {
      this.active--;
    }
  }

  syncPod(pod: Pod): Promise<SyncPodResult> {
    return this.enter(`sync:${pod.metadata.resourceVersion ?? ''}`, () => this.result);
  }

  syncTerminatingPod(_pod: Pod, ctx: { gracePeriodSeconds: number; signal: AbortSignal }): Promise<void> {
    this.lastSignal = ctx.signal;
    this.graces.push(ctx.gracePeriodSeconds);
    return this.enter(`terminating:${ctx.gracePeriodSeconds}`, async () => {
      if (ctx.signal.aborted) throw ctx.signal.reason;
    });
  }

  syncTerminatedPod(): Promise<void> {
    return this.enter('terminated', () => undefined);
  }

  cleanupPod(): Promise<void> {
    return this.enter('cleanup', () => undefined);
  }
}

function version(pod: Pod, rv: number, extra: Partial<Pod['metadata']> = {}): Pod {
  return { ...pod, metadata: { ...pod.metadata, resourceVersion: String(rv), ...extra } };
}

async function settle(clock: FakeClock, ms = 0): Promise<void> {
  await clock.advanceAsync(ms);
}

describe('PodWorkers', () => {
  it('collapses updates that arrive during a sync: only the latest is synced next, never two at once', async () => {
    const clock = new FakeClock();
    const syncer = new FakeSyncer();
    const workers = new PodWorkers({ clock, syncer });
    const pod = makePod();
    syncer.hold = gate();
    workers.updatePod(version(pod, 1), 'create');
    await settle(clock);
    for (let i = 2; i <= 10; i++) workers.updatePod(version(pod, i), 'update');
    const held = syncer.hold;
    syncer.hold = undefined;
    held.open();
    await settle(clock);
    expect(syncer.calls).toEqual(['sync:1', 'sync:10']);
    expect(syncer.maxActive).toBe(1);
  });

  it('re-syncs after the resync period, or sooner when the syncer asks to', async () => {
    const clock = new FakeClock();
    const syncer = new FakeSyncer();
    const workers = new PodWorkers({ clock, syncer, resyncIntervalMs: 60_000 });
    syncer.result = { terminal: false, requeueAfterMs: 10_000 };
    workers.updatePod(version(makePod(), 1), 'create');
    await settle(clock);
    syncer.result = { terminal: false };
    await settle(clock, 10_000);
    expect(syncer.calls).toHaveLength(2);
    await settle(clock, 59_000);
    expect(syncer.calls).toHaveLength(2);
    await settle(clock, 1000);
    expect(syncer.calls).toHaveLength(3);
  });

  it('walks a deleted pod through TerminatingPod and TerminatedPod, confirms it once, and forgets it when removed', async () => {
    const clock = new FakeClock();
    const syncer = new FakeSyncer();
    const confirmed: string[] = [];
    const workers = new PodWorkers({ clock, syncer, onTerminated: (p) => void confirmed.push(p.metadata.name!) });
    const pod = makePod({ terminationGracePeriodSeconds: 30 });
    const uid = pod.metadata.uid!;
    workers.updatePod(version(pod, 1), 'create');
    await settle(clock);
    const deleted = version(pod, 2, { deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 20 });
    workers.updatePod(deleted, 'update');
    await settle(clock);
    expect(syncer.calls).toEqual(['sync:1', 'terminating:20', 'terminated', 'cleanup']);
    expect(confirmed).toEqual([pod.metadata.name]);
    expect(workers.stateOf(uid)).toBe('TerminatedPod');
    workers.updatePod(deleted, 'update');
    await settle(clock);
    expect(confirmed).toHaveLength(1);
    workers.updatePod(deleted, 'remove');
    await settle(clock);
    expect(workers.stateOf(uid)).toBeUndefined();
    expect(workers.size).toBe(0);
  });

  it('moves a pod that reached a terminal phase to termination without a deletion', async () => {
    const clock = new FakeClock();
    const syncer = new FakeSyncer();
    const workers = new PodWorkers({ clock, syncer });
    syncer.result = { terminal: true };
    const pod = makePod({ terminationGracePeriodSeconds: 7 });
    workers.updatePod(version(pod, 1), 'create');
    await settle(clock);
    expect(syncer.calls).toEqual(['sync:1', 'terminating:7', 'terminated']);
    expect(workers.stateOf(pod.metadata.uid!)).toBe('TerminatedPod');
  });

  it('a shorter grace period aborts the terminating sync and re-runs it; a longer one is ignored', async () => {
    const clock = new FakeClock();
    const syncer = new FakeSyncer();
    const workers = new PodWorkers({ clock, syncer });
    const pod = makePod();
    workers.updatePod(version(pod, 1), 'create');
    await settle(clock);
    syncer.hold = gate();
    workers.updatePod(version(pod, 2), 'kill', { gracePeriodSeconds: 30 });
    await settle(clock);
    expect(syncer.calls.at(-1)).toBe('terminating:30');
    workers.updatePod(version(pod, 3), 'kill', { gracePeriodSeconds: 60 });
    expect(syncer.lastSignal?.aborted).toBe(false);
    workers.updatePod(version(pod, 4), 'kill', { gracePeriodSeconds: 5 });
    expect(syncer.lastSignal?.aborted).toBe(true);
    const held = syncer.hold;
    syncer.hold = undefined;
    held.open();
    await settle(clock);
    expect(syncer.graces).toEqual([30, 5]);
    expect(syncer.calls.slice(-2)).toEqual(['terminating:5', 'terminated']);
  });

  it('retries a failed sync after the error back-off and reports the error', async () => {
    const clock = new FakeClock();
    const syncer = new FakeSyncer();
    const errors: unknown[] = [];
    const workers = new PodWorkers({ clock, syncer, errorBackoffMs: 10_000, onError: (e) => errors.push(e) });
    syncer.failNext = true;
    workers.updatePod(version(makePod(), 1), 'create');
    await settle(clock);
    expect(errors).toHaveLength(1);
    await settle(clock, 9_999);
    expect(syncer.calls).toHaveLength(1);
    await settle(clock, 1);
    expect(syncer.calls).toHaveLength(2);
  });

  it('ignores sync requests for unknown pods', async () => {
    const clock = new FakeClock();
    const syncer = new FakeSyncer();
    const workers = new PodWorkers({ clock, syncer });
    workers.syncByUid('nope');
    workers.updatePod(makePod(), 'remove');
    await settle(clock);
    expect(syncer.calls).toEqual([]);
    expect(workers.size).toBe(0);
  });
});
