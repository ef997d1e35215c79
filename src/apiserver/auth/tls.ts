/**
 * Serving the API over TLS. `tlsServerOptions` gives the options that make client-certificate authentication work:
 * the serving certificate, the client CA, `requestCert: true` (ask every client for a certificate) with
 * `rejectUnauthorized: false` (a client without one, or with a bad one, still connects; authentication decides),
 * and ALPN `h2` + `http/1.1`. With h2 offered kubectl speaks HTTP/2, except for upgrades (exec, port-forward), which
 * arrive as HTTP/1.1 `upgrade` events on the same server.
 *
 * Notes for handlers served through `createTlsApiServer` (node:http2 compatibility API):
 *  - never set `Transfer-Encoding` (or `Connection`, `Keep-Alive`, `Upgrade`) on a response: HTTP/2 forbids them and
 *    node throws ERR_HTTP2_INVALID_CONNECTION_HEADERS; streaming needs nothing but `write()` (`flushHeaders()` works);
 *  - `req.socket` is a proxy to the session's TLS socket (`authorized`, `getPeerCertificate()` work; see
 *    `peerCertificate`), and watch disconnects are seen as `res.on('close')`.
 *  - Http2ServerResponse has no `destroyed` property (it is undefined), so test `res.writableEnded` or
 *    `res.stream.destroyed` / the 'close' event instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer, type SecureServerOptions } from 'node:http2';
import type { Pki } from './pki.js';

export interface TlsServerOptionsInput {
  /** false: options for `https.createServer` (ALPN `http/1.1` only, since node:https cannot speak h2). Default true. */
  http2?: boolean;
}

/** Options for `http2.createSecureServer` (default) or `https.createServer` (`{http2: false}`). */
export function tlsServerOptions(pki: Pick<Pki, 'caPem' | 'servingCertPem' | 'servingKeyPem'>, opts: TlsServerOptionsInput = {}): SecureServerOptions {
  const h2 = opts.http2 ?? true;
  return {
    cert: pki.servingCertPem,
    key: pki.servingKeyPem,
    ca: pki.caPem,
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
    ALPNProtocols: h2 ? ['h2', 'http/1.1'] : ['http/1.1'],
    ...(h2 ? { allowHTTP1: true } : {}),
  };
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * An HTTP/2 + HTTP/1.1 TLS server running a node:http-style handler. HTTP/1.1 requests get real IncomingMessage /
 * ServerResponse objects; h2 requests get the compatibility API's Http2ServerRequest / Http2ServerResponse, which
 * provide the subset the API server uses (headers, url, method, body stream, writeHead, setHeader, write, end,
 * flushHeaders, 'close', 'drain'); the cast below is that contract. Upgrades arrive as the server's 'upgrade' event.
 */
export function createTlsApiServer(options: SecureServerOptions, handler: NodeHandler): Http2SecureServer {
  const server = createSecureServer({ ...options, allowHTTP1: true });
  server.on('request', handler as unknown as (req: unknown, res: unknown) => void);
  return server;
}
