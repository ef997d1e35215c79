/**
 * Transport: the one seam between skiff's client and an API server. The HTTP(S) implementation talks to a remote
 * server; an in-process implementation can hand requests straight to the server's handler. Everything above this
 * interface (RestClient, informers, leader election) is transport-agnostic.
 *
 * Contract every implementation keeps:
 * - `request` resolves once the status line and headers are known; it rejects only when no response arrived
 *   (connection refused, TLS failure, abort) — a non-2xx status is a normal response, not a rejection.
 * - `body` yields the response bytes in order, exactly once. Ending iteration early (break/return) or aborting the
 *   request's signal releases the underlying stream; a broken connection makes iteration throw.
 * - Header names in `headers` are lower case.
 * - An in-process transport may answer a watch with `events` (already-decoded events, shared and deeply frozen)
 *   instead of body bytes, and a 2xx JSON answer as `object`; readers take `events` / `object` when present (and
 *   still read the empty body to its end).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute, percent-encoded path on the server, e.g. `/api/v1/namespaces/default/pods`; never includes the query. */
  path: string;
  /** Query parameters, in order. Values are encoded by the transport. */
  query?: ReadonlyArray<readonly [string, string]>;
  /** Extra request headers (e.g. `content-type`, `accept`). */
  headers?: Readonly<Record<string, string>>;
  body?: string | Uint8Array;
  /** Aborting cancels the request, or the body stream after the response started. */
  signal?: AbortSignal;
}

/** A watch event as an in-process transport hands it over: what one JSON line would decode to. Never mutate it. */
export interface RawWatchEvent {
  readonly type: string;
  readonly object: unknown;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: AsyncIterable<Uint8Array>;
  /** Watch events as objects (in-process transports only); the body is then empty. */
  readonly events?: AsyncIterable<RawWatchEvent>;
  /** A successful JSON answer as an object the caller owns (in-process transports only); the body is then empty. */
  readonly object?: unknown;
}

export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections. Requests made afterwards may fail. */
  close?(): void;
}

/**
 * Watches and followed logs stream until cancelled: transports keep them out of the pools and slot limits that short
 * requests share, so they never starve those.
 */
export function isLongRunningRequest(req: Pick<TransportRequest, 'method' | 'query'>): boolean {
  if (req.method !== 'GET' || !req.query) return false;
  return req.query.some(([k, v]) => (k === 'watch' || k === 'follow') && (v === 'true' || v === '1'));
}

/** Reads a whole response body into one buffer. */
export async function readBody(res: Pick<TransportResponse, 'body'>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Reads a whole response body as UTF-8 text. */
export async function readBodyText(res: Pick<TransportResponse, 'body'>): Promise<string> {
  return new TextDecoder().decode(await readBody(res));
}

/** Builds `path?query` with the query encoded as application/x-www-form-urlencoded pairs. */
export function pathWithQuery(path: string, query: TransportRequest['query']): string {
  if (!query || query.length === 0) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of query) qs.append(k, v);
  return `${path}?${qs.toString()}`;
}
