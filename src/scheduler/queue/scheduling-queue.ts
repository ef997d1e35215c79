/**
 * PriorityQueue (internal/queue/scheduling_queue.go): the pods waiting to be scheduled, in three places:
 *   activeQ            — ready now; popped by priority, then arrival time.
 *   backoffQ           — failed recently; each waits 1 s × 2^(attempts-1), capped at 10 s, then moves to activeQ
 *                        (flushed every second).
 *   unschedulablePods  — rejected by plugins; moved back when a cluster event some rejecting plugin registered for
 *                        happens, or after 5 minutes there (checked every 30 s).
 * A popped pod is "in flight" until done(); events that happen meanwhile are remembered, so a pod that fails after
 * an event that could have helped it goes to backoffQ rather than waiting for the next such event.
 * Time comes only from the injected Clock.
 */
import type { Clock, Timer } from '../../machinery/index.js';
import type { Pod } from '../../api/index.js';
import { AssignedPodAdd, ForceActivate, UnschedulableTimeout, type ClusterEvent } from '../framework/events.js';
import { PodInfo, podKey } from '../framework/pod-info.js';
import { KeyedHeap } from './heap.js';
import { Nominator } from './nominator.js';
import { activeQLess, hasSchedulingGates, isPodUpdated, type QueuedPodInfo } from './queued-pod-info.js';

export interface QueueOptions {
  clock: Clock;
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsMs?: number;
  /** Whether `event` may make the rejected pod schedulable (its rejecting plugins registered for it). */
  isInterested?: (pInfo: QueuedPodInfo, event: ClusterEvent) => boolean;
  /** Called for each named queue step (flow tracing). */
  onStep?: (pod: Pod, step: string) => void;
}

interface InFlight {
  /** Position in the event log when the pod was popped. */
  since: number;
  latest: Pod;
  deleted: boolean;
}

export class SchedulingQueue {
  readonly nominator = new Nominator();
  private readonly clock: Clock;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  private readonly isInterested: (pInfo: QueuedPodInfo, event: ClusterEvent) => boolean;
  private readonly onStep?: (pod: Pod, step: string) => void;
  private readonly activeQ = new KeyedHeap<QueuedPodInfo>((p) => p.podInfo.key, activeQLess);
  private readonly backoffQ = new KeyedHeap<QueuedPodInfo>((p) => p.podInfo.key, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Map<string, InFlight>();
  private eventLog: ClusterEvent[] = [];
  private eventLogBase = 0;
  private waiters: ((p: QueuedPodInfo | undefined) => void)[] = [];
  private timers: Timer[] = [];
  private closed = false;
  /** Incremented on every pop. */
  schedulingCycle = 0;

  constructor(opts: QueueOptions) {
    this.clock = opts.clock;
    this.initialBackoff = opts.podInitialBackoffMs ?? 1000;
    this.maxBackoff = opts.podMaxBackoffMs ?? 10_000;
    this.maxInUnschedulable = opts.podMaxInUnschedulablePodsMs ?? 5 * 60_000;
    this.isInterested = opts.isInterested ?? (() => true);
    this.onStep = opts.onStep;
  }

  /** Starts the periodic flushes: backoffQ every 1 s, the unschedulable pool every 30 s. */
  run(): void {
    const every = (ms: number, fn: () => void) => {
      const tick = () => {
        if (this.closed) return;
        fn();
        this.timers.push(this.clock.setTimeout(tick, ms));
      };
      this.timers.push(this.clock.setTimeout(tick, ms));
    };
    every(1000, () => this.flushBackoffQCompleted());
    every(30_000, () => this.flushUnschedulablePodsLeftover());
  }

  /** Stops the flushes and wakes every pending pop() with undefined. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) t.cancel();
    this.timers = [];
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** calculateBackoffDuration: initial × 2^(attempts-1), capped at the maximum; 0 before the first attempt. */
  backoffDuration(p: QueuedPodInfo): number {
    if (p.attempts === 0) return 0;
    let d = this.initialBackoff;
    for (let i = 1; i < p.attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return Math.min(d, this.maxBackoff);
  }

  private backoffExpiry(p: QueuedPodInfo): number {
    return p.timestamp + this.backoffDuration(p);
  }

  isPodBackingOff(p: QueuedPodInfo): boolean {
    return this.backoffExpiry(p) > this.clock.now();
  }

  private newQueued(pod: Pod): QueuedPodInfo {
    return { podInfo: PodInfo.of(pod), timestamp: this.clock.now(), attempts: 0, unschedulablePlugins: new Set(), gated: hasSchedulingGates(pod) };
  }

  private pushActive(p: QueuedPodInfo, step: string): void {
    this.activeQ.addOrUpdate(p);
    this.onStep?.(p.podInfo.pod, step);
    const w = this.waiters.shift();
    if (w) w(this.popNow());
  }

  /** Add: a new unscheduled pod. Gated pods wait in the unschedulable pool. */
  add(pod: Pod): void {
    const key = podKey(pod);
    const p = this.newQueued(pod);
    this.unschedulable.delete(key);
    this.backoffQ.delete(key);
    this.nominator.add(p.podInfo);
    if (p.gated) {
      this.unschedulable.set(key, p);
      this.onStep?.(pod, 'queue.gated');
      return;
    }
    this.pushActive(p, 'queue.add');
  }

  /** Update: a newer version of an unscheduled pod. */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    const fl = this.inFlight.get(key);
    if (fl) fl.latest = newPod;
    const inActive = this.activeQ.get(key) ?? this.backoffQ.get(key);
    if (inActive) {
      inActive.podInfo = inActive.podInfo.update(newPod);
      this.nominator.update(key, inActive.podInfo);
      if (this.activeQ.has(key)) this.activeQ.addOrUpdate(inActive);
      else this.backoffQ.addOrUpdate(inActive);
      return;
    }
    const u = this.unschedulable.get(key);
    if (u) {
      u.podInfo = u.podInfo.update(newPod);
      this.nominator.update(key, u.podInfo);
      const wasGated = u.gated;
      u.gated = hasSchedulingGates(newPod);
      if (u.gated) return;
      if (wasGated || isPodUpdated(oldPod, newPod)) {
        this.unschedulable.delete(key);
        if (!wasGated && this.isPodBackingOff(u)) this.backoffQ.addOrUpdate(u);
        else this.pushActive(u, 'queue.update');
      }
      return;
    }
    if (!fl) this.add(newPod);
  }

  /** Delete: the pod is gone (or got assigned); drops it everywhere. */
  delete(pod: Pod): void {
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.nominator.delete(key);
    const fl = this.inFlight.get(key);
    if (fl) fl.deleted = true;
  }

  /** Pop: the next pod to schedule; waits while activeQ is empty; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const p = this.popNow();
    if (p) return Promise.resolve(p);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The next pod if one is ready, without waiting. */
  popNow(): QueuedPodInfo | undefined {
    const p = this.activeQ.pop();
    if (!p) return undefined;
    this.schedulingCycle++;
    p.attempts++;
    p.initialAttemptTimestamp ??= this.clock.now();
    this.inFlight.set(p.podInfo.key, { since: this.eventLogBase + this.eventLog.length, latest: p.podInfo.pod, deleted: false });
    this.onStep?.(p.podInfo.pod, 'queue.pop');
    return p;
  }

  /** Done: the pod's attempt is over (bound, or requeued). */
  done(key: string): void {
    this.inFlight.delete(key);
    if (this.inFlight.size === 0) {
      this.eventLogBase += this.eventLog.length;
      this.eventLog = [];
    } else if (this.eventLog.length > 1024) {
      let min = Number.POSITIVE_INFINITY;
      for (const f of this.inFlight.values()) min = Math.min(min, f.since);
      const drop = min - this.eventLogBase;
      if (drop > 0) {
        this.eventLog = this.eventLog.slice(drop);
        this.eventLogBase = min;
      }
    }
  }

  /**
   * AddUnschedulableIfNotPresent: requeues a pod whose attempt failed. It goes to backoffQ (or activeQ when its
   * backoff already passed) if it failed without a rejecting plugin or an interesting event arrived while it was in
   * flight; otherwise to the unschedulable pool. A pod deleted or assigned meanwhile is dropped.
   */
  addUnschedulableIfNotPresent(p: QueuedPodInfo): void {
    const key = p.podInfo.key;
    const fl = this.inFlight.get(key);
    const eventsSince = fl ? this.eventLog.slice(Math.max(0, fl.since - this.eventLogBase)) : [];
    this.done(key);
    if (fl?.deleted || this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key)) return;
    if (fl && fl.latest !== p.podInfo.pod) p.podInfo = p.podInfo.update(fl.latest);
    if (p.podInfo.nodeName) return;
    p.timestamp = this.clock.now();
    const helped = eventsSince.some((e) => this.isInterested(p, e));
    if (p.unschedulablePlugins.size === 0 || helped) {
      this.moveToBackoffOrActive(p, 'queue.backoff');
    } else {
      this.unschedulable.set(key, p);
      this.onStep?.(p.podInfo.pod, 'queue.unschedulable');
    }
    this.nominator.add(p.podInfo);
  }

  private moveToBackoffOrActive(p: QueuedPodInfo, step: string): void {
    if (this.isPodBackingOff(p)) {
      this.backoffQ.addOrUpdate(p);
      this.onStep?.(p.podInfo.pod, step);
    } else {
      this.pushActive(p, 'queue.active');
    }
  }

  /** MoveAllToActiveOrBackoffQueue: moves every unschedulable pod `event` may help; remembers it for in-flight pods. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, preCheck?: (p: QueuedPodInfo) => boolean): void {
    if (this.inFlight.size > 0) this.eventLog.push(event);
    if (this.unschedulable.size === 0) return;
    const moving: QueuedPodInfo[] = [];
    for (const p of this.unschedulable.values()) {
      if (p.gated) continue;
      if (preCheck && !preCheck(p)) continue;
      if (event !== UnschedulableTimeout && event !== ForceActivate && p.unschedulablePlugins.size > 0 && !this.isInterested(p, event)) continue;
      moving.push(p);
    }
    for (const p of moving) {
      this.unschedulable.delete(p.podInfo.key);
      this.moveToBackoffOrActive(p, `queue.move(${event.label})`);
    }
  }

  /** AssignedPodAdded: a pod got bound; pods rejected for affinity/spread reasons may now fit. */
  assignedPodAdded(_pod: Pod): void {
    this.moveAllToActiveOrBackoffQueue(AssignedPodAdd);
  }

  /** Activate: moves the given pods from backoff/unschedulable straight to activeQ. */
  activate(pods: readonly Pod[]): void {
    for (const pod of pods) {
      const key = podKey(pod);
      const p = this.unschedulable.get(key) ?? this.backoffQ.get(key);
      if (!p || p.gated) continue;
      this.unschedulable.delete(key);
      this.backoffQ.delete(key);
      this.pushActive(p, 'queue.activate');
    }
  }

  /** flushBackoffQCompleted: moves pods whose backoff expired to activeQ. */
  flushBackoffQCompleted(): void {
    const now = this.clock.now();
    for (;;) {
      const top = this.backoffQ.peek();
      if (!top || this.backoffExpiry(top) > now) return;
      this.backoffQ.pop();
      this.pushActive(top, 'queue.backoffDone');
    }
  }

  /** flushUnschedulablePodsLeftover: pods stuck in the pool longer than the maximum are retried. */
  flushUnschedulablePodsLeftover(): void {
    const now = this.clock.now();
    this.moveAllToActiveOrBackoffQueue(UnschedulableTimeout, (p) => now - p.timestamp > this.maxInUnschedulable);
  }

  /** Where the pod waits now, if anywhere. */
  whereIs(key: string): 'active' | 'backoff' | 'unschedulable' | 'inFlight' | undefined {
    if (this.activeQ.has(key)) return 'active';
    if (this.backoffQ.has(key)) return 'backoff';
    if (this.unschedulable.has(key)) return 'unschedulable';
    if (this.inFlight.has(key)) return 'inFlight';
    return undefined;
  }

  /** Counts per pool, for tests and metrics. */
  stats(): { active: number; backoff: number; unschedulable: number; inFlight: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  /** The queued pod (any pool) by key. */
  get(key: string): QueuedPodInfo | undefined {
    return this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulable.get(key);
  }
}
