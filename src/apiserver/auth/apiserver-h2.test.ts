/**
 * The real ApiServer handler behind createTlsApiServer with the authenticators wired as the lead will wire them:
 * JSON reads, a create, and a watch over HTTP/2, with the user coming from a client certificate or a bearer token.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, type ClientHttp2Session, type Http2SecureServer } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../bootstrap.js';
import { ApiMetrics } from '../metrics.js';
import type { ApiServer } from '../server.js';
import { newTestApiServer } from '../testing/index.js';
import { ensurePki, type ClientCertificate, type Pki } from './pki.js';
import { createTlsApiServer, tlsServerOptions } from './tls.js';
import { close, h2Connect, h2Get, listen, TempDirs } from './testing/tls-fixtures.js';
import { tokenFileAuthenticator } from './token-file.js';
import { unionAuthenticator } from './union.js';
import { x509Authenticator } from './x509.js';

class CountingMetrics extends ApiMetrics {
  ended = 0;
  private waiters: (() => void)[] = [];
  override watchEnded(resource: string): void {
    super.watchEnded(resource);
    this.ended++;
    for (const w of this.waiters.splice(0)) w();
  }
  nextWatchEnd(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }
}

const dirs = new TempDirs();
let pki: Pki;
let admin: ClientCertificate;
let api: ApiServer;
let server: Http2SecureServer;
let port = 0;
const metrics = new CountingMetrics();

beforeAll(async () => {
  const dataDir = dirs.make();
  pki = await ensurePki(dataDir, { hostname: 'node-a' });
  admin = await pki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
  const tokens = join(dataDir, 'tokens.csv');
  writeFileSync(tokens, 'secret-token,alice,alice-uid,"devs,ops"\n');
  api = newTestApiServer({ metrics, authenticator: unionAuthenticator([x509Authenticator(pki.caPem), tokenFileAuthenticator(tokens)]) });
  server = createTlsApiServer(tlsServerOptions(pki), api.handle);
  port = await listen(server);
  await api.start();
  await bootstrap(api, { host: '127.0.0.1', port });
});
afterAll(async () => {
  api.stop();
  await close(server);
  dirs.cleanup();
});

function post(session: ClientHttp2Session, path: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const s = session.request({ ':path': path, ':method': 'POST', 'content-type': 'application/json' });
    let status = 0;
    let text = '';
    s.on('response', (h) => (status = Number(h[':status'])));
    s.on('data', (c: Buffer) => (text += c.toString()));
    s.on('end', () => resolve({ status, body: text }));
    s.on('error', reject);
    s.end(JSON.stringify(body));
  });
}

describe('ApiServer over HTTP/2 with authentication', () => {
  it('serves reads and a create, and streams a watch until the client cancels', async () => {
    const session = await h2Connect(port, { ca: pki.caPem, cert: admin.certPem, key: admin.keyPem });
    try {
      const ns = await h2Get(session, '/api/v1/namespaces/default');
      expect(ns.status).toBe(200);
      expect(JSON.parse(ns.body)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });

      const list = await h2Get(session, '/api/v1/namespaces/default/configmaps');
      const rv = (JSON.parse(list.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
      const watch = session.request({ ':path': `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, ':method': 'GET' });
      watch.end();
      const headers = await new Promise<Record<string, unknown>>((r) => watch.once('response', r));
      expect(headers[':status']).toBe(200);
      expect(headers['transfer-encoding']).toBeUndefined();

      let text = '';
      const firstEvent = new Promise<string>((resolve) => {
        watch.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('\n')) resolve(text.split('\n')[0]!);
        });
      });
      const created = await post(session, '/api/v1/namespaces/default/configmaps', { metadata: { name: 'over-h2' }, data: { a: '1' } });
      expect(created.status).toBe(201);
      const event = JSON.parse(await firstEvent) as { type: string; object: { metadata: { name: string } } };
      expect(event).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'over-h2' } } });

      const ended = metrics.nextWatchEnd();
      watch.close(constants.NGHTTP2_CANCEL);
      await ended;
      expect(metrics.ended).toBeGreaterThanOrEqual(1);
    } finally {
      session.close();
    }
  });

  it('answers 401 Unauthorized for an unknown bearer token and serves a known one', async () => {
    const session = await h2Connect(port, { ca: pki.caPem });
    try {
      const bad = await h2Get(session, '/api/v1/namespaces', { authorization: 'Bearer nope' });
      expect(bad.status).toBe(401);
      expect(JSON.parse(bad.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      const good = await h2Get(session, '/api/v1/namespaces', { authorization: 'Bearer secret-token' });
      expect(good.status).toBe(200);
    } finally {
      session.close();
    }
  });
});
