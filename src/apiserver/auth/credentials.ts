/**
 * Where credentials sit on a request: the bearer token (the `Authorization` header, or a WebSocket subprotocol for
 * clients that cannot set headers) and the TLS client certificate. Works for node:http(s) requests and for node:http2
 * compatibility-API requests alike.
 */
import type { IncomingMessage } from 'node:http';
import { AuthenticationFailed } from './errors.js';

/** A bearer token and where it came from. */
export interface RequestToken {
  token: string;
  source: 'header' | 'websocket';
}

/** Kubernetes' WebSocket subprotocol carrying a bearer token: `base64url.bearer.authorization.k8s.io.<token>`. */
export const WEBSOCKET_TOKEN_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/**
 * The bearer token of a request, as Kubernetes reads it: `Authorization: Bearer <token>` (scheme case-insensitive,
 * split on single spaces, so an empty token means "no token"), else for WebSocket upgrades the
 * `base64url.bearer.authorization.k8s.io.` subprotocol. Null when the request carries none.
 * Throws AuthenticationFailed for a malformed WebSocket token (bad base64url, invalid UTF-8, several of them, or no
 * other subprotocol left to echo back).
 */
export function requestToken(req: IncomingMessage): RequestToken | null {
  const header = headerValue(req, 'authorization').trim();
  if (header !== '') {
    const parts = splitN(header, ' ', 3);
    if (parts.length >= 2 && parts[0]!.toLowerCase() === 'bearer' && parts[1] !== '') {
      return { token: parts[1]!, source: 'header' };
    }
  }
  if (!isWebSocketRequest(req)) return null;
  const { token } = websocketProtocols(req);
  return token === null ? null : { token, source: 'websocket' };
}

/**
 * Removes an accepted token from the request so nothing downstream (proxies, logs) can reuse it, as Kubernetes does:
 * deletes the `Authorization` header, or drops the token subprotocol from `Sec-WebSocket-Protocol`.
 */
export function consumeToken(req: IncomingMessage, t: RequestToken): void {
  if (t.source === 'header') {
    delete req.headers.authorization;
    return;
  }
  req.headers['sec-websocket-protocol'] = websocketProtocols(req).others.join(',');
}

/** True for a WebSocket upgrade (`Upgrade: websocket` and `Connection` listing `upgrade`). */
export function isWebSocketRequest(req: IncomingMessage): boolean {
  if (headerValue(req, 'upgrade').toLowerCase() !== 'websocket') return false;
  return /(^|.*,\s*)upgrade($|\s*,)/.test(headerValue(req, 'connection').toLowerCase());
}

function websocketProtocols(req: IncomingMessage): { token: string | null; others: string[] } {
  let token: string | null = null;
  const others: string[] = [];
  for (const raw of headerValue(req, 'sec-websocket-protocol').split(',')) {
    const protocol = raw.trim();
    if (!protocol.startsWith(WEBSOCKET_TOKEN_PROTOCOL_PREFIX)) {
      if (protocol !== '') others.push(protocol);
      continue;
    }
    if (token !== null) throw new AuthenticationFailed(['multiple base64.bearer.authorization tokens specified']);
    token = decodeBase64UrlToken(protocol.slice(WEBSOCKET_TOKEN_PROTOCOL_PREFIX.length));
  }
  if (token !== null && token !== '' && others.length === 0) throw new AuthenticationFailed(['missing additional subprotocol']);
  return { token: token === '' ? null : token, others };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBase64UrlToken(encoded: string): string {
  // Go's base64.RawURLEncoding: URL alphabet, no padding; a length of 4n+1 cannot be produced by any input.
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) {
    throw new AuthenticationFailed(['invalid base64.bearer.authorization token encoding']);
  }
  try {
    return utf8.decode(Buffer.from(encoded, 'base64url'));
  } catch (err) {
    throw new AuthenticationFailed([`invalid base64.bearer.authorization token: ${(err as Error).message}`]);
  }
}

/** The client certificate a TLS connection presented, and what the TLS layer made of it. */
export interface PeerCertificate {
  /** DER of the leaf certificate. */
  raw: Buffer;
  /** The TLS layer verified it against the server's `ca` (needs `requestCert: true`). */
  authorized: boolean;
  /** Why the TLS layer did not verify it (e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`). */
  authorizationError?: string;
}

interface TlsSocketLike {
  encrypted?: boolean;
  authorized?: boolean;
  authorizationError?: Error | string | null;
  getPeerCertificate?(detailed?: boolean): { raw?: unknown } | null;
}

/**
 * The TLS socket under a request. For node:http(s) that is `req.socket`; for an http2 compatibility request
 * `req.socket` is a proxy that forwards property reads to the session's TLS socket, and `req.stream.session.socket`
 * is the same proxy one level up; both expose `authorized` and `getPeerCertificate()`. Undefined for plain TCP or a
 * stream whose session is already gone.
 */
function tlsSocketOf(req: IncomingMessage): TlsSocketLike | undefined {
  const h2 = req as IncomingMessage & { stream?: { session?: { socket?: unknown } | undefined } };
  let socket: unknown;
  try {
    socket = h2.stream ? h2.stream.session?.socket : req.socket;
  } catch (err) {
    // http2 throws ERR_HTTP2_SOCKET_UNBOUND once the session has closed: such a request has no peer any more.
    if ((err as { code?: string }).code === 'ERR_HTTP2_SOCKET_UNBOUND') return undefined;
    throw err;
  }
  const s = socket as TlsSocketLike | undefined;
  return s && typeof s.getPeerCertificate === 'function' ? s : undefined;
}

/** True when the request arrived over TLS. */
export function isTlsRequest(req: IncomingMessage): boolean {
  return tlsSocketOf(req)?.encrypted === true;
}

/**
 * The client certificate of a request, or null when the connection is not TLS or the client sent none.
 * The server must request certificates (`requestCert: true`, see `tlsServerOptions`), else clients never send one.
 */
export function peerCertificate(req: IncomingMessage): PeerCertificate | null {
  const socket = tlsSocketOf(req);
  if (!socket?.getPeerCertificate) return null;
  // A connection's peer certificate is fixed once the handshake is done (TLS 1.3 has no renegotiation, and Node
  // refuses client-initiated renegotiation), so it is read once per connection: getPeerCertificate() builds a
  // fresh parsed object on every call, which cost ~3% of a busy server's CPU.
  const cached = peerBySocket.get(socket);
  if (cached !== undefined) return cached;
  const out = readPeer(socket);
  peerBySocket.set(socket, out);
  return out;
}

const peerBySocket = new WeakMap<object, PeerCertificate | null>();

function readPeer(socket: TlsSocketLike): PeerCertificate | null {
  const cert = socket.getPeerCertificate?.(false);
  const raw = cert?.raw;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return null;
  const out: PeerCertificate = { raw, authorized: socket.authorized === true };
  const why = socket.authorizationError;
  if (why) out.authorizationError = typeof why === 'string' ? why : why.message;
  return out;
}

function headerValue(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  if (Array.isArray(v)) return v.join(', ');
  return v ?? '';
}

/** Go's strings.SplitN: at most n parts, the last holding the rest. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
