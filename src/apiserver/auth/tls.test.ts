/**
 * The API server's handler style (node:http req/res) over TLS with h2 offered: streaming (watch-style) and plain JSON
 * responses over HTTP/2 through the compatibility API, disconnects seen as res 'close', and HTTP/1.1 upgrades.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, type Http2SecureServer } from 'node:http2';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeJson } from '../http/respond.js';
import { peerCertificate } from './credentials.js';
import { ensurePki, type ClientCertificate, type Pki } from './pki.js';
import { createTlsApiServer, tlsServerOptions } from './tls.js';
import { close, h2Connect, h2Get, listen, TempDirs } from './testing/tls-fixtures.js';
import { x509Authenticator } from './x509.js';

const dirs = new TempDirs();
let pki: Pki;
let admin: ClientCertificate;
let server: Http2SecureServer;
let port = 0;
/** Resolves when the streaming handler sees its response close. */
let streamClosed: Promise<{ writableEnded: boolean }>;
let upgraded: Promise<{ user: string | undefined; url: string | undefined }>;

function handler(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/json') {
    writeJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 });
    return;
  }
  if (req.url?.startsWith('/watch')) {
    // What the API server's watch endpoint does: headers first, then one JSON event per line, open until closed.
    streamClosed = new Promise((resolve) => res.on('close', () => resolve({ writableEnded: res.writableEnded })));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    let n = 0;
    const next = () => {
      if (n === 3) return;
      n++;
      res.write(`{"type":"ADDED","object":{"kind":"ConfigMap","metadata":{"name":"cm-${n}"}}}\n`);
      setImmediate(next);
    };
    next();
    return;
  }
  res.writeHead(404);
  res.end();
}

beforeAll(async () => {
  pki = await ensurePki(dirs.make(), { hostname: 'node-a' });
  admin = await pki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
  server = createTlsApiServer(tlsServerOptions(pki), handler);
  const auth = x509Authenticator(pki.caPem);
  upgraded = new Promise((resolve) => {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
      void auth.authenticate(req).then((user) => {
        socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
        resolve({ user: user?.username, url: req.url });
      });
    });
  });
  port = await listen(server);
});
afterAll(async () => {
  await close(server);
  dirs.cleanup();
});

describe('node:http-style handlers over HTTP/2', () => {
  it('serves a JSON response with its Content-Length and no connection headers', async () => {
    const session = await h2Connect(port, { ca: pki.caPem });
    try {
      const r = await h2Get(session, '/json');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)));
      expect(r.headers['transfer-encoding']).toBeUndefined();
      expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', status: 'Success' });
    } finally {
      session.close();
    }
  });

  it('streams watch events line by line before the response ends, and reports the client going away as close', async () => {
    const session = await h2Connect(port, { ca: pki.caPem, cert: admin.certPem, key: admin.keyPem });
    try {
      const stream = session.request({ ':path': '/watch?watch=true', ':method': 'GET' });
      stream.end();
      const headers = await new Promise<Record<string, unknown>>((resolve) => stream.once('response', resolve));
      expect(headers[':status']).toBe(200);
      expect(headers['transfer-encoding']).toBeUndefined();
      expect(headers['content-length']).toBeUndefined();
      let text = '';
      await new Promise<void>((resolve) => {
        stream.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.split('\n').length > 3) resolve();
        });
      });
      // Three complete events arrived while the response is still open.
      expect(stream.readableEnded).toBe(false);
      const names = text.trim().split('\n').map((l) => (JSON.parse(l) as { object: { metadata: { name: string } } }).object.metadata.name);
      expect(names).toEqual(['cm-1', 'cm-2', 'cm-3']);
      stream.close(constants.NGHTTP2_CANCEL);
      const closed = await streamClosed;
      expect(closed.writableEnded).toBe(false);
    } finally {
      session.close();
    }
  });

  it('delivers HTTP/1.1 upgrades to the upgrade event with the client certificate visible', async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca: pki.caPem, cert: admin.certPem, key: admin.keyPem, ALPNProtocols: ['http/1.1'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    expect(socket.alpnProtocol).toBe('http/1.1');
    socket.write(
      'GET /api/v1/namespaces/default/pods/p/exec?command=sh HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n',
    );
    const first = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    socket.destroy();
    expect(first.split('\r\n')[0]).toBe('HTTP/1.1 101 Switching Protocols');
    expect(await upgraded).toEqual({ user: 'skiff-admin', url: '/api/v1/namespaces/default/pods/p/exec?command=sh' });
  });
});

describe('peerCertificate', () => {
  it('finds the client certificate of an HTTP/2 compatibility request through req.socket and req.stream.session.socket', async () => {
    const seen: { viaSocket: boolean; viaSession: boolean }[] = [];
    const probe = createTlsApiServer(tlsServerOptions(pki), (req, res) => {
      const h2 = req as unknown as { stream: { session: { socket: { getPeerCertificate(): { raw?: Buffer } } } } };
      seen.push({
        viaSocket: (req.socket as unknown as { getPeerCertificate(): { raw?: Buffer } }).getPeerCertificate().raw?.equals(peerCertificate(req)!.raw) ?? false,
        viaSession: h2.stream.session.socket.getPeerCertificate().raw?.equals(peerCertificate(req)!.raw) ?? false,
      });
      res.end();
    });
    const probePort = await listen(probe);
    try {
      const session = await h2Connect(probePort, { ca: pki.caPem, cert: admin.certPem, key: admin.keyPem });
      await h2Get(session, '/');
      session.close();
      expect(seen).toEqual([{ viaSocket: true, viaSession: true }]);
    } finally {
      await close(probe);
    }
  });
});
