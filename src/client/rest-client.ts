/**
 * RestClient: the request pipeline every typed call goes through — client-side rate limiting (a token bucket,
 * client-go's defaults of 5 QPS / burst 10), retries of 429/5xx answers that carry `Retry-After` (at most
 * `maxRetries`, like client-go's request retry), JSON encoding, and the mapping of non-2xx answers to ApiError.
 *
 * Guarantees:
 * - Every attempt (including retries and watch opens) takes one token from the bucket before it is sent.
 * - A resolved `requestJson` means a 2xx answer; anything else rejects with an ApiError rebuilt from the Status body,
 *   a ClientError (transport/decoding), or the caller's abort reason.
 */
import type { KubeObject } from '../api/index.js';
import { realClock, type Clock } from '../machinery/index.js';
import { ClientError, apiErrorFromResponse } from './errors.js';
import type { Query } from './options.js';
import { ResourceClient } from './resource-client.js';
import { refs, resourcePath, type ResourceRef } from './resource-ref.js';
import { TokenBucket } from './token-bucket.js';
import { readBodyText, type HttpMethod, type Transport, type TransportResponse } from './transport.js';

export interface RestClientOptions {
  transport: Transport;
  clock?: Clock;
  /** Sustained requests per second (default 5, like client-go); Infinity disables client-side limiting. */
  qps?: number;
  /** Requests allowed at once after a quiet period (default 10). */
  burst?: number;
  /** How often a 429/5xx answer with `Retry-After` is retried before it is returned as an error (default 10). */
  maxRetries?: number;
}

export interface RawRequest {
  method: HttpMethod;
  path: string;
  query?: Query;
  /** Serialized as JSON unless already a string. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export const DEFAULT_QPS = 5;
export const DEFAULT_BURST = 10;
const MAX_RETRY_AFTER_SECONDS = 60;

export class RestClient {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly limiter: TokenBucket;
  readonly #maxRetries: number;

  constructor(options: RestClientOptions) {
    this.transport = options.transport;
    this.clock = options.clock ?? realClock;
    this.limiter = new TokenBucket({ qps: options.qps ?? DEFAULT_QPS, burst: options.burst ?? DEFAULT_BURST, clock: this.clock });
    this.#maxRetries = options.maxRetries ?? 10;
  }

  /** A typed client for one resource. Cheap: create one wherever convenient. */
  resource<T extends KubeObject>(ref: ResourceRef): ResourceClient<T> {
    return new ResourceClient<T>(this, ref);
  }

  /**
   * Sends a request and returns the decoded JSON of its 2xx answer (undefined for an empty body).
   * @throws ApiError for a non-2xx answer; ClientError('Transport' | 'Decode'); the signal's reason when aborted.
   */
  async requestJson<R>(req: RawRequest): Promise<R> {
    const res = await this.open(req);
    const text = await readBodyText(res);
    if (res.object !== undefined) return res.object as R;
    if (!text.trim()) return undefined as R;
    try {
      return JSON.parse(text) as R;
    } catch (err) {
      throw new ClientError('Decode', `${req.method} ${req.path}: response is not JSON: ${text.slice(0, 200)}`, { cause: err });
    }
  }

  /**
   * Sends a request and returns the response with its body unread, once the status is 2xx (used for watches and
   * other streams). Non-2xx answers are read and thrown as ApiError.
   */
  async open(req: RawRequest): Promise<TransportResponse> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      headers['content-type'] = req.contentType ?? 'application/json';
    }
    for (let attempt = 0; ; attempt++) {
      await this.limiter.wait(req.signal);
      const res = await this.transport.request({
        method: req.method,
        path: req.path,
        ...(req.query && req.query.length ? { query: req.query } : {}),
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
      if (res.status >= 200 && res.status < 300) return res;
      const text = await readBodyText(res);
      const retryAfter = retryAfterSeconds(res);
      if (retryAfter !== undefined && attempt < this.#maxRetries) {
        await this.clock.sleep(retryAfter * 1000, req.signal);
        continue;
      }
      throw apiErrorFromResponse(res.status, text, req.method);
    }
  }

  /**
   * Binds a pod to a node: POST pods/{name}/binding with a core/v1 Binding, as the scheduler does. The pod's UID, when
   * known, is sent so the server refuses to bind a different pod of the same name.
   */
  async bind(pod: { metadata: { namespace?: string; name?: string; uid?: string } }, nodeName: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { namespace, name, uid } = pod.metadata;
    if (!namespace || !name) throw new ClientError('InvalidArgument', 'bind needs a pod with metadata.namespace and metadata.name');
    await this.requestJson<unknown>({
      method: 'POST',
      path: resourcePath(refs.pods, { namespace, name, subresource: 'binding' }),
      body: {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { namespace, name, ...(uid ? { uid } : {}) },
        target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
}

/** client-go's checkWait: 429 and 5xx answers are retried only when `Retry-After` holds whole seconds. */
function retryAfterSeconds(res: TransportResponse): number | undefined {
  if (res.status !== 429 && (res.status < 500 || res.status > 599)) return undefined;
  const h = res.headers['retry-after'];
  if (h === undefined || !/^\d+$/.test(h.trim())) return undefined;
  return Math.min(Number(h.trim()), MAX_RETRY_AFTER_SECONDS);
}
