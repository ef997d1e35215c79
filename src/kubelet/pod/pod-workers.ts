/**
 * Pod workers (kubernetes pkg/kubelet/pod_workers.go): one worker per pod UID, an explicit state machine that drives
 * the pod through its lifecycle by calling the syncer.
 *
 *   updatePod(create)
 *        │
 *        ▼                 syncPod says terminal (all containers done, restartPolicy keeps them down)
 *   ┌─────────┐  ───────────────────────────────────────────────────────────────┐
 *   │ SyncPod │ ◄─┐ requeue (back-off end, resync period, runtime/probe event)    │
 *   └─────────┘ ──┘                                                             ▼
 *        │ deletionTimestamp set, kill requested, or pod removed      ┌────────────────┐
 *        └──────────────────────────────────────────────────────────► │ TerminatingPod │  stop containers with the
 *                                                                      └────────────────┘  grace period (may shrink)
 *                                                                              │
 *                                                                              ▼
 *                                                                      ┌───────────────┐  final status written; if
 *                                                                      │ TerminatedPod │  deleted: runtime cleanup,
 *                                                                      └───────────────┘  then onTerminated(pod)
 *                                                                              │ pod removed from the source
 *                                                                              ▼
 *                                                                          Finished (worker forgotten)
 *
 * Guarantees: at most one sync call per pod runs at any time; updates that arrive while a sync runs are collapsed and
 * only the latest pod object is synced next; a pod never goes back to an earlier state; the grace period of a
 * termination can only shrink (a shorter one interrupts the terminating sync, which is then re-run).
 */
import type { Clock, Timer } from '../../machinery/index.js';
import type { Pod } from '../../api/index.js';

export type PodWorkerState = 'SyncPod' | 'TerminatingPod' | 'TerminatedPod' | 'Finished';

export interface SyncPodResult {
  /** The pod reached a terminal phase: move on to termination. */
  terminal: boolean;
  /** Sync again after this long (back-off end); the resync period applies otherwise. */
  requeueAfterMs?: number;
}

/** What the pod workers drive. Each call gets the latest pod object. */
export interface PodSyncer {
  syncPod(pod: Pod, ctx: { signal: AbortSignal }): Promise<SyncPodResult>;
  /** Stops every container (grace period in seconds) and the sandbox; rejects if `signal` aborts it. */
  syncTerminatingPod(pod: Pod, ctx: { gracePeriodSeconds: number; signal: AbortSignal }): Promise<void>;
  /** Reports the final status and waits until it is written. */
  syncTerminatedPod(pod: Pod): Promise<void>;
  /** Removes the pod's containers and sandboxes from the runtime and forgets per-pod state. */
  cleanupPod(pod: Pod): Promise<void>;
}

export interface PodWorkersDeps {
  clock: Clock;
  syncer: PodSyncer;
  /** Called once per deleted pod after its containers stopped and its final status was written (grace-0 delete). */
  onTerminated?: (pod: Pod) => void | Promise<void>;
  /** Called when a worker is forgotten (its pod was removed and is fully cleaned up). */
  onForget?: (pod: Pod) => void;
  /** Called when a sync fails unexpectedly; the pod is retried after `errorBackoffMs`. */
  onError?: (err: unknown, pod: Pod) => void;
  /** Default 60 s (the kubelet's syncFrequency). */
  resyncIntervalMs?: number;
  /** Default 10 s. */
  errorBackoffMs?: number;
}

export type PodUpdateType = 'create' | 'update' | 'sync' | 'kill' | 'remove';

interface Worker {
  uid: string;
  pod: Pod;
  state: PodWorkerState;
  pending: boolean;
  running: boolean;
  scheduled: boolean;
  terminationRequested: boolean;
  gracePeriodSeconds: number;
  podRemoved: boolean;
  cleanedUp: boolean;
  deletionConfirmed: boolean;
  abort?: AbortController;
  timer?: Timer;
}

/** The grace period a deletion or kill of `pod` gets: deletionGracePeriodSeconds, else the spec's, else 30. */
export function gracePeriodOf(pod: Pod): number {
  const g = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, g);
}

export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private readonly resyncMs: number;
  private readonly errorBackoffMs: number;
  private stopped = false;

  constructor(private readonly deps: PodWorkersDeps) {
    this.resyncMs = deps.resyncIntervalMs ?? 60_000;
    this.errorBackoffMs = deps.errorBackoffMs ?? 10_000;
  }

  /**
   * Records an update and makes sure the pod is synced soon. `sync` re-syncs the pod object already known (runtime or
   * probe events); `kill` asks for termination with `gracePeriodSeconds`; `remove` means the pod left the API.
   */
  updatePod(pod: Pod, type: PodUpdateType, options: { gracePeriodSeconds?: number } = {}): void {
    const uid = pod.metadata.uid ?? '';
    let w = this.workers.get(uid);
    if (!w) {
      if (type === 'sync' || type === 'remove' || this.stopped) return;
      w = {
        uid,
        pod,
        state: 'SyncPod',
        pending: false,
        running: false,
        scheduled: false,
        terminationRequested: false,
        gracePeriodSeconds: gracePeriodOf(pod),
        podRemoved: false,
        cleanedUp: false,
        deletionConfirmed: false,
      };
      this.workers.set(uid, w);
    }
    if (w.state === 'Finished') return;
    if (type !== 'sync') w.pod = pod;
    if (type === 'remove') {
      w.podRemoved = true;
      this.requestTermination(w, gracePeriodOf(pod));
    } else if (type === 'kill') {
      this.requestTermination(w, options.gracePeriodSeconds ?? gracePeriodOf(pod));
    } else if (w.pod.metadata.deletionTimestamp) {
      this.requestTermination(w, gracePeriodOf(w.pod));
    }
    w.pending = true;
    this.schedule(w);
  }

  /** Re-syncs a known pod by UID (no-op for unknown ones). */
  syncByUid(uid: string): void {
    const w = this.workers.get(uid);
    if (w) this.updatePod(w.pod, 'sync');
  }

  stateOf(uid: string): PodWorkerState | undefined {
    return this.workers.get(uid)?.state;
  }

  /** The pod object a worker last received. */
  podOf(uid: string): Pod | undefined {
    return this.workers.get(uid)?.pod;
  }

  /** Number of pods with a worker. */
  get size(): number {
    return this.workers.size;
  }

  /** Cancels every timer and accepts no new pods (in-flight syncs finish). */
  stop(): void {
    this.stopped = true;
    for (const w of this.workers.values()) w.timer?.cancel();
  }

  private requestTermination(w: Worker, grace: number): void {
    if (!w.terminationRequested) {
      w.terminationRequested = true;
      w.gracePeriodSeconds = grace;
      if (w.state === 'SyncPod') w.abort?.abort(new Error('pod is being terminated'));
      return;
    }
    if (grace < w.gracePeriodSeconds) {
      w.gracePeriodSeconds = grace;
      if (w.state === 'TerminatingPod') w.abort?.abort(new Error('grace period shortened'));
    }
  }

  private schedule(w: Worker): void {
    if (w.running || w.scheduled || this.stopped) return;
    w.scheduled = true;
    queueMicrotask(() => void this.run(w));
  }

  private async run(w: Worker): Promise<void> {
    w.scheduled = false;
    if (w.running) return;
    w.running = true;
    w.timer?.cancel();
    w.timer = undefined;
    let requeueMs: number | undefined;
    try {
      while (w.pending && w.state !== 'Finished') {
        w.pending = false;
        try {
          requeueMs = await this.step(w);
        } catch (err) {
          (this.deps.onError ?? defaultOnError)(err, w.pod);
          requeueMs = this.errorBackoffMs;
        }
      }
    } finally {
      w.running = false;
    }
    if (w.state === 'Finished') {
      if (this.workers.get(w.uid) === w) this.workers.delete(w.uid);
      this.deps.onForget?.(w.pod);
      return;
    }
    if (w.pending) {
      this.schedule(w);
      return;
    }
    if (requeueMs !== undefined && !this.stopped) {
      w.timer = this.deps.clock.setTimeout(() => {
        w.timer = undefined;
        w.pending = true;
        this.schedule(w);
      }, Math.max(0, requeueMs));
    }
  }

  /** One transition of the state machine; returns when to sync again (undefined: only on updates). */
  private async step(w: Worker): Promise<number | undefined> {
    const { syncer } = this.deps;
    switch (w.state) {
      case 'SyncPod': {
        if (w.terminationRequested) return this.enter(w, 'TerminatingPod');
        const abort = (w.abort = new AbortController());
        const res = await syncer.syncPod(w.pod, { signal: abort.signal });
        w.abort = undefined;
        if (w.terminationRequested) return this.enter(w, 'TerminatingPod');
        if (res.terminal) {
          w.terminationRequested = true;
          w.gracePeriodSeconds = gracePeriodOf(w.pod);
          return this.enter(w, 'TerminatingPod');
        }
        return Math.min(res.requeueAfterMs ?? this.resyncMs, this.resyncMs);
      }
      case 'TerminatingPod': {
        const abort = (w.abort = new AbortController());
        try {
          await syncer.syncTerminatingPod(w.pod, { gracePeriodSeconds: w.gracePeriodSeconds, signal: abort.signal });
        } catch (err) {
          // Interrupted by a shorter grace period: run again with it (w.pending is set by updatePod).
          if (abort.signal.aborted) {
            w.pending = true;
            return undefined;
          }
          throw err;
        } finally {
          w.abort = undefined;
        }
        return this.enter(w, 'TerminatedPod');
      }
      case 'TerminatedPod': {
        await syncer.syncTerminatedPod(w.pod);
        const deleted = w.pod.metadata.deletionTimestamp !== undefined;
        if ((deleted || w.podRemoved) && !w.cleanedUp) {
          await syncer.cleanupPod(w.pod);
          w.cleanedUp = true;
        }
        if (deleted && !w.podRemoved && !w.deletionConfirmed) {
          w.deletionConfirmed = true;
          try {
            await this.deps.onTerminated?.(w.pod);
          } catch (err) {
            w.deletionConfirmed = false;
            throw err;
          }
        }
        if (w.podRemoved) w.state = 'Finished';
        return undefined;
      }
      case 'Finished':
        return undefined;
    }
  }

  private enter(w: Worker, state: PodWorkerState): undefined {
    w.state = state;
    w.pending = true;
    return undefined;
  }
}

function defaultOnError(err: unknown, pod: Pod): void {
  console.error(`kubelet: error syncing pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}:`, err);
}
