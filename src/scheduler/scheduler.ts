/**
 * Scheduler (scheduler.go + schedule_one.go ScheduleOne): pops one pod at a time, runs its scheduling cycle on the
 * main loop and its binding cycle asynchronously. Only pods whose spec.schedulerName matches one of the profiles and
 * whose spec.nodeName is empty are scheduled.
 *
 * Guarantees:
 * - One scheduling cycle at a time; binding cycles overlap with later scheduling cycles (the cache counts assumed
 *   pods, so capacity is never double-booked).
 * - Every popped pod ends bound, requeued (backoff or unschedulable pool), or dropped because it was deleted.
 * - `stop()` resolves after the loop exits and every in-flight binding cycle has settled.
 */
import { realClock, type Clock } from '../machinery/index.js';
import type { Pod } from '../api/index.js';
import { bindingCycle } from './binding-cycle.js';
import { SchedulerCache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import type { SchedulerCore } from './core.js';
import { newEventHandlers } from './event-handlers.js';
import { handleSchedulingFailure } from './failure.js';
import type { ClusterEvent } from './framework/events.js';
import { CycleState, type Registry } from './framework/interface.js';
import type { NamespaceLabels } from './framework/pod-info.js';
import { SchedulingFramework, type ProfileConfig } from './framework/runtime.js';
import type { Binder, ClusterEventHandlers, EventSink, PodWriter, SchedulerSource, SchedulingTracer } from './interfaces.js';
import { DEFAULT_SCHEDULER_NAME, defaultProfile, inTreeRegistry } from './plugins/registry.js';
import type { QueuedPodInfo } from './queue/queued-pod-info.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { schedulingCycle } from './schedule-one.js';

export interface SchedulerOptions {
  binder: Binder;
  events?: EventSink;
  /** Needed for status updates (PodScheduled condition, nominatedNodeName) and preemption. */
  podWriter?: PodWriter;
  clock?: Clock;
  /** Uniform in [0, 1); breaks score ties and picks preemption's starting node. Default Math.random. */
  random?: () => number;
  profiles?: readonly ProfileConfig[];
  registry?: Registry;
  namespaceLabels?: NamespaceLabels;
  tracer?: SchedulingTracer;
  /** Global percentageOfNodesToScore; 0 (default) = adaptive. */
  percentageOfNodesToScore?: number;
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsMs?: number;
  assumedPodTTLMs?: number;
  onError?: (err: unknown, context: string) => void;
}

export class Scheduler implements SchedulerCore {
  readonly clock: Clock;
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly snapshot = new Snapshot();
  readonly random: () => number;
  readonly events?: EventSink;
  readonly podWriter?: PodWriter;
  readonly tracer?: SchedulingTracer;
  readonly percentageOfNodesToScore: number;
  readonly profiles = new Map<string, SchedulingFramework>();
  /** Routes cluster changes into the cache and queue; hand these to a SchedulerSource. */
  readonly handlers: ClusterEventHandlers;
  nextStartNodeIndex = 0;
  private readonly errorSink: (err: unknown, context: string) => void;
  private readonly bindings = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(opts: SchedulerOptions) {
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.events = opts.events;
    this.podWriter = opts.podWriter;
    this.tracer = opts.tracer;
    this.percentageOfNodesToScore = opts.percentageOfNodesToScore ?? 0;
    this.errorSink = opts.onError ?? ((err, context) => console.error(`scheduler: ${context}:`, err));
    this.cache = new SchedulerCache({ clock: this.clock, assumedPodTTLMs: opts.assumedPodTTLMs });
    this.queue = new SchedulingQueue({
      clock: this.clock,
      podInitialBackoffMs: opts.podInitialBackoffMs,
      podMaxBackoffMs: opts.podMaxBackoffMs,
      podMaxInUnschedulablePodsMs: opts.podMaxInUnschedulablePodsMs,
      isInterested: (p, event) => this.isInterested(p, event),
      onStep: this.tracer ? (pod, step) => this.tracer!.step(pod, step) : undefined,
    });
    const registry = opts.registry ?? inTreeRegistry();
    for (const profile of opts.profiles ?? [defaultProfile()]) {
      if (this.profiles.has(profile.schedulerName)) throw new Error(`duplicate profile "${profile.schedulerName}"`);
      const fwk = new SchedulingFramework(registry, profile, {
        clock: this.clock,
        snapshot: () => this.snapshot,
        nominator: this.queue.nominator,
        binder: opts.binder,
        podWriter: opts.podWriter,
        events: opts.events,
        namespaceLabels: opts.namespaceLabels,
        random: this.random,
      });
      this.profiles.set(profile.schedulerName, fwk);
    }
    this.handlers = newEventHandlers({ core: this, responsibleFor: (pod) => this.profiles.has(schedulerNameOf(pod)) });
  }

  frameworkFor(pod: Pod): SchedulingFramework | undefined {
    return this.profiles.get(schedulerNameOf(pod));
  }

  onError(err: unknown, context: string): void {
    this.errorSink(err, context);
  }

  private isInterested(p: QueuedPodInfo, event: ClusterEvent): boolean {
    if (p.unschedulablePlugins.size === 0) return true;
    const fwk = this.frameworkFor(p.podInfo.pod);
    return fwk ? fwk.pluginsInterestedIn(p.unschedulablePlugins, event) : false;
  }

  /** Starts the queue's flushes, the cache's expiry, the source subscription and the scheduling loop. */
  start(source?: SchedulerSource): void {
    if (this.loop) return;
    this.queue.run();
    this.cache.run();
    this.unsubscribe = source?.subscribe(this.handlers);
    this.loop = this.runLoop();
  }

  private async runLoop(): Promise<void> {
    while (!this.stopped) {
      const qp = await this.queue.pop();
      if (!qp) return;
      try {
        await this.scheduleOne(qp);
      } catch (err) {
        // A bug in a step must not stop the scheduler: report it and retry the pod after backoff.
        this.onError(err, `scheduling ${qp.podInfo.key}`);
        qp.unschedulablePlugins = new Set();
        this.queue.addUnschedulableIfNotPresent(qp);
      }
    }
  }

  /** Stops scheduling and waits for in-flight binding cycles. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.queue.close();
    this.cache.stop();
    await this.loop;
    await this.whenBindingsSettle();
  }

  /** Resolves when no binding cycle is in flight. */
  async whenBindingsSettle(): Promise<void> {
    while (this.bindings.size > 0) await Promise.allSettled([...this.bindings]);
  }

  /** Number of binding cycles in flight. */
  get bindingsInFlight(): number {
    return this.bindings.size;
  }

  /** skipPodSchedule: pods being deleted, and pods already assumed, are not scheduled again. */
  private skipPodSchedule(qp: QueuedPodInfo): boolean {
    const pod = qp.podInfo.pod;
    if (pod.metadata.deletionTimestamp) {
      this.events?.event(pod, {
        type: 'Warning',
        reason: 'FailedScheduling',
        action: 'Scheduling',
        message: `skip schedule deleting pod: ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`,
      });
      return true;
    }
    return this.cache.isAssumedPod(qp.podInfo.key);
  }

  /**
   * ScheduleOne for an already-popped pod: runs the scheduling cycle; on success starts the binding cycle without
   * waiting for it. Resolves when the scheduling cycle is over.
   */
  async scheduleOne(qp: QueuedPodInfo): Promise<void> {
    const fwk = this.frameworkFor(qp.podInfo.pod);
    if (!fwk || this.skipPodSchedule(qp)) {
      this.queue.done(qp.podInfo.key);
      return;
    }
    const state = new CycleState(qp.podInfo);
    const ctx = { core: this, fwk };
    const outcome = await schedulingCycle(ctx, { state, qp });
    if (!('host' in outcome)) {
      handleSchedulingFailure(ctx, { qp, failure: outcome });
      return;
    }
    const p = bindingCycle(ctx, { c: outcome, qp }).catch((err: unknown) => this.onError(err, 'binding cycle'));
    this.bindings.add(p);
    void p.finally(() => this.bindings.delete(p));
  }

  /** Schedules every pod that is ready now, one after another; returns how many were attempted. */
  async scheduleReady(): Promise<number> {
    let n = 0;
    for (let qp = this.queue.popNow(); qp; qp = this.queue.popNow()) {
      await this.scheduleOne(qp);
      n++;
    }
    return n;
  }
}

/** spec.schedulerName, defaulting to `default-scheduler`. */
export function schedulerNameOf(pod: Pod): string {
  return pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME;
}
