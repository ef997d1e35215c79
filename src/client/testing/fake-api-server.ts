/**
 * FakeApiServer: an in-memory Transport that speaks the Kubernetes REST wire format well enough to test clients,
 * informers, controllers and leader election without the real API server: get / list (selectors, limit/continue) /
 * create (generateName) / update (resourceVersion preconditions → 409) / patch (json, merge, strategic≈merge, apply) /
 * delete / deletecollection / pods/binding / watch (NDJSON, replay from a resourceVersion, bookmarks on demand,
 * 410 as an HTTP status or as an ERROR event). Scope is not enforced; objects are keyed by group/resource.
 *
 * Fault injection: `prependReactor(fn)` runs before the built-in handling (like client-go's fake PrependReactor); a
 * reactor that returns an ApiError answers with its Status, a TransportResponse is returned as is.
 */
import type { KubeObject } from '../../api/index.js';
import {
  ApiError,
  FakeClock,
  alreadyExists,
  applyJsonPatch,
  applyMergePatch,
  conflict,
  notFound,
  type Clock,
  type JsonValue,
} from '../../machinery/index.js';
import type { ResourceRef } from '../resource-ref.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport.js';
import { ChunkStream, bodyOf } from './chunk-stream.js';
import { FakeStore, selectorPredicate, type Watcher } from './fake-store.js';

export type Reactor = (req: TransportRequest) => TransportResponse | ApiError | undefined;

export interface FakeApiServerOptions {
  clock?: Clock;
  /** Split every watch line into chunks of this many bytes (exercises incremental decoding). */
  watchChunkSize?: number;
  /** How a watch from a compacted resourceVersion fails: a 410 response, or a 200 stream with one ERROR event. */
  goneAs?: 'status' | 'event';
}

interface Route {
  group: string;
  resource: string;
  namespace: string;
  name: string | undefined;
  subresource: string | undefined;
}

function parseRoute(path: string): Route | undefined {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (seg[0] === 'api' && seg.length >= 3) [group, rest] = ['', seg.slice(2)];
  else if (seg[0] === 'apis' && seg.length >= 4) [group, rest] = [seg[1]!, seg.slice(3)];
  else return undefined;
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1]!, rest.slice(2)];
  if (!rest[0]) return undefined;
  return { group, resource: rest[0], namespace, name: rest[1], subresource: rest[2] };
}

const enc = new TextEncoder();

export class FakeApiServer implements Transport {
  readonly store = new FakeStore();
  readonly requests: Array<{ method: string; path: string; query: Record<string, string> }> = [];
  readonly #reactors: Reactor[] = [];
  readonly #clock: Clock;
  readonly #options: FakeApiServerOptions;
  #uidSeq = 0;

  constructor(options: FakeApiServerOptions = {}) {
    this.#clock = options.clock ?? new FakeClock();
    this.#options = options;
  }

  prependReactor(fn: Reactor): void {
    this.#reactors.unshift(fn);
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const query = Object.fromEntries(req.query ?? []);
    this.requests.push({ method: req.method, path: req.path, query });
    for (const r of this.#reactors) {
      const out = r(req);
      if (out instanceof ApiError) return this.#json(out.code, out.toStatus());
      if (out) return out;
    }
    try {
      return await this.#handle(req, query);
    } catch (err) {
      if (err instanceof ApiError) return this.#json(err.code, err.toStatus());
      throw err;
    }
  }

  // ---- direct access for tests (bypasses HTTP, still versioned and watched) ----

  /** Creates or replaces an object, as a server-side write would. */
  put<T extends KubeObject>(ref: ResourceRef, obj: T): T {
    const res = `${ref.group}/${ref.resource}`;
    const existing = this.store.get(res, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    const next = existing ? { ...obj, metadata: { ...obj.metadata, uid: existing.metadata.uid } } : this.#stamp(obj);
    return this.store.write(res, existing ? 'MODIFIED' : 'ADDED', next) as T;
  }

  remove(ref: ResourceRef, namespace: string, name: string): void {
    const res = `${ref.group}/${ref.resource}`;
    const existing = this.store.get(res, namespace, name);
    if (existing) this.store.write(res, 'DELETED', existing);
  }

  object<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string): T | undefined {
    return this.store.get(`${ref.group}/${ref.resource}`, namespace, name) as T | undefined;
  }

  /** Sends a BOOKMARK with the current resourceVersion to every watcher that allowed bookmarks. */
  sendBookmarks(): void {
    this.store.sendBookmarks();
  }

  /** Ends every open watch stream normally (as a server-side timeout does). */
  endWatches(): void {
    for (const w of [...this.store.watchers]) w.end();
  }

  /** Sends an ERROR event with `err`'s Status to every watcher, then ends the streams. */
  failWatches(err: ApiError): void {
    for (const w of [...this.store.watchers]) {
      w.send(JSON.stringify({ type: 'ERROR', object: err.toStatus() }));
      w.end();
    }
  }

  get watcherCount(): number {
    return this.store.watchers.size;
  }

  // ---- wire handling ----

  #json(status: number, body: unknown): TransportResponse {
    return { status, headers: { 'content-type': 'application/json' }, body: bodyOf(JSON.stringify(body)) };
  }

  #stamp(obj: KubeObject): KubeObject {
    const meta = { ...obj.metadata };
    meta.uid ??= `00000000-0000-4000-8000-${String(++this.#uidSeq).padStart(12, '0')}`;
    meta.creationTimestamp ??= new Date(this.#clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { ...obj, metadata: meta };
  }

  async #handle(req: TransportRequest, query: Record<string, string>): Promise<TransportResponse> {
    const route = parseRoute(req.path);
    if (!route) return this.#json(404, new ApiError(404, 'NotFound', `the server could not find the requested resource`).toStatus());
    const res = `${route.group}/${route.resource}`;
    const gr = { group: route.group, resource: route.resource };
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body);
    const parsed = body ? (JSON.parse(body) as KubeObject) : undefined;
    const { name, namespace, subresource } = route;

    if (name === undefined) {
      if (req.method === 'GET' && query.watch === 'true') return this.#watch(req, res, route.namespace, query);
      if (req.method === 'GET') return this.#list(res, route.namespace, query);
      if (req.method === 'POST') {
        const obj = { ...parsed!, metadata: { ...parsed!.metadata, ...(namespace ? { namespace } : {}) } };
        if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${(this.store.rv + 1).toString(36).padStart(5, 'x')}`;
        if (this.store.get(res, namespace, obj.metadata.name ?? '')) throw alreadyExists(gr, obj.metadata.name ?? '');
        return this.#json(201, this.store.write(res, 'ADDED', this.#stamp(obj)));
      }
      if (req.method === 'DELETE') {
        const match = selectorPredicate(query.labelSelector ?? null, query.fieldSelector ?? null);
        const gone = this.store.list(res, namespace).filter(match).map((o) => this.store.write(res, 'DELETED', o));
        return this.#json(200, { kind: 'List', apiVersion: 'v1', metadata: {}, items: gone });
      }
      return this.#json(405, new ApiError(405, 'MethodNotAllowed', `${req.method} not allowed`).toStatus());
    }

    const current = this.store.get(res, namespace, name);
    if (req.method === 'POST' && subresource === 'binding') {
      if (!current) throw notFound(gr, name);
      const target = (parsed as unknown as { target: { name: string } }).target.name;
      const spec = (current.spec ?? {}) as Record<string, unknown>;
      if (spec.nodeName) throw conflict(gr, name, `pod ${name} is already assigned to node "${String(spec.nodeName)}"`);
      this.store.write(res, 'MODIFIED', { ...current, spec: { ...spec, nodeName: target } });
      return this.#json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    }
    if (req.method === 'GET') {
      if (!current) throw notFound(gr, name);
      return this.#json(200, current);
    }
    if (req.method === 'PUT') {
      if (!current) throw notFound(gr, name);
      const rv = parsed!.metadata?.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) {
        throw conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      const next: KubeObject =
        subresource === 'status'
          ? { ...current, status: parsed!.status }
          : { ...parsed!, metadata: { ...parsed!.metadata, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp ?? null } };
      if (subresource !== 'status' && 'status' in current) next.status = current.status;
      return this.#json(200, this.store.write(res, 'MODIFIED', next));
    }
    if (req.method === 'PATCH') {
      const type = req.headers?.['content-type'] ?? '';
      if (!current) {
        if (!type.startsWith('application/apply-patch')) throw notFound(gr, name);
        const obj = { ...parsed!, metadata: { ...parsed!.metadata, name, ...(namespace ? { namespace } : {}) } };
        return this.#json(201, this.store.write(res, 'ADDED', this.#stamp(obj)));
      }
      const patched = type === 'application/json-patch+json'
        ? applyJsonPatch(current as unknown as JsonValue, JSON.parse(body ?? '[]'))
        : applyMergePatch(current as unknown as JsonValue, JSON.parse(body ?? '{}') as JsonValue);
      return this.#json(200, this.store.write(res, 'MODIFIED', patched as unknown as KubeObject));
    }
    if (req.method === 'DELETE') {
      if (!current) throw notFound(gr, name);
      return this.#json(200, this.store.write(res, 'DELETED', current));
    }
    return this.#json(405, new ApiError(405, 'MethodNotAllowed', `${req.method} not allowed`).toStatus());
  }

  #list(res: string, namespace: string, query: Record<string, string>): TransportResponse {
    const match = selectorPredicate(query.labelSelector ?? null, query.fieldSelector ?? null);
    let items = this.store.list(res, namespace).filter(match);
    let rv = this.store.rv;
    if (query.continue) {
      const token = JSON.parse(Buffer.from(query.continue, 'base64').toString()) as { rv: number; after: string };
      this.store.checkNotCompacted(token.rv);
      rv = token.rv;
      items = items.filter((o) => FakeStore.key(o.metadata.namespace ?? '', o.metadata.name ?? '') > token.after);
    }
    const limit = Number(query.limit ?? 0);
    const metadata: Record<string, string> = { resourceVersion: String(rv) };
    if (limit > 0 && items.length > limit) {
      items = items.slice(0, limit);
      const last = items[items.length - 1]!;
      const after = FakeStore.key(last.metadata.namespace ?? '', last.metadata.name ?? '');
      metadata.continue = Buffer.from(JSON.stringify({ rv, after })).toString('base64');
    }
    return this.#json(200, { kind: 'List', apiVersion: 'v1', metadata, items });
  }

  #watch(req: TransportRequest, res: string, namespace: string, query: Record<string, string>): TransportResponse {
    const rvParam = query.resourceVersion ?? '';
    const fromRv = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
    const headers = { 'content-type': 'application/json' };
    if (fromRv !== undefined && fromRv < this.store.compactedRv) {
      const err = new ApiError(410, 'Expired', `too old resource version: ${fromRv} (${this.store.compactedRv})`);
      if (this.#options.goneAs !== 'event') return this.#json(410, err.toStatus());
      return { status: 200, headers, body: bodyOf(`${JSON.stringify({ type: 'ERROR', object: err.toStatus() })}\n`) };
    }
    const stream = new ChunkStream(req.signal, () => this.store.watchers.delete(watcher));
    const size = this.#options.watchChunkSize ?? 0;
    const match = selectorPredicate(query.labelSelector ?? null, query.fieldSelector ?? null);
    const watcher: Watcher = {
      resource: res,
      namespace,
      matches: match,
      bookmarks: query.allowWatchBookmarks === 'true',
      send: (line) => {
        const bytes = enc.encode(`${line}\n`);
        if (size <= 0) stream.push(bytes);
        else for (let i = 0; i < bytes.length; i += size) stream.push(bytes.slice(i, i + size));
      },
      end: () => stream.end(),
    };
    if (fromRv === undefined) {
      for (const o of this.store.list(res, namespace).filter(match)) watcher.send(JSON.stringify({ type: 'ADDED', object: o }));
    } else this.store.replay(watcher, fromRv);
    this.store.watchers.add(watcher);
    return { status: 200, headers, body: stream };
  }
}
