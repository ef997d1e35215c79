import { afterEach, describe, expect, it } from 'vitest';
import type { Lease } from '../api/index.js';
import { FakeClock } from '../machinery/index.js';
import { ClientError, isClientError } from './errors.js';
import { LeaderElector, microTime, type LeaderCallbacks } from './leader-elector.js';
import { refs } from './resource-ref.js';
import { RestClient } from './rest-client.js';
import { FakeApiServer, until } from './testing/index.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** A transport to the shared fake server that a test can cut off (a network partition for one candidate). */
class Partitionable implements Transport {
  cut = false;
  constructor(
    readonly inner: Transport,
    readonly statuses: string[],
  ) {}
  async request(req: TransportRequest): Promise<TransportResponse> {
    if (this.cut) throw new ClientError('Transport', 'network unreachable');
    const res = await this.inner.request(req);
    this.statuses.push(`${req.method} ${res.status}`);
    return res;
  }
}

const LEASE = { namespace: 'kube-system', name: 'kube-scheduler' };
const stops: AbortController[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s.abort();
});

function world() {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const server = new FakeApiServer({ clock });
  const timeline: string[] = [];
  const leaders = new Set<string>();
  const statuses: string[] = [];
  let overlap = false;
  const candidate = (identity: string, options: { releaseOnCancel?: boolean } = {}) => {
    const net = new Partitionable(server, statuses);
    const client = new RestClient({ transport: net, clock, qps: Infinity });
    const elector = new LeaderElector({ client, lease: LEASE, identity, clock, random: () => 0, ...options });
    const ac = new AbortController();
    stops.push(ac);
    const callbacks: LeaderCallbacks = {
      onStartedLeading: (signal) => {
        leaders.add(identity);
        if (leaders.size > 1) overlap = true;
        timeline.push(`${identity} started @${(clock.now() - Date.UTC(2026, 0, 1)) / 1000}s`);
        signal.addEventListener('abort', () => leaders.delete(identity));
      },
      onStoppedLeading: () => timeline.push(`${identity} stopped @${(clock.now() - Date.UTC(2026, 0, 1)) / 1000}s`),
    };
    const done = elector.run(callbacks, { signal: ac.signal });
    return { elector, net, ac, done };
  };
  const lease = () => server.object<Lease>(refs.leases, LEASE.namespace, LEASE.name);
  /** Advances the fake clock in small steps so every timer-driven attempt gets to run. */
  const advance = async (ms: number, step = 250) => {
    for (let t = 0; t < ms; t += step) await clock.advanceAsync(Math.min(step, ms - t));
  };
  return { clock, server, candidate, lease, timeline, advance, statuses, overlap: () => overlap };
}

describe('LeaderElector', () => {
  it('creates the Lease and leads when none exists', async () => {
    const w = world();
    const a = w.candidate('a');
    await until(() => w.timeline.length === 1);
    expect(w.timeline).toEqual(['a started @0s']);
    expect(a.elector.isLeader()).toBe(true);
    expect(w.lease()?.spec).toEqual({
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:00.000000Z',
      renewTime: '2026-01-01T00:00:00.000000Z',
      leaseTransitions: 0,
    });
  });

  it('renews every retry period while leading, keeping acquireTime', async () => {
    const w = world();
    w.candidate('a');
    await until(() => w.timeline.length === 1);
    await w.advance(6_000);
    expect(w.lease()?.spec?.renewTime).toBe(microTime(Date.UTC(2026, 0, 1, 0, 0, 6)));
    expect(w.lease()?.spec?.acquireTime).toBe('2026-01-01T00:00:00.000000Z');
    expect(w.lease()?.spec?.leaseTransitions).toBe(0);
  });

  it('a second candidate never leads while the leader renews', async () => {
    const w = world();
    w.candidate('a');
    await until(() => w.timeline.length === 1);
    const b = w.candidate('b');
    await w.advance(120_000);
    expect(w.timeline).toEqual(['a started @0s']);
    expect(b.elector.isLeader()).toBe(false);
    expect(b.elector.getLeader()).toBe('a');
  });

  it('hands over after the leader stops renewing: the old leader stops before the new one starts', async () => {
    const w = world();
    const a = w.candidate('a');
    await until(() => w.timeline.length === 1);
    const b = w.candidate('b');
    await w.advance(4_000);
    a.net.cut = true; // a can no longer reach the server; its last renewal was at 4 s
    await w.advance(30_000);
    await a.done;
    // The next round starts one retry period after the last renewal (4 s + 2 s) and gives up after the 10 s deadline.
    expect(w.timeline[1]).toBe('a stopped @16s');
    expect(w.timeline[2]).toMatch(/^b started @/);
    const bStarted = Number(/@([\d.]+)s/.exec(w.timeline[2]!)![1]);
    expect(bStarted).toBeGreaterThanOrEqual(4 + 15); // lease duration after b last saw the lease change
    expect(w.overlap()).toBe(false);
    expect(w.lease()?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    expect(b.elector.isLeader()).toBe(true);
  });

  it('of two candidates racing for an expired Lease, exactly one wins (optimistic concurrency)', async () => {
    const w = world();
    w.server.put(refs.leases, {
      metadata: { ...LEASE },
      spec: { holderIdentity: 'gone', leaseDurationSeconds: 15, renewTime: '2025-12-31T00:00:00.000000Z', leaseTransitions: 4 },
    } as Lease);
    const candidates = ['a', 'b', 'c'].map((id) => w.candidate(id));
    // Each first sees 'gone' as freshly observed and waits out the lease duration (until 16 s).
    await w.advance(15_000);
    // Make the next three GETs return together, so all three candidates read the same resourceVersion and race.
    const held: Array<() => void> = [];
    let gating = true;
    w.server.prependReactor((req) => {
      if (req.method !== 'GET' || !gating) return undefined;
      const gate = new Promise<void>((r) => held.push(r));
      if (held.length === 3) {
        gating = false;
        held.forEach((r) => r());
      }
      const server = w.server;
      return {
        status: 200,
        headers: {},
        body: (async function* () {
          await gate;
          yield new TextEncoder().encode(JSON.stringify(server.object(refs.leases, LEASE.namespace, LEASE.name)));
        })(),
      };
    });
    await w.advance(25_000);
    const leading = candidates.filter((c) => c.elector.isLeader());
    expect(leading.length).toBe(1);
    expect(w.timeline.length).toBe(1);
    expect(w.lease()?.spec?.leaseTransitions).toBe(5);
    expect(w.statuses.filter((s) => s === 'PUT 200').length).toBeGreaterThanOrEqual(1);
    expect(w.statuses).toContain('PUT 409'); // the losers' writes carried a stale resourceVersion
    expect(w.overlap()).toBe(false);
  });

  it('releases the Lease on cancel so a standby takes over without waiting for expiry', async () => {
    const w = world();
    const a = w.candidate('a', { releaseOnCancel: true });
    await until(() => w.timeline.length === 1);
    const b = w.candidate('b');
    await w.advance(2_000);
    a.ac.abort();
    await a.done;
    expect(w.lease()?.spec?.holderIdentity).toBe('');
    await w.advance(5_000);
    expect(b.elector.isLeader()).toBe(true);
    expect(w.timeline).toEqual(['a started @0s', 'a stopped @2s', expect.stringMatching(/^b started @[2-6](\.\d+)?s$/)]);
  });

  it('rejects timings that cannot be safe', () => {
    const client = new RestClient({ transport: new FakeApiServer(), qps: Infinity });
    const make = (o: object) => () => new LeaderElector({ client, lease: LEASE, identity: 'x', ...o });
    for (const f of [make({ leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }), make({ retryPeriodMs: 9_000 }), make({ identity: '' })]) {
      let caught: unknown;
      try {
        f();
      } catch (err) {
        caught = err;
      }
      expect(isClientError(caught, 'InvalidConfig')).toBe(true);
    }
  });
});
