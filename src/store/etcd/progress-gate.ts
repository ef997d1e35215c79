/**
 * When may an etcd watch report progress ("every event up to revision R has been delivered")?
 *
 * etcd answers a WatchRequest.progress_request with a response (watch_id -1) whose header revision is the store's
 * current revision. Before etcd 3.4.31 / 3.5.13 that answer went out on a control channel that races the watch's event
 * channel (etcd-io/etcd#15220, fixed by #15237 and #17557), so it could overtake events ≤ R — always so for a watch
 * still replaying history. Kubernetes only trusts it on the fixed versions (ConsistentListFromCache's feature check).
 * This gate keeps skiff's guarantee on every version:
 *
 * - `ordered` servers (fixed versions): the -1 answer is reported as is.
 * - `racy` servers: an answer is trusted only when the watcher is synced (caught up with history) and only after one
 *   more progress round trip, sent after the candidate answer arrived: any event etcd had queued before the candidate
 *   is sent before that second request even reaches the server. A watcher counts as synced once a response shows it
 *   caught up (an event response spanning fewer revisions than etcd's per-sync batch limit, or a server-initiated
 *   progress notification, which etcd sends in order and only to synced watchers), or once `syncGraceMs` has passed
 *   since it was last known behind (etcd's sync loop runs every 100 ms and syncs a watcher with nothing to replay on
 *   its first pass).
 *
 * In both modes the reported revision is never below the last event delivered, and unrequested progress notifications
 * from etcd (progress_notify) are passed through.
 */
import type { Clock, Timer } from '../../machinery/index.js';

export type ProgressOrdering = 'ordered' | 'racy';

/** etcd's mvcc `watchBatchMaxRevs`: a sync pass sends at most this many revisions to one watcher. */
export const WATCH_BATCH_MAX_REVS = 1000;
/** How long after it was last known behind a quiet watcher is taken to be synced (3 of etcd's 100 ms sync passes). */
export const DEFAULT_SYNC_GRACE_MS = 300;

/** Whether an etcd server version answers progress requests in order with watch events. */
export function progressOrderingFor(version: string): ProgressOrdering {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return 'racy';
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major !== 3) return major > 3 ? 'ordered' : 'racy';
  if (minor >= 6) return 'ordered';
  if (minor === 5) return patch >= 13 ? 'ordered' : 'racy';
  if (minor === 4) return patch >= 31 ? 'ordered' : 'racy';
  return 'racy';
}

export interface ProgressGateDeps {
  clock: Clock;
  /** Writes one progress_request on the watch stream. */
  sendRequest(): void;
  /** Reports progress: every event up to `revision` has been delivered. */
  deliver(revision: number): void;
  syncGraceMs?: number;
}

export class ProgressGate {
  private ordering: ProgressOrdering | null = null;
  private created = false;
  /** Every event ≤ confirmed has been received from etcd. */
  private confirmed = 0;
  private synced = false;
  private behindSince = 0;
  /** The user asked for progress and has not had it yet. */
  private wanted = false;
  /** A progress request is in flight (at most one at a time, so answers pair with requests). */
  private outstanding = false;
  private candidate: number | null = null;
  private retry: Timer | null = null;
  private stopped = false;
  private readonly graceMs: number;

  constructor(private readonly deps: ProgressGateDeps) {
    this.graceMs = deps.syncGraceMs ?? DEFAULT_SYNC_GRACE_MS;
  }

  /** The server's ordering, once known; requests wait for it. */
  setOrdering(ordering: ProgressOrdering): void {
    this.ordering = ordering;
    this.maybeSend();
  }

  /** The watch was created at etcd revision `createdRevision`, starting at `startRevision` (0 = from now). */
  onCreated(createdRevision: number, startRevision: number): void {
    this.created = true;
    if (startRevision === 0 || startRevision > createdRevision) {
      this.synced = true;
      this.confirmed = createdRevision;
    } else {
      this.synced = false;
      this.confirmed = startRevision - 1;
      this.behindSince = this.deps.clock.now();
    }
    this.maybeSend();
  }

  /** An event response: `headerRevision` from its header, `revisions` distinct event revisions, the last one `lastRevision`. */
  onEvents(headerRevision: number, lastRevision: number, revisions: number): void {
    if (revisions >= WATCH_BATCH_MAX_REVS) {
      // A full sync batch: more history may follow, so the header (etcd's current revision) proves nothing.
      this.confirmed = Math.max(this.confirmed, lastRevision);
      this.synced = false;
      this.behindSince = this.deps.clock.now();
      return;
    }
    this.confirmed = Math.max(this.confirmed, headerRevision, lastRevision);
    this.synced = true;
  }

  /** A progress notification etcd sent on its own (progress_notify): in order, and only to synced watchers. */
  onServerProgress(revision: number): void {
    this.synced = true;
    this.confirmed = Math.max(this.confirmed, revision);
    this.wanted = false;
    this.candidate = null;
    this.deps.deliver(this.confirmed);
  }

  /** The answer (watch_id -1) to a progress request. */
  onRequestedProgress(revision: number): void {
    this.outstanding = false;
    if (!this.wanted || this.stopped) return;
    if (this.ordering === 'ordered') {
      this.confirmed = Math.max(this.confirmed, revision);
      this.deliverNow();
      return;
    }
    if (!this.isSynced()) {
      this.candidate = null;
      this.scheduleRetry();
      return;
    }
    if (this.candidate === null) {
      this.candidate = revision;
      this.send();
      return;
    }
    this.confirmed = Math.max(this.confirmed, this.candidate);
    this.deliverNow();
  }

  /** The user asked for a progress notification. */
  request(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.maybeSend();
  }

  stop(): void {
    this.stopped = true;
    this.retry?.cancel();
    this.retry = null;
  }

  private isSynced(): boolean {
    return this.synced || this.deps.clock.now() - this.behindSince >= this.graceMs;
  }

  private deliverNow(): void {
    this.wanted = false;
    this.candidate = null;
    this.deps.deliver(this.confirmed);
  }

  private maybeSend(): void {
    if (!this.wanted || !this.created || this.ordering === null || this.stopped) return;
    if (this.outstanding || this.retry) return;
    this.send();
  }

  private send(): void {
    this.outstanding = true;
    this.deps.sendRequest();
  }

  private scheduleRetry(): void {
    if (this.retry) return;
    const wait = Math.max(1, this.behindSince + this.graceMs - this.deps.clock.now());
    this.retry = this.deps.clock.setTimeout(() => {
      this.retry = null;
      this.maybeSend();
    }, wait);
  }
}
