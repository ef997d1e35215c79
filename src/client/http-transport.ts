/**
 * The HTTP(S) Transport: node:http / node:https with two keep-alive agents per transport. Short requests share a
 * bounded pool (`maxConnections`, default 256, as many as HTTP/2 streams a Go client multiplexes): beyond it they queue in the agent instead of opening ever more TLS
 * connections, whose handshakes cost both sides more than the requests themselves. Long-running requests (watches,
 * `follow` streams) each hold their own socket from an unbounded agent, so they never starve the short ones.
 *
 * Credentials (bearer token, basic auth) are sent only over https, as kubectl does: over plain http the server is
 * expected to authenticate nobody. Client certificates and the CA apply only to https by nature.
 */
import * as tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import { ClientError } from './errors.js';
import { isLongRunningRequest, pathWithQuery, type Transport, type TransportRequest, type TransportResponse } from './transport.js';

/** How to reach and authenticate to one API server (client-go's rest.Config, reduced to what skiff uses). */
export interface RestConfig {
  /** `https://host:port` or `http://host:port`, optionally with a path prefix. */
  server: string;
  /** PEM bundle of CAs trusted for the server's certificate (https only). Defaults to the system roots. */
  ca?: string | Uint8Array;
  /** PEM client certificate and key for mutual TLS. */
  cert?: string | Uint8Array;
  key?: string | Uint8Array;
  /** Bearer token (https only). */
  token?: string;
  /** Basic-auth credentials (https only). */
  username?: string;
  password?: string;
  /** Skip verification of the server's certificate. */
  insecure?: boolean;
  /** Name to verify the server certificate against (SNI), when it differs from the URL's host. */
  tlsServerName?: string;
  /** The namespace of the kubeconfig context, for callers that want a default. */
  namespace?: string;
  userAgent?: string;
  /** Most connections open at once for short requests (default 256, as many as HTTP/2 streams a Go client multiplexes); watches do not count. */
  maxConnections?: number;
}

const DEFAULT_MAX_CONNECTIONS = 256;

const DEFAULT_USER_AGENT = 'skiff-client/0.1.0';

export class HttpTransport implements Transport {
  readonly #base: URL;
  readonly #prefix: string;
  readonly #secure: boolean;
  readonly #agent: http.Agent;
  readonly #streamAgent: http.Agent;
  readonly #auth: string | undefined;
  readonly #userAgent: string;

  constructor(config: RestConfig) {
    let base: URL;
    try {
      base = new URL(config.server);
    } catch (err) {
      throw new ClientError('InvalidConfig', `invalid server URL ${JSON.stringify(config.server)}`, { cause: err });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new ClientError('InvalidConfig', `server URL must be http or https, got ${JSON.stringify(config.server)}`);
    }
    this.#base = base;
    this.#prefix = base.pathname.replace(/\/+$/, '');
    this.#secure = base.protocol === 'https:';
    this.#userAgent = config.userAgent ?? DEFAULT_USER_AGENT;
    if (this.#secure) {
      // One TLS context for every connection: building it (parsing the CA, certificate and key) per connection
      // costs more than the request itself.
      const secureContext = tls.createSecureContext({
        ...(config.ca ? { ca: toPem(config.ca) } : {}),
        ...(config.cert ? { cert: toPem(config.cert) } : {}),
        ...(config.key ? { key: toPem(config.key) } : {}),
      });
      const tlsOptions: https.AgentOptions = {
        keepAlive: true,
        secureContext,
        ...(config.tlsServerName ? { servername: config.tlsServerName } : {}),
        rejectUnauthorized: !config.insecure,
      };
      this.#agent = new https.Agent({ ...tlsOptions, maxSockets: config.maxConnections ?? DEFAULT_MAX_CONNECTIONS });
      this.#streamAgent = new https.Agent(tlsOptions);
      if (config.token) this.#auth = `Bearer ${config.token}`;
      else if (config.username !== undefined) {
        this.#auth = `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`;
      }
    } else {
      this.#agent = new http.Agent({ keepAlive: true, maxSockets: config.maxConnections ?? DEFAULT_MAX_CONNECTIONS });
      this.#streamAgent = new http.Agent({ keepAlive: true });
    }
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    const { signal } = req;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.#userAgent };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    if (this.#auth) headers.authorization = this.#auth;
    const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
    if (body) headers['content-length'] = String(body.byteLength);
    const options: http.RequestOptions = {
      protocol: this.#base.protocol,
      hostname: this.#base.hostname.replace(/^\[|\]$/g, ''),
      port: this.#base.port || (this.#secure ? 443 : 80),
      method: req.method,
      path: pathWithQuery(`${this.#prefix}${req.path}`, req.query),
      headers,
      agent: isLongRunningRequest(req) ? this.#streamAgent : this.#agent,
      ...(signal ? { signal } : {}),
    };
    const describe = `${req.method} ${this.#base.origin}${options.path}`;
    return new Promise((resolve, reject) => {
      const r = (this.#secure ? https : http).request(options, (res) => {
        resolve({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: guardBody(res, describe, signal),
        });
      });
      r.on('error', (err) => {
        reject(signal?.aborted ? signal.reason : new ClientError('Transport', `${describe}: ${err.message}`, { cause: err }));
      });
      r.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
    this.#streamAgent.destroy();
  }
}

function toPem(v: string | Uint8Array): string | Buffer {
  return typeof v === 'string' ? v : Buffer.from(v);
}

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Maps stream failures to the caller's abort reason or a Transport ClientError. */
async function* guardBody(res: http.IncomingMessage, describe: string, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of res) yield chunk as Buffer;
    if (!res.complete) throw new ClientError('Transport', `${describe}: connection closed before the response ended`);
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    if (err instanceof ClientError) throw err;
    throw new ClientError('Transport', `${describe}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    if (!res.complete) res.destroy();
  }
}
