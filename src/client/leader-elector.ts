/**
 * LeaderElector: leader election on a coordination.k8s.io/v1 Lease (client-go's tools/leaderelection with a
 * LeaseLock).
 *
 * Timeline:
 *   acquiring — every retryPeriod (+ up to 1.2× jitter) try to take the Lease: create it if absent, or take it over
 *               if its holder is empty or has not changed it for leaseDuration as measured on OUR clock since we
 *               last saw it change (so clock skew between candidates does not matter).
 *   leading   — onStartedLeading(signal) runs; every retryPeriod the Lease's renewTime is renewed. If no renewal
 *               succeeds within renewDeadline, leadership is lost: the signal aborts and onStoppedLeading runs.
 *   stopping  — when run's signal aborts, the same happens; with releaseOnCancel the Lease is released (holder
 *               cleared) so another candidate can take over at once.
 * Safety: every write carries the resourceVersion read just before, so of two candidates racing for one Lease only
 * one write succeeds (the other gets 409 Conflict). A leader stops acting after renewDeadline without renewal, which is
 * shorter than the leaseDuration others wait, so two electors never both lead (given clocks that run at equal rates).
 */
import type { Lease, LeaseSpec } from '../api/index.js';
import { deepEqual, isNotFound, type Clock } from '../machinery/index.js';
import { ClientError } from './errors.js';
import { refs } from './resource-ref.js';
import type { RestClient } from './rest-client.js';

export interface LeaderElectorOptions {
  client: RestClient;
  lease: { namespace: string; name: string };
  /** Unique per candidate, e.g. `hostname_uuid`. */
  identity: string;
  clock?: Clock;
  /** How long non-leaders wait before taking over an un-renewed Lease (default 15 s). */
  leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it gives up leadership (default 10 s). */
  renewDeadlineMs?: number;
  /** Interval between attempts (default 2 s). */
  retryPeriodMs?: number;
  /** Clear the Lease's holder when run's signal aborts (default false, as in client-go). */
  releaseOnCancel?: boolean;
  random?: () => number;
  /** Failed attempts (default: ignored, as they are expected while another candidate leads). */
  onError?: (err: unknown) => void;
}

export interface LeaderCallbacks {
  /** Called once leadership is acquired; `signal` aborts when it is lost or run stops. May be async. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called once after leading ends (only if leadership was acquired). */
  onStoppedLeading?(): void;
  /** Called whenever a different holder is observed (including ourselves). */
  onNewLeader?(identity: string): void;
}

const JITTER_FACTOR = 1.2;

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

type ElectionRecord = Required<Pick<LeaseSpec, 'holderIdentity' | 'leaseDurationSeconds' | 'acquireTime' | 'renewTime' | 'leaseTransitions'>>;

function recordOf(spec: LeaseSpec | undefined): ElectionRecord {
  return {
    holderIdentity: spec?.holderIdentity ?? '',
    leaseDurationSeconds: spec?.leaseDurationSeconds ?? 0,
    acquireTime: spec?.acquireTime ?? '',
    renewTime: spec?.renewTime ?? '',
    leaseTransitions: spec?.leaseTransitions ?? 0,
  };
}

export class LeaderElector {
  readonly #o: Required<Omit<LeaderElectorOptions, 'onError' | 'clock'>> & { clock: Clock; onError: (err: unknown) => void };
  #observed: ElectionRecord | undefined;
  #observedTime = 0;
  #observedLease: Lease | undefined;
  #reportedLeader = '';

  constructor(options: LeaderElectorOptions) {
    this.#o = {
      clock: options.clock ?? options.client.clock,
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      releaseOnCancel: false,
      random: Math.random,
      onError: () => undefined,
      ...options,
    };
    const { leaseDurationMs: ld, renewDeadlineMs: rd, retryPeriodMs: rp } = this.#o;
    if (!options.identity) throw new ClientError('InvalidConfig', 'leader election needs an identity');
    if (!(ld > rd)) throw new ClientError('InvalidConfig', 'leaseDuration must be greater than renewDeadline');
    if (!(rd > JITTER_FACTOR * rp)) throw new ClientError('InvalidConfig', `renewDeadline must be greater than ${JITTER_FACTOR} × retryPeriod`);
    if (!(rp > 0)) throw new ClientError('InvalidConfig', 'retryPeriod must be positive');
  }

  /** True when the last observed holder is this candidate. */
  isLeader(): boolean {
    return this.#observed?.holderIdentity === this.#o.identity;
  }

  /** The last observed holder ('' if none seen yet). */
  getLeader(): string {
    return this.#observed?.holderIdentity ?? '';
  }

  /** Campaigns, leads, and returns when leadership is lost or `signal` aborts. Never rejects. */
  async run(callbacks: LeaderCallbacks, options: { signal?: AbortSignal } = {}): Promise<void> {
    const stop = options.signal ?? new AbortController().signal;
    if (!(await this.#acquire(stop, callbacks))) return;
    const leading = new AbortController();
    const onStop = () => leading.abort(stop.reason);
    stop.addEventListener('abort', onStop, { once: true });
    try {
      Promise.resolve()
        .then(() => callbacks.onStartedLeading(leading.signal))
        .catch((err: unknown) => this.#o.onError(err));
      await this.#renew(stop, callbacks);
    } finally {
      stop.removeEventListener('abort', onStop);
      leading.abort(new ClientError('ShutDown', 'leadership lost'));
      if (this.#o.releaseOnCancel && stop.aborted) await this.#release();
      callbacks.onStoppedLeading?.();
    }
  }

  async #acquire(stop: AbortSignal, cb: LeaderCallbacks): Promise<boolean> {
    while (!stop.aborted) {
      const ok = await this.#tryAcquireOrRenew();
      this.#reportTransition(cb);
      if (ok) return true;
      const rp = this.#o.retryPeriodMs;
      if (!(await this.#sleep(rp + this.#o.random() * JITTER_FACTOR * rp, stop))) return false;
    }
    return false;
  }

  /** Returns when a renewal round fails past renewDeadline, or when `stop` aborts. */
  async #renew(stop: AbortSignal, cb: LeaderCallbacks): Promise<void> {
    const { renewDeadlineMs, retryPeriodMs } = this.#o;
    while (!stop.aborted) {
      const deadline = this.#o.clock.now() + renewDeadlineMs;
      let renewed = false;
      while (!renewed && !stop.aborted) {
        renewed = await this.#withDeadline(this.#tryAcquireOrRenew(), deadline);
        this.#reportTransition(cb);
        if (renewed) break;
        const left = deadline - this.#o.clock.now();
        if (left <= 0) return;
        if (!(await this.#sleep(Math.min(retryPeriodMs, left), stop))) return;
      }
      if (!(await this.#sleep(retryPeriodMs, stop))) return;
    }
  }

  async #tryAcquireOrRenew(): Promise<boolean> {
    const leases = this.#o.client.resource<Lease>(refs.leases);
    const key = this.#o.lease;
    const now = this.#o.clock.now();
    const desired: ElectionRecord = {
      holderIdentity: this.#o.identity,
      leaseDurationSeconds: Math.floor(this.#o.leaseDurationMs / 1000),
      acquireTime: microTime(now),
      renewTime: microTime(now),
      leaseTransitions: 0,
    };
    let lease: Lease;
    try {
      lease = await leases.get(key);
    } catch (err) {
      if (!isNotFound(err)) return this.#fail(err);
      try {
        this.#observedLease = await leases.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { ...key }, spec: desired });
      } catch (createErr) {
        return this.#fail(createErr);
      }
      this.#observe(desired, now);
      return true;
    }
    const old = recordOf(lease.spec);
    if (!this.#observed || !deepEqual(this.#observed, old)) this.#observe(old, now);
    this.#observedLease = lease;
    if (old.holderIdentity && !this.isLeader() && this.#observedTime + this.#o.leaseDurationMs > now) return false;
    if (this.isLeader()) {
      desired.acquireTime = old.acquireTime;
      desired.leaseTransitions = old.leaseTransitions;
    } else desired.leaseTransitions = old.leaseTransitions + 1;
    try {
      this.#observedLease = await leases.update({ ...lease, spec: { ...lease.spec, ...desired } });
    } catch (err) {
      return this.#fail(err);
    }
    this.#observe(desired, now);
    return true;
  }

  /** Clears the holder if we hold the Lease (client-go's release). */
  async #release(): Promise<void> {
    const lease = this.#observedLease;
    if (!this.isLeader() || !lease) return;
    const now = microTime(this.#o.clock.now());
    const released: ElectionRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: this.#observed?.leaseTransitions ?? 0 };
    try {
      await this.#o.client.resource<Lease>(refs.leases).update({ ...lease, spec: { ...lease.spec, ...released } });
      this.#observe(released, this.#o.clock.now());
    } catch (err) {
      this.#o.onError(err);
    }
  }

  #observe(record: ElectionRecord, at: number): void {
    this.#observed = { ...record };
    this.#observedTime = at;
  }

  #fail(err: unknown): false {
    this.#o.onError(err);
    return false;
  }

  #reportTransition(cb: LeaderCallbacks): void {
    const holder = this.getLeader();
    if (holder === this.#reportedLeader) return;
    this.#reportedLeader = holder;
    cb.onNewLeader?.(holder);
  }

  /** Resolves false if `p` has not settled by `deadline` (the attempt is abandoned, as client-go's timeout does). */
  async #withDeadline(p: Promise<boolean>, deadline: number): Promise<boolean> {
    const left = deadline - this.#o.clock.now();
    if (left <= 0) return false;
    let timer: { cancel(): void } | undefined;
    const timeout = new Promise<boolean>((r) => (timer = this.#o.clock.setTimeout(() => r(false), left)));
    try {
      return await Promise.race([p, timeout]);
    } finally {
      timer?.cancel();
    }
  }

  async #sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    try {
      await this.#o.clock.sleep(ms, signal);
      return true;
    } catch (err) {
      if (signal.aborted) return false;
      throw err;
    }
  }
}
