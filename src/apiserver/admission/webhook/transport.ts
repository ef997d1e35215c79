/**
 * The default WebhookTransport: one HTTPS POST over node:https. The server certificate is verified against the
 * webhook's caBundle (or the system store when there is none) and must name `serverName`. The request honours the
 * AbortSignal at every stage, and a response body larger than `maxResponseBytes` fails the call, so a slow or hostile
 * webhook can neither hang the API server nor exhaust its memory.
 */
import { Agent, request } from 'node:https';
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import type { WebhookHttpResponse, WebhookPostOptions, WebhookTransport } from './types.js';

/** A transport error that is not about the remote side (bad URL scheme, oversized body). */
export class WebhookTransportError extends Error {
  override readonly name = 'WebhookTransportError';
}

export class HttpsTransport implements WebhookTransport {
  /** Keep-alive connections, pooled per (host, port, ca, servername) by node's Agent. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  post(url: URL, body: string, options: WebhookPostOptions): Promise<WebhookHttpResponse> {
    if (url.protocol !== 'https:') {
      return Promise.reject(new WebhookTransportError(`unsupported scheme ${JSON.stringify(url.protocol.replace(/:$/, ''))}: webhooks are called over https only`));
    }
    return new Promise((resolve, reject) => {
      const serverName = options.serverName ?? url.hostname;
      const req = request(url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, */*',
          'Content-Length': Buffer.byteLength(body),
        },
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        // SNI may not carry an IP address; certificate checks still use `serverName` via checkServerIdentity below.
        ...(isIP(serverName) ? {} : { servername: serverName }),
        checkServerIdentity: (_host, cert) => checkServerIdentity(serverName, cert),
        signal: options.signal,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxResponseBytes) {
            res.destroy(new WebhookTransportError(`response body exceeds ${options.maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.end(body);
    });
  }

  /** Closes pooled connections. Requests in flight are not affected. */
  close(): void {
    this.agent.destroy();
  }
}
