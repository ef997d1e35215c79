/**
 * The status manager (kubernetes pkg/kubelet/status/status_manager.go): caches the latest status of every pod, gives
 * kubelet-owned conditions a lastTransitionTime that changes only when their status changes, sets startTime once, and
 * writes a status to the StatusSink only when it differs from the last one written.
 *
 * Guarantees: per pod, writes are sequential and the last status set is eventually written (failed writes are retried
 * after `retryAfterMs`); a status equal to the last written one is never written again.
 */
import { deepEqual, type Clock, type Timer } from '../../machinery/index.js';
import type { Pod, PodCondition, PodStatus } from '../../api/index.js';
import type { StatusSink } from '../sinks.js';
import { rfc3339 } from '../time.js';
import { KUBELET_CONDITION_TYPES } from './conditions.js';

export interface StatusManagerDeps {
  sink: StatusSink;
  clock: Clock;
  /** Default 10 s (the status manager's sync period). */
  retryAfterMs?: number;
  /** Told about failed writes (they are retried regardless). */
  onError?: (err: unknown, pod: Pod) => void;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

interface Entry {
  pod: Pod;
  status: PodStatus;
  sent?: PodStatus;
  sending: boolean;
  retry?: Timer;
  waiters: Waiter[];
}

export class StatusManager {
  private readonly entries = new Map<string, Entry>();
  private readonly retryAfterMs: number;

  constructor(private readonly deps: StatusManagerDeps) {
    this.retryAfterMs = deps.retryAfterMs ?? 10_000;
  }

  /** The latest status set for the pod. */
  getPodStatus(uid: string): PodStatus | undefined {
    return this.entries.get(uid)?.status;
  }

  /** Number of pods with a cached status. */
  get size(): number {
    return this.entries.size;
  }

  /** Caches `status` for `pod` (after normalising transition times) and writes it if it changed. */
  setPodStatus(pod: Pod, status: PodStatus): void {
    const uid = pod.metadata.uid ?? '';
    const entry = this.entries.get(uid);
    const old = entry?.status ?? pod.status ?? {};
    const next = this.normalize(status, old);
    if (entry) {
      entry.pod = pod;
      if (deepEqual(entry.status, next)) return;
      entry.status = next;
      this.kick(entry);
      return;
    }
    const created: Entry = { pod, status: next, sending: false, waiters: [] };
    if (pod.status && deepEqual(pod.status, next)) created.sent = next;
    this.entries.set(uid, created);
    this.kick(created);
  }

  /** Resolves once the pod's latest status has been written; rejects if the next write attempt fails. */
  flush(uid: string): Promise<void> {
    const e = this.entries.get(uid);
    if (!e || (e.sent && deepEqual(e.sent, e.status) && !e.sending)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      e.waiters.push({ resolve, reject });
      if (e.retry) {
        e.retry.cancel();
        e.retry = undefined;
        this.kick(e);
      }
    });
  }

  /** Forgets the pod (after it is gone from the API); pending retries are dropped. */
  removePod(uid: string): void {
    const e = this.entries.get(uid);
    if (!e) return;
    e.retry?.cancel();
    this.entries.delete(uid);
    for (const w of e.waiters) w.resolve();
  }

  private normalize(status: PodStatus, old: PodStatus): PodStatus {
    const now = rfc3339(this.deps.clock.now());
    const out: PodStatus = { ...status };
    if (status.conditions) {
      out.conditions = status.conditions.map((c) => {
        if (!KUBELET_CONDITION_TYPES.has(c.type)) return c;
        const prev = old.conditions?.find((o) => o.type === c.type);
        const n: PodCondition = {
          type: c.type,
          status: c.status,
          lastProbeTime: null,
          lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now,
        };
        if (c.reason) n.reason = c.reason;
        if (c.message) n.message = c.message;
        return n;
      });
    }
    out.startTime = old.startTime ?? status.startTime ?? now;
    return out;
  }

  private kick(e: Entry): void {
    if (e.sending || e.retry) return;
    void this.send(e);
  }

  private async send(e: Entry): Promise<void> {
    e.sending = true;
    while (!e.sent || !deepEqual(e.sent, e.status)) {
      const status = e.status;
      try {
        await this.deps.sink.patchPodStatus(e.pod, status);
      } catch (err) {
        e.sending = false;
        this.deps.onError?.(err, e.pod);
        const waiters = e.waiters;
        e.waiters = [];
        for (const w of waiters) w.reject(err);
        if (this.entries.get(e.pod.metadata.uid ?? '') === e) {
          e.retry = this.deps.clock.setTimeout(() => {
            e.retry = undefined;
            this.kick(e);
          }, this.retryAfterMs);
        }
        return;
      }
      e.sent = status;
    }
    e.sending = false;
    const waiters = e.waiters;
    e.waiters = [];
    for (const w of waiters) w.resolve();
  }
}
