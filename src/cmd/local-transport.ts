/**
 * LocalTransport: a client Transport that hands requests straight to an ApiServer in the same process, as a fixed,
 * already-authenticated user — skiff's counterpart of kube-apiserver's loopback client. Authorization, admission,
 * storage, watch caches, audit and metrics all run as for a request from the network; only TLS, HTTP framing and the
 * sockets are skipped. Request bodies cross as bytes (JSON); successful JSON answers come back as objects (the
 * caller's own copy), and every in-process watcher gets the watch cache's own decoded, deeply frozen objects (one
 * decode per change, not one per watcher).
 */
import { performance } from 'node:perf_hooks';
import { ClientError, isLongRunningRequest, pathWithQuery, type Transport, type TransportRequest, type TransportResponse } from '../client/index.js';
import type { ApiServer, UserInfo } from '../apiserver/index.js';

/** Short requests one client may have in flight (a Go client's HTTP/2 connection multiplexes about as many). */
const DEFAULT_MAX_IN_FLIGHT = 32;

export class LocalTransport implements Transport {
  readonly #maxInFlight: number;
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    private readonly api: Pick<ApiServer, 'serveLocal'>,
    private readonly user: UserInfo,
    options: { maxInFlight?: number } = {},
  ) {
    this.#maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  }

  /**
   * Short requests beyond `maxInFlight` wait their turn here rather than crowd the server into 429s; watches and
   * followed logs are not counted (they stream until cancelled).
   */
  async request(req: TransportRequest): Promise<TransportResponse> {
    if (isLongRunningRequest(req)) return this.#send(req);
    if (this.#inFlight >= this.#maxInFlight) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#inFlight++;
    try {
      const res = await this.#send(req);
      return { ...res, body: this.#releasingAfter(res.body) };
    } catch (err) {
      this.#release();
      throw err;
    }
  }

  /** The slot passes to the next waiter once the body has been read (or abandoned). */
  async *#releasingAfter(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    try {
      yield* body;
    } finally {
      this.#release();
    }
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#inFlight--;
  }

  async #send(req: TransportRequest): Promise<TransportResponse> {
    const { signal } = req;
    if (signal?.aborted) throw signal.reason;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': `skiff-local/${this.user.username}` };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    // In-process requests chain as promise continuations, which would starve the sockets (kubectl, watches over
    // HTTPS) of the event loop for as long as the components are busy. Time-slice: once a slice is used up, every
    // request entering waits for the next turn of the loop, after pending I/O has been served.
    if (performance.now() - sliceStart > SLICE_MS) await nextTurn();
    const head = this.api
      .serveLocal(
        {
          method: req.method,
          url: pathWithQuery(req.path, req.query),
          headers,
          ...(req.body !== undefined ? { body: req.body } : {}),
          ...(signal ? { signal } : {}),
          objectEvents: isWatch(req),
          objectBody: true,
        },
        this.user,
      )
      .catch((err: unknown) => {
        // As HttpTransport: no response at all is a Transport error (or the caller's own abort).
        throw signal?.aborted ? signal.reason : new ClientError('Transport', `${req.method} ${req.path}: ${(err as Error).message}`, { cause: err });
      });
    if (!signal) return head;
    return withAbort(await raceAbort(head, signal, req), signal);
  }
}

/** How long in-process requests may keep the event loop before I/O gets a turn. */
const SLICE_MS = 10;
let sliceStart = performance.now();
let turn: Promise<void> | undefined;

/** One shared wait for the check phase (after I/O polling) of the next loop iteration; a new slice starts there. */
function nextTurn(): Promise<void> {
  turn ??= new Promise((resolve) =>
    setImmediate(() => {
      turn = undefined;
      sliceStart = performance.now();
      resolve();
    }),
  );
  return turn;
}

/** Like HttpTransport: a body cut short by the request's signal throws the signal's reason. */
function withAbort(res: TransportResponse, signal: AbortSignal): TransportResponse {
  async function* cut<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const item of items) yield item;
    if (signal.aborted) throw signal.reason;
  }
  return { ...res, body: cut(res.body), ...(res.events ? { events: cut(res.events) } : {}) };
}

function isWatch(req: TransportRequest): boolean {
  return req.method === 'GET' && !!req.query?.some(([k, v]) => k === 'watch' && (v === 'true' || v === '1'));
}

async function raceAbort(head: Promise<TransportResponse>, signal: AbortSignal, req: TransportRequest): Promise<TransportResponse> {
  // An aborted request stops waiting for the head (the server sees the hang-up through the same signal).
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason ?? new ClientError('Transport', `${req.method} ${req.path}: aborted`));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([head, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
