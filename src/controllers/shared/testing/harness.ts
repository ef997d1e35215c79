/**
 * Test harness for controller reconcile tests: controllers run against the client's FakeApiServer (an in-memory
 * Transport; src/apiserver is off limits to controllers, even in tests) with a FakeClock, their own informer factory
 * and event recorders — the same wiring the ControllerManager does, minus leader election.
 *
 * The fake server treats strategic merge patches as merge patches; `start` installs a reactor that applies them with
 * the built-in patch schemas (so ownerReferences merge by uid and `$patch: delete` works) and honours the
 * `metadata.uid` precondition the controller-ref patches carry, as the real API server does.
 */
import type { Event, KubeObject, Pod } from '../../../api/index.js';
import { patchSchemaFor } from '../../../api/index.js';
import { EventRecorder, RestClient, SharedInformerFactory, refs, type Lister, type ResourceRef, type TransportRequest, type TransportResponse } from '../../../client/index.js';
import { FakeApiServer, bodyOf, tick, until } from '../../../client/testing/index.js';
import { FakeClock, applyStrategicMergePatch, conflict, notFound, type ApiError, type JsonObject } from '../../../machinery/index.js';
import type { Controller, ControllerContext } from '../../context.js';

export interface Harness {
  server: FakeApiServer;
  clock: FakeClock;
  client: RestClient;
  ctx: ControllerContext;
  /** Events written so far in `namespace` (all namespaces when omitted). */
  events(namespace?: string): Event[];
  /** Stops the controllers and informers. */
  stop(): Promise<void>;
  /** Lets the event loop run until `cond` holds (throws after `turns` turns). */
  until(cond: () => boolean, what?: string, turns?: number): Promise<void>;
  /** Advances the fake clock a second at a time (letting work run in between) until `cond` holds; throws after maxMs. */
  advanceUntil(cond: () => boolean, options: { maxMs: number; stepMs?: number; what?: string }): Promise<void>;
  /** The lister of the shared informer the controllers use for `ref` (unfiltered scope). */
  cached<T extends KubeObject>(ref: ResourceRef): Lister<T>;
}

const KIND_OF: Readonly<Record<string, { group: string; version: string; kind: string }>> = {
  'core/pods': { group: '', version: 'v1', kind: 'Pod' },
  'apps/replicasets': { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
  'apps/deployments': { group: 'apps', version: 'v1', kind: 'Deployment' },
};

function strategicReactor(server: FakeApiServer) {
  return (req: TransportRequest): TransportResponse | ApiError | undefined => {
    if (req.method !== 'PATCH' || req.headers?.['content-type'] !== 'application/strategic-merge-patch+json') return undefined;
    const seg = req.path.split('/').filter(Boolean);
    const [group, rest] = seg[0] === 'api' ? ['', seg.slice(2)] : [seg[1]!, seg.slice(3)];
    if (rest[0] !== 'namespaces' || rest.length !== 4) return undefined;
    const [, namespace, resource, name] = rest as [string, string, string, string];
    const gvk = KIND_OF[`${group || 'core'}/${resource}`];
    if (!gvk) return undefined;
    const res = `${group}/${resource}`;
    const current = server.store.get(res, namespace, name);
    if (!current) return notFound({ group, resource }, name);
    const patch = JSON.parse(typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body)) as JsonObject;
    const wantUid = (patch.metadata as JsonObject | undefined)?.uid;
    if (typeof wantUid === 'string' && wantUid !== current.metadata.uid) {
      return conflict({ group, resource }, name, `Precondition failed: UID in precondition: ${wantUid}, UID in object meta: ${current.metadata.uid ?? ''}`);
    }
    const next = applyStrategicMergePatch(current as unknown as JsonObject, patch, patchSchemaFor(gvk.group, gvk.version, gvk.kind));
    const stored = server.store.write(res, 'MODIFIED', next as unknown as KubeObject);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: bodyOf(JSON.stringify(stored)) };
  };
}

/**
 * A stand-in for kubelets: every pod the controllers' cache sees without a Ready condition (and not being deleted)
 * is bound to `node` and marked Running and Ready at the current fake time, unless `hold(pod)` says to leave it.
 */
export function fakeKubelet(h: Harness, options: { node?: string; hold?: (pod: Pod) => boolean } = {}): { stop(): void } {
  const informer = h.ctx.informers.informerFor<Pod>(refs.pods);
  const make = (p: Readonly<Pod>) => {
    if (p.metadata.deletionTimestamp || p.status?.conditions?.some((c) => c.type === 'Ready')) return;
    const cur = h.server.object<Pod>(refs.pods, p.metadata.namespace ?? '', p.metadata.name ?? '');
    if (!cur || options.hold?.(cur)) return;
    const now = new Date(h.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    h.server.put(refs.pods, {
      ...cur,
      spec: { ...cur.spec!, nodeName: options.node ?? 'node-1' },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] },
    });
  };
  const reg = informer.addEventHandler({ onAdd: make, onUpdate: (_o, p) => make(p) });
  return { stop: () => reg.remove() };
}

/** Starts `controllers` against a fresh FakeApiServer (or `server`), waits for their caches, runs their workers. */
export async function startControllers(controllers: readonly Controller[], options: { server?: FakeApiServer; clock?: FakeClock } = {}): Promise<Harness> {
  const clock = options.clock ?? new FakeClock();
  const server = options.server ?? new FakeApiServer({ clock });
  server.prependReactor(strategicReactor(server));
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  const informers = new SharedInformerFactory({ client, clock });
  const abort = new AbortController();
  const recorders = new Map<string, EventRecorder>();
  const ctx: ControllerContext = {
    client,
    informers,
    clock,
    signal: abort.signal,
    recorder(component) {
      let r = recorders.get(component);
      if (!r) recorders.set(component, (r = new EventRecorder({ client, component, clock, onError: () => undefined })));
      return r;
    },
  };
  const runs = controllers.map((c) => c.start(ctx));
  informers.start();
  if (!(await informers.waitForCacheSync())) throw new Error('caches did not sync');
  const done = Promise.all(runs.map((run) => run()));
  return {
    server,
    clock,
    client,
    ctx,
    events: (namespace) =>
      (server.store.list('/events', namespace ?? '') as Event[]).sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)),
    stop: async () => {
      abort.abort();
      await done;
      await informers.stop();
      await Promise.all([...recorders.values()].map((r) => r.shutdown()));
    },
    until: (cond, what, turns) => until(cond, { turns: turns ?? 5000, ...(what ? { what } : {}) }),
    advanceUntil: async (cond, o) => {
      const step = o.stepMs ?? 1000;
      for (let waited = 0; ; waited += step) {
        for (let i = 0; i < 50 && !cond(); i++) await tick();
        if (cond()) return;
        if (waited >= o.maxMs) throw new Error(`condition not reached after ${o.maxMs} ms of fake time${o.what ? `: ${o.what}` : ''}`);
        await clock.advanceAsync(step);
      }
    },
    cached: <T extends KubeObject>(ref: ResourceRef) => informers.informerFor<T>(ref).lister(),
  };
}
