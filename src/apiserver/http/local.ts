/**
 * In-process requests: the API server's handler chain (authorization, admission, registry, watch cache, audit,
 * metrics) driven without a socket, for clients living in the same process (`skiff up`'s components, like
 * kube-apiserver's loopback client). The request is a Readable carrying method, url and headers; the response
 * implements the part of ServerResponse the server uses and hands its bytes to the caller as an async iterable.
 *
 * Guarantees:
 * - `head` resolves once the status and headers are final (writeHead + first write, flushHeaders, or end), exactly once;
 *   it rejects if the response is destroyed (or the caller's signal aborts) before that.
 * - Body chunks come out in write order, exactly once; the iterable ends after `end()`.
 * - The consumer stopping (break/return or its AbortSignal) emits 'close' on the response, as a client disconnect
 *   does, so watches stop; `write()` returns false past `highWaterMark` buffered bytes and 'drain' follows once
 *   the consumer has caught up.
 * - Watch events as objects: a caller that asks for them (`objectEvents`) may get, instead of body bytes, the watch
 *   cache's own (deeply frozen) objects — the server calls `writeEvent` for each and the response's `events` yields
 *   them, with the same back-pressure (by count) and hang-up rules. Every in-process watcher then shares one decoded
 *   object per change instead of each parsing its own copy of the JSON.
 * - Successful JSON answers as objects: a caller that asks for them (`objectBody`) gets a 2xx JSON body as `object`
 *   (a private, mutable copy, equal to what the JSON would decode to) and an empty body — no serializing and parsing
 *   of every pod the components create or patch.
 */
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export interface LocalRequest {
  method: string;
  /** Path with its query string, e.g. `/api/v1/pods?watch=true`. */
  url: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body?: string | Uint8Array;
  /** Aborting ends the response stream (as a client hanging up). */
  signal?: AbortSignal;
  /** The caller takes watch events as shared, frozen objects (see `LocalResponse.events`). */
  objectEvents?: boolean;
  /** The caller takes a successful JSON answer as an object (see `LocalResponse.object`). */
  objectBody?: boolean;
}

/** One watch event as an object: `{type, object}` exactly as the JSON line would decode. Never mutate it. */
export interface LocalWatchEvent {
  readonly type: string;
  readonly object: object;
}

export interface LocalResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** Present when the server answered with watch events as objects; the body is then empty. */
  events?: AsyncIterable<LocalWatchEvent>;
  /** Present when the server answered 2xx JSON as an object; the body is then empty. */
  object?: unknown;
}

/** Where an in-process request carries its body, read by `readBody` without going through the stream. */
export const LOCAL_BODY: unique symbol = Symbol('skiff.localBody');

/**
 * A Readable with what the server reads from an IncomingMessage. The body rides along as `[LOCAL_BODY]` (the server's
 * one body reader takes it from there); the stream itself is also fed, for any other reader.
 */
export function localIncomingMessage(r: LocalRequest): IncomingMessage {
  const body = r.body === undefined ? undefined : typeof r.body === 'string' ? Buffer.from(r.body) : Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength);
  const headers: IncomingHttpHeaders = { ...r.headers };
  if (body) headers['content-length'] = String(body.length);
  let sent = false;
  const req = new Readable({
    read() {
      if (!sent && body?.length) this.push(body);
      sent = true;
      this.push(null);
    },
  });
  return Object.assign(req, {
    method: r.method,
    url: r.url,
    headers,
    httpVersion: '1.1',
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    [LOCAL_BODY]: body ?? Buffer.alloc(0),
  }) as unknown as IncomingMessage;
}

const DEFAULT_HIGH_WATER_MARK = 1 << 20;
/** Watch events queued for an object-mode consumer before `writeEvent` asks the server to wait for 'drain'. */
const EVENT_HIGH_WATER_MARK = 1024;

export class LocalServerResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  readonly head: Promise<LocalResponse>;
  readonly #headers = new Map<string, string>();
  readonly #queue: Buffer[] = [];
  readonly #events: LocalWatchEvent[] = [];
  readonly #objectEvents: boolean;
  readonly #objectBody: boolean;
  #object: unknown;
  #eventMode = false;
  readonly #highWaterMark: number;
  #buffered = 0;
  #closed = false;
  #wake: (() => void) | undefined;
  #resolveHead!: (r: LocalResponse) => void;
  #rejectHead!: (err: Error) => void;
  #headDone = false;
  #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.#hangUp();

  constructor(options: { signal?: AbortSignal; highWaterMark?: number; objectEvents?: boolean; objectBody?: boolean } = {}) {
    super();
    this.#objectEvents = options.objectEvents ?? false;
    this.#objectBody = options.objectBody ?? false;
    this.#highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    this.head = new Promise((resolve, reject) => {
      this.#resolveHead = resolve;
      this.#rejectHead = reject;
    });
    this.#signal = options.signal;
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.#headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.#headers.get(name.toLowerCase());
  }

  removeHeader(name: string): void {
    this.#headers.delete(name.toLowerCase());
  }

  writeHead(status: number, headers?: OutgoingHttpHeaders): this {
    this.statusCode = status;
    for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) this.setHeader(k, v as string | number | string[]);
    this.headersSent = true;
    return this;
  }

  flushHeaders(): void {
    this.headersSent = true;
    this.#sendHead();
  }

  write(chunk: string | Uint8Array): boolean {
    if (this.writableEnded || this.#closed) return false;
    if (this.#eventMode) throw new Error('a response that sent watch events as objects cannot send bytes');
    this.headersSent = true;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.length) {
      this.#queue.push(buf);
      this.#buffered += buf.length;
    }
    this.#sendHead();
    this.#wakeReader();
    return this.#buffered < this.#highWaterMark;
  }

  /** True when the caller takes watch events as objects and nothing was written as bytes yet. */
  get acceptsObjectEvents(): boolean {
    return this.#objectEvents && (this.#eventMode || (!this.#headDone && this.#queue.length === 0));
  }

  /** True when the caller takes a whole 2xx JSON answer as an object and nothing was sent yet. */
  get acceptsObjectBody(): boolean {
    return this.#objectBody && !this.headersSent && !this.#headDone;
  }

  /** Answers with `object` (already the caller's own copy) instead of its JSON; only when `acceptsObjectBody`. */
  endWithObject(status: number, object: unknown, headers: OutgoingHttpHeaders = {}): void {
    if (!this.acceptsObjectBody) throw new Error('this response does not take its body as an object');
    this.#object = object;
    this.writeHead(status, headers);
    this.end();
  }

  /** Commits this response to watch events as objects; call before the head is sent (writeHead/flushHeaders). */
  useObjectEvents(): void {
    if (!this.acceptsObjectEvents) throw new Error('this response does not take watch events as objects');
    this.#eventMode = true;
  }

  /**
   * Sends one watch event as an object (after `useObjectEvents`). Returns false once the consumer is
   * `EVENT_HIGH_WATER_MARK` events behind; 'drain' follows when it has caught up.
   */
  writeEvent(ev: LocalWatchEvent): boolean {
    if (!this.#eventMode) throw new Error('useObjectEvents() was not called on this response');
    if (this.writableEnded || this.#closed) return false;
    this.headersSent = true;
    this.#events.push(ev);
    this.#sendHead();
    this.#wakeReader();
    return this.#events.length < EVENT_HIGH_WATER_MARK;
  }

  end(chunk?: string | Uint8Array): this {
    if (this.writableEnded) return this;
    if (chunk !== undefined) this.write(chunk);
    this.headersSent = true;
    this.writableEnded = true;
    this.#release();
    this.#sendHead();
    this.#wakeReader();
    this.emit('finish');
    return this;
  }

  destroy(): this {
    this.#hangUp();
    return this;
  }

  /** The consumer is gone (or never came): the server sees 'close', as on a dropped connection. */
  #hangUp(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
    if (!this.#headDone) {
      // Like a socket destroyed before the status line: the caller gets an error, not a response.
      this.#headDone = true;
      this.#rejectHead(new Error('the server closed the request before responding'));
    }
    this.#queue.length = 0;
    this.#events.length = 0;
    this.#buffered = 0;
    this.#wakeReader();
    this.emit('close');
  }

  /** Callers reuse one signal for many requests: never leave a listener on it past the response. */
  #release(): void {
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#signal = undefined;
  }

  #sendHead(): void {
    if (this.#headDone) return;
    this.#headDone = true;
    const head: LocalResponse = { status: this.statusCode, headers: Object.fromEntries(this.#headers), body: this.#body() };
    if (this.#eventMode) head.events = this.#eventStream();
    if (this.#object !== undefined) head.object = this.#object;
    this.#resolveHead(head);
  }

  #wakeReader(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  #eventStream(): AsyncGenerator<LocalWatchEvent> {
    return this.#drain(this.#events, () => {
      if (this.#events.length === EVENT_HIGH_WATER_MARK - 1) this.emit('drain');
    });
  }

  #body(): AsyncGenerator<Uint8Array> {
    return this.#drain(this.#queue, (chunk) => {
      const before = this.#buffered;
      this.#buffered -= chunk.length;
      if (before >= this.#highWaterMark && this.#buffered < this.#highWaterMark) this.emit('drain');
    });
  }

  /** Yields `queue`'s items as they are written until the response ends; `taken` runs as each leaves the queue. */
  async *#drain<T>(queue: T[], taken: (item: T) => void): AsyncGenerator<T> {
    try {
      for (;;) {
        const item = queue.shift();
        if (item !== undefined) {
          taken(item);
          yield item;
          continue;
        }
        if (this.writableEnded || this.#closed) return;
        await new Promise<void>((r) => (this.#wake = r));
      }
    } finally {
      // A consumer that stops early hangs up; after a normal end this emits the 'close' Node emits too.
      this.#hangUp();
    }
  }
}

/** The in-process response behind `res` when its caller takes watch events as objects. */
export function objectEventSink(res: ServerResponse | LocalServerResponse): LocalServerResponse | undefined {
  return res instanceof LocalServerResponse && res.acceptsObjectEvents ? res : undefined;
}

/** The in-process response behind `res` when its caller takes a whole successful answer as an object. */
export function objectBodySink(res: ServerResponse | LocalServerResponse): LocalServerResponse | undefined {
  return res instanceof LocalServerResponse && res.acceptsObjectBody ? res : undefined;
}

/** The response as the server's endpoints type it (they use only what LocalServerResponse implements). */
export function asServerResponse(res: LocalServerResponse): ServerResponse {
  return res as unknown as ServerResponse;
}
