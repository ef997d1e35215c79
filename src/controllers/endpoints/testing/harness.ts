/**
 * A test harness for skiff's controllers: an in-memory API server (the client's FakeApiServer), a RestClient and a
 * SharedInformerFactory on a FakeClock, and a ControllerContext built from them. Test-only.
 */
import type { Event, KubeObject } from '../../../api/index.js';
import { EventRecorder, RestClient, SharedInformerFactory, type ResourceRef, type TransportRequest } from '../../../client/index.js';
import { FakeApiServer, bodyOf, tick, until } from '../../../client/testing/index.js';
import { ApiError, FakeClock } from '../../../machinery/index.js';
import type { ControllerContext } from '../../context.js';

export interface Harness {
  clock: FakeClock;
  server: FakeApiServer;
  client: RestClient;
  informers: SharedInformerFactory;
  ctx: ControllerContext;
  abort: AbortController;
  /** Request bodies the server received, with method and path (for asserting on writes). */
  writes: Array<{ method: string; path: string; body: unknown; contentType: string | undefined }>;
  /**
   * Makes the fake server delete like the real one for the garbage collector's purposes: DELETE with
   * propagationPolicy Orphan/Foreground (or an object with finalizers) only marks the object (deletionTimestamp +
   * finalizer); it goes once a write leaves it without finalizers. The uid precondition is enforced.
   */
  deletionSemantics(): void;
  /** Starts every informer and waits for their caches. */
  sync(): Promise<void>;
  /** Lets queued informer events and recorder writes settle. */
  settle(): Promise<void>;
  /** Events recorded through the context's recorders (after they were written). */
  events(): Promise<Event[]>;
  object<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string): T | undefined;
  stop(): Promise<void>;
}

export function makeHarness(startMs = Date.UTC(2026, 0, 1)): Harness {
  const clock = new FakeClock(startMs);
  const server = new FakeApiServer({ clock });
  const client = new RestClient({ transport: server, clock, qps: Infinity });
  const informers = new SharedInformerFactory({ client, clock });
  const abort = new AbortController();
  const recorders: EventRecorder[] = [];
  const writes: Harness['writes'] = [];
  const parse = (path: string) => {
    const seg = path.split('/').filter(Boolean);
    const [group, rest] = seg[0] === 'api' ? ['', seg.slice(2)] : [seg[1] ?? '', seg.slice(3)];
    const [ns, tail] = rest[0] === 'namespaces' && rest.length >= 3 ? [rest[1]!, rest.slice(2)] : ['', rest];
    return { res: `${group}/${tail[0] ?? ''}`, ns, name: tail[1], sub: tail[2] };
  };
  const reap = (res: string, ns: string, name: string) => {
    const cur = server.store.get(res, ns, name);
    if (cur?.metadata.deletionTimestamp && !cur.metadata.finalizers?.length) server.store.write(res, 'DELETED', cur);
  };
  let semantics = false;
  const deletionReactor = (req: TransportRequest) => {
    const r = parse(req.path);
    if (!r.name || r.sub) return undefined;
    if (req.method === 'PATCH' || req.method === 'PUT') {
      setImmediate(() => reap(r.res, r.ns, r.name!));
      return undefined;
    }
    if (req.method !== 'DELETE') return undefined;
    const cur = server.store.get(r.res, r.ns, r.name);
    if (!cur) return undefined;
    const text = req.body === undefined ? '{}' : typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body);
    const opts = JSON.parse(text || '{}') as { propagationPolicy?: string; preconditions?: { uid?: string } };
    if (opts.preconditions?.uid && opts.preconditions.uid !== cur.metadata.uid) {
      return new ApiError(409, 'Conflict', `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${cur.metadata.uid ?? ''}`);
    }
    const gcFinalizer = opts.propagationPolicy === 'Orphan' ? 'orphan' : opts.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : undefined;
    const finalizers = [...(cur.metadata.finalizers ?? [])];
    if (gcFinalizer && !finalizers.includes(gcFinalizer)) finalizers.push(gcFinalizer);
    if (!finalizers.length) return undefined;
    const marked = { ...cur, metadata: { ...cur.metadata, finalizers, deletionTimestamp: cur.metadata.deletionTimestamp ?? new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'), deletionGracePeriodSeconds: 0 } };
    const stored = server.store.write(r.res, 'MODIFIED', marked);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: bodyOf(JSON.stringify(stored)) };
  };
  server.prependReactor((req: TransportRequest) => (semantics ? deletionReactor(req) : undefined));
  // Record every write before any reactor (including ones tests add later) can answer it.
  const handle = server.request.bind(server);
  server.request = (req: TransportRequest) => {
    if (req.method !== 'GET') {
      const text = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body);
      let body: unknown = text;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch (err) {
          body = { unparsed: text, error: String(err) };
        }
      }
      writes.push({ method: req.method, path: req.path, body, contentType: req.headers?.['content-type'] });
    }
    return handle(req);
  };
  const ctx: ControllerContext = {
    client,
    informers,
    clock,
    signal: abort.signal,
    recorder(component) {
      const r = new EventRecorder({ client, component, clock, random: () => 0 });
      recorders.push(r);
      return r;
    },
  };
  const deletionSemantics = () => {
    semantics = true;
  };
  return {
    clock,
    deletionSemantics,
    server,
    client,
    informers,
    ctx,
    abort,
    writes,
    async sync() {
      informers.start();
      await informers.waitForCacheSync();
    },
    async settle() {
      await tick(20);
      for (const r of recorders) await r.flush();
    },
    async events() {
      for (const r of recorders) await r.flush();
      return server.store.list('/events', '') as Event[];
    },
    object<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string) {
      return server.object<T>(ref, namespace, name);
    },
    async stop() {
      abort.abort();
      await informers.stop();
      for (const r of recorders) await r.shutdown();
    },
  };
}

export { tick, until };
