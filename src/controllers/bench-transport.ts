/**
 * AcceptingTransport: the smallest in-memory API server a controller benchmark needs — LIST and WATCH (NDJSON) of
 * any resource, GET of an object, POST (with generateName), PUT of a status subresource, and POST/PATCH of events
 * (accepted and dropped). Every write is accepted at once and fanned out to watchers asynchronously, so a benchmark
 * measures the controller (its batching, expectations and caches), not a storage engine. Not a test double for
 * semantics: no validation, no preconditions, no selectors.
 */
import type { KubeObject } from '../api/index.js';
import type { Transport, TransportRequest, TransportResponse } from '../client/index.js';

const enc = new TextEncoder();

/** A response body fed by `push`; iteration ends at `end()` or when the request's signal aborts. */
class PushBody implements AsyncIterable<Uint8Array> {
  readonly #chunks: Uint8Array[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  constructor(signal: AbortSignal | undefined, onClose: () => void) {
    signal?.addEventListener('abort', () => {
      this.end();
      onClose();
    }, { once: true });
  }

  push(line: string): void {
    if (this.#ended) return;
    this.#chunks.push(enc.encode(`${line}\n`));
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const next = this.#chunks.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((r) => (this.#wake = r));
      this.#wake = undefined;
    }
  }
}

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield enc.encode(text);
}

function json(status: number, body: unknown): TransportResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: once(JSON.stringify(body)) };
}

interface Route {
  resource: string;
  namespace: string;
  name?: string;
  subresource?: string;
}

function route(path: string): Route | undefined {
  const seg = path.split('/').filter(Boolean);
  let rest = seg[0] === 'api' ? seg.slice(2) : seg[0] === 'apis' ? seg.slice(3) : undefined;
  if (!rest) return undefined;
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1]!, rest.slice(2)];
  if (!rest[0]) return undefined;
  return { resource: rest[0], namespace, ...(rest[1] ? { name: rest[1] } : {}), ...(rest[2] ? { subresource: rest[2] } : {}) };
}

export class AcceptingTransport implements Transport {
  #rv = 0;
  #seq = 0;
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  readonly #watchers = new Map<string, Set<PushBody>>();
  /** Creates accepted, per resource. */
  readonly created = new Map<string, number>();
  /** Status writes accepted. */
  statusWrites = 0;

  #bucket(resource: string): Map<string, KubeObject> {
    let b = this.#objects.get(resource);
    if (!b) this.#objects.set(resource, (b = new Map()));
    return b;
  }

  /** Stores an object as a server-side write would and tells watchers. */
  put(resource: string, obj: KubeObject, type: 'ADDED' | 'MODIFIED' = 'ADDED'): KubeObject {
    const stored: KubeObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.#rv) } };
    stored.metadata.uid ??= `uid-${++this.#seq}`;
    stored.metadata.creationTimestamp ??= new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.#bucket(resource).set(`${stored.metadata.namespace ?? ''}/${stored.metadata.name ?? ''}`, stored);
    const line = JSON.stringify({ type, object: stored });
    for (const w of this.#watchers.get(resource) ?? []) w.push(line);
    return stored;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.#bucket(resource).get(`${namespace}/${name}`);
  }

  count(resource: string): number {
    return this.#bucket(resource).size;
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const r = route(req.path);
    if (!r) return json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    const query = new Map(req.query ?? []);
    const body = typeof req.body === 'string' ? (JSON.parse(req.body) as KubeObject) : undefined;
    if (r.resource === 'events') return json(req.method === 'POST' ? 201 : 200, body ?? {});
    if (req.method === 'GET' && !r.name) {
      if (query.get('watch') === 'true') {
        const set = this.#watchers.get(r.resource) ?? new Set<PushBody>();
        this.#watchers.set(r.resource, set);
        const stream = new PushBody(req.signal, () => set.delete(stream));
        set.add(stream);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: stream };
      }
      const items = [...this.#bucket(r.resource).values()].filter((o) => !r.namespace || o.metadata.namespace === r.namespace);
      return json(200, { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: String(this.#rv) }, items });
    }
    if (req.method === 'GET') {
      const obj = this.get(r.resource, r.namespace, r.name!);
      return obj ? json(200, obj) : json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${r.resource} "${r.name}" not found` });
    }
    if (req.method === 'POST' && !r.name && body) {
      const name = body.metadata.name ?? `${body.metadata.generateName ?? ''}${(++this.#seq).toString(36).padStart(5, '0')}`;
      this.created.set(r.resource, (this.created.get(r.resource) ?? 0) + 1);
      return json(201, this.put(r.resource, { ...body, metadata: { ...body.metadata, name, namespace: r.namespace } }));
    }
    if (req.method === 'PUT' && r.name && r.subresource === 'status' && body) {
      const cur = this.get(r.resource, r.namespace, r.name);
      if (!cur) return json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
      this.statusWrites++;
      return json(200, this.put(r.resource, { ...cur, status: body.status }, 'MODIFIED'));
    }
    return json(405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'MethodNotAllowed', code: 405 });
  }
}
