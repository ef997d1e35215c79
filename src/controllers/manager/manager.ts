/**
 * ControllerManager: runs a set of controllers the way kube-controller-manager does.
 *
 * Per leadership term (or once, without leader election):
 *   1. build a ControllerContext: the given RestClient, ONE SharedInformerFactory for all controllers, one
 *      EventRecorder per component, the clock, and a signal that aborts when the term ends;
 *   2. `start` every controller (they register informer handlers), then start the factory;
 *   3. wait for every informer cache to sync — only then run the controllers' workers.
 * With leader election the manager campaigns for the Lease `kube-controller-manager` in `kube-system` (by default)
 * and runs controllers only while it leads. Losing the lease stops the controllers and ends the manager (as
 * kube-controller-manager exits): `done` resolves with `'leadership-lost'`.
 *
 * Guarantees: `stop()` is idempotent and resolves once every worker, informer and event recorder has stopped;
 * `hasSynced()` is true exactly while controllers run on synced caches (never on a standby).
 */
import { hostname } from 'node:os';
import { EventRecorder, LeaderElector, SharedInformerFactory, type RestClient } from '../../client/index.js';
import { newUid, type Clock } from '../../machinery/index.js';
import type { Controller, ControllerContext } from '../context.js';
import { errorMessage } from '../shared/errors.js';

export interface LeaderElectionConfig {
  /** Unique per candidate; default `<hostname>_<uuid>` as kube-controller-manager builds it. */
  identity?: string;
  /** Default `kube-system`. */
  namespace?: string;
  /** Default `kube-controller-manager`. */
  name?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Clear the Lease holder on stop so a standby takes over at once (default true). */
  releaseOnCancel?: boolean;
}

export interface ControllerManagerOptions {
  client: RestClient;
  controllers: readonly Controller[];
  clock?: Clock;
  /** Campaign for a Lease and run controllers only while leading (default: no leader election). */
  leaderElection?: LeaderElectionConfig;
  /** Failures the manager recovers from: informer list/watch errors, event writes, leader-election attempts. */
  onError?: (err: unknown, context: string) => void;
}

export type ControllerManagerExit = 'stopped' | 'leadership-lost';

export class ControllerManager {
  readonly #o: ControllerManagerOptions;
  readonly #clock: Clock;
  readonly #stop = new AbortController();
  #synced = false;
  #leading = false;
  #running: Promise<ControllerManagerExit> | undefined;

  constructor(options: ControllerManagerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? options.client.clock;
  }

  /** Starts the manager (campaigning first with leader election). Idempotent. */
  start(): void {
    if (this.#running || this.#stop.signal.aborted) return;
    this.#running = this.#o.leaderElection ? this.#campaign(this.#o.leaderElection) : this.#term(this.#stop.signal).then(() => 'stopped' as const);
  }

  /** Resolves when the manager ended, with why ('stopped' at once for a manager that never started). */
  get done(): Promise<ControllerManagerExit> {
    return this.#running ?? Promise.resolve('stopped');
  }

  /** True while controllers run on synced caches (the readiness signal). */
  hasSynced(): boolean {
    return this.#synced;
  }

  /** True while this manager holds the Lease (always true once started without leader election). */
  isLeader(): boolean {
    return this.#o.leaderElection ? this.#leading : this.#running !== undefined && !this.#stop.signal.aborted;
  }

  /** Stops controllers, informers and recorders (and releases the Lease); resolves when all have stopped. */
  async stop(): Promise<void> {
    this.#stop.abort();
    if (this.#running) await this.#running;
  }

  #report(err: unknown, context: string): void {
    if (this.#o.onError) this.#o.onError(err, context);
    else console.warn(`controller-manager: ${context}: ${errorMessage(err)}`);
  }

  async #campaign(cfg: LeaderElectionConfig): Promise<ControllerManagerExit> {
    const elector = new LeaderElector({
      client: this.#o.client,
      clock: this.#clock,
      lease: { namespace: cfg.namespace ?? 'kube-system', name: cfg.name ?? 'kube-controller-manager' },
      identity: cfg.identity ?? `${hostname()}_${newUid()}`,
      releaseOnCancel: cfg.releaseOnCancel ?? true,
      ...(cfg.leaseDurationMs !== undefined ? { leaseDurationMs: cfg.leaseDurationMs } : {}),
      ...(cfg.renewDeadlineMs !== undefined ? { renewDeadlineMs: cfg.renewDeadlineMs } : {}),
      ...(cfg.retryPeriodMs !== undefined ? { retryPeriodMs: cfg.retryPeriodMs } : {}),
      onError: (err) => this.#report(err, 'leader election'),
    });
    let term: Promise<void> | undefined;
    let led = false;
    await elector.run(
      {
        onStartedLeading: (signal) => {
          led = true;
          this.#leading = true;
          term = this.#term(signal);
        },
        onStoppedLeading: () => {
          this.#leading = false;
        },
      },
      { signal: this.#stop.signal },
    );
    if (term) await term;
    return led && !this.#stop.signal.aborted ? 'leadership-lost' : 'stopped';
  }

  /** One term: build the context, start controllers and informers, wait for sync, run until `signal` aborts. */
  async #term(signal: AbortSignal): Promise<void> {
    const { client } = this.#o;
    const informers = new SharedInformerFactory({ client, clock: this.#clock, onError: (err, ctx, inf) => this.#report(err, `${inf} ${ctx}`) });
    const recorders = new Map<string, EventRecorder>();
    const ctx: ControllerContext = {
      client,
      informers,
      clock: this.#clock,
      signal,
      recorder: (component) => {
        let r = recorders.get(component);
        if (!r) {
          r = new EventRecorder({ client, component, clock: this.#clock, onError: (err) => this.#report(err, `${component} events`) });
          recorders.set(component, r);
        }
        return r;
      },
    };
    try {
      const runs = this.#o.controllers.map((c) => ({ name: c.name, run: c.start(ctx) }));
      informers.start();
      if (!(await informers.waitForCacheSync(signal))) return;
      this.#synced = true;
      await Promise.all(
        runs.map(({ name, run }) =>
          run().catch((err: unknown) => {
            this.#report(err, `controller ${name}`);
          }),
        ),
      );
    } finally {
      this.#synced = false;
      await informers.stop();
      await Promise.all([...recorders.values()].map((r) => r.shutdown()));
    }
  }
}
