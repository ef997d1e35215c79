/** Test fixtures: temporary PKIs, TLS servers on 127.0.0.1:0 and HTTP/1.1 + HTTP/2 clients with client certificates. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { connect, type ClientHttp2Session } from 'node:http2';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:net';

/** Temporary directories removed by `cleanup()`. */
export class TempDirs {
  private dirs: string[] = [];

  make(prefix = 'skiff-auth-'): string {
    const d = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(d);
    return d;
  }

  cleanup(): void {
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/** Listens on 127.0.0.1:0 and resolves the port. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as { port: number }).port;
}

export async function close(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((r) => server.close(() => r()));
}

export interface ClientTls {
  /** CA the client trusts for the server certificate. */
  ca: string;
  cert?: string;
  key?: string;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  httpVersion: string;
}

/** One HTTP/1.1 request over TLS (node:https offers no ALPN, so an h2-capable server answers in HTTP/1.1). */
export function h1Request(port: number, path: string, tls: ClientTls, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', headers, ca: tls.ca, cert: tls.cert, key: tls.key, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), httpVersion: res.httpVersion }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP/2 session over TLS (ALPN h2), closed by the caller. */
export function h2Connect(port: number, tls: ClientTls): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connect(`https://127.0.0.1:${port}`, { ca: tls.ca, cert: tls.cert, key: tls.key });
    session.once('error', reject);
    session.once('connect', () => {
      session.off('error', reject);
      resolve(session);
    });
  });
}

/** One GET over an HTTP/2 session, read to the end. */
export function h2Get(session: ClientHttp2Session, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path, ':method': 'GET', ...headers });
    let resHeaders: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (resHeaders = h as IncomingHttpHeaders));
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve({ status: Number(resHeaders[':status']), headers: resHeaders, body: Buffer.concat(chunks).toString(), httpVersion: '2.0' }));
    stream.on('error', reject);
    stream.end();
  });
}

/** One GET over a fresh HTTP/2 connection. */
export async function h2Request(port: number, path: string, tls: ClientTls, headers: Record<string, string> = {}): Promise<Reply> {
  const session = await h2Connect(port, tls);
  try {
    return await h2Get(session, path, headers);
  } finally {
    session.close();
  }
}
