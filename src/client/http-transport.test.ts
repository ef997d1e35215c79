import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isClientError } from './errors.js';
import { HttpTransport } from './http-transport.js';
import { readBodyText } from './transport.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const servers: Array<http.Server | https.Server> = [];
const transports: HttpTransport[] = [];

async function listen(server: http.Server | https.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function transport(t: HttpTransport): HttpTransport {
  transports.push(t);
  return t;
}

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('HttpTransport over http', () => {
  async function serve(handler: Handler): Promise<string> {
    return `http://127.0.0.1:${await listen(http.createServer(handler))}`;
  }

  it('sends method, path, query, headers and body and returns status, lower-case headers and body', async () => {
    let seen: { method?: string; url?: string; ct?: string; accept?: string; body?: string } = {};
    const server = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, ct: req.headers['content-type'], accept: req.headers.accept, body };
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Thing': 'y' });
        res.end('{"ok":true}');
      });
    });
    const t = transport(new HttpTransport({ server }));
    const res = await t.request({
      method: 'POST',
      path: '/api/v1/namespaces/a%20b/pods',
      query: [['fieldManager', 'me'], ['labelSelector', 'app=x,tier in (a,b)']],
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-thing']).toBe('y');
    expect(await readBodyText(res)).toBe('{"ok":true}');
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/v1/namespaces/a%20b/pods?fieldManager=me&labelSelector=app%3Dx%2Ctier+in+%28a%2Cb%29');
    expect(seen.ct).toBe('application/json');
    expect(seen.accept).toBe('application/json');
    expect(seen.body).toBe('{"a":1}');
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const ports: number[] = [];
    const server = await serve((req, res) => {
      ports.push(req.socket.remotePort!);
      res.end('{}');
    });
    const t = transport(new HttpTransport({ server }));
    for (let i = 0; i < 3; i++) await readBodyText(await t.request({ method: 'GET', path: '/x' }));
    expect(new Set(ports).size).toBe(1);
  });

  it('queues short requests beyond maxConnections but never lets a watch hold one of those slots', async () => {
    const ports = new Set<number>();
    let watchRes: http.ServerResponse | undefined;
    const server = await serve((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      if (req.url?.includes('watch=true')) {
        watchRes = res;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('');
        return;
      }
      res.end('{}');
    });
    const t = transport(new HttpTransport({ server, maxConnections: 1 }));
    const ac = new AbortController();
    const watch = await t.request({ method: 'GET', path: '/api/v1/pods', query: [['watch', 'true']], signal: ac.signal });
    const answers = await Promise.all([1, 2, 3].map(async () => readBodyText(await t.request({ method: 'GET', path: '/api/v1/pods' }))));
    expect(answers).toEqual(['{}', '{}', '{}']);
    // The watch's socket plus exactly one pooled socket for the three short requests.
    expect([...ports]).toHaveLength(2);
    ac.abort();
    watchRes?.end();
    await expect(readBodyText(watch)).rejects.toThrow();
  });

  it('never sends a bearer token over plain http', async () => {
    let auth: string | undefined = 'unset';
    const server = await serve((req, res) => {
      auth = req.headers.authorization;
      res.end('{}');
    });
    const t = transport(new HttpTransport({ server, token: 'secret' }));
    await readBodyText(await t.request({ method: 'GET', path: '/x' }));
    expect(auth).toBeUndefined();
  });

  it('honours a path prefix in the server URL', async () => {
    let url = '';
    const server = await serve((req, res) => {
      url = req.url ?? '';
      res.end('{}');
    });
    const t = transport(new HttpTransport({ server: `${server}/prefix/` }));
    await readBodyText(await t.request({ method: 'GET', path: '/api' }));
    expect(url).toBe('/prefix/api');
  });

  it('streams chunks as the server writes them and stops when the signal aborts', async () => {
    let onClosed: () => void = () => undefined;
    const closed = new Promise<void>((r) => (onClosed = r));
    const server = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"n":1}\n');
      res.on('close', onClosed);
    });
    const t = transport(new HttpTransport({ server }));
    const ac = new AbortController();
    const res = await t.request({ method: 'GET', path: '/w', signal: ac.signal });
    const it = res.body[Symbol.asyncIterator]();
    const first = await it.next();
    expect(new TextDecoder().decode(first.value)).toBe('{"n":1}\n');
    const pending = it.next();
    ac.abort(new Error('bye'));
    await expect(pending).rejects.toThrow('bye');
    await closed; // the server sees the connection close (the test would time out otherwise)
  });

  it('reports a connection cut mid-body as a Transport ClientError', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"partial"');
      setImmediate(() => res.socket?.destroy());
    });
    const t = transport(new HttpTransport({ server }));
    const res = await t.request({ method: 'GET', path: '/w' });
    let caught: unknown;
    try {
      await readBodyText(res);
    } catch (err) {
      caught = err;
    }
    expect(isClientError(caught, 'Transport')).toBe(true);
  });

  it('rejects with a Transport ClientError when nothing listens', async () => {
    const port = await listen(http.createServer());
    const s = servers.pop()!;
    await new Promise((r) => s.close(r));
    const t = transport(new HttpTransport({ server: `http://127.0.0.1:${port}` }));
    let caught: unknown;
    try {
      await t.request({ method: 'GET', path: '/' });
    } catch (err) {
      caught = err;
    }
    expect(isClientError(caught, 'Transport')).toBe(true);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return !err;
  }
}

describe.skipIf(!hasOpenssl())('HttpTransport over https', () => {
  let dir = '';
  let serverCert = '';
  let serverKey = '';
  let clientCert = '';
  let clientKey = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skiff-tls-'));
    const mk = (name: string, subj: string, san?: string) =>
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', subj, ...(san ? ['-addext', san] : []),
        '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`),
      ], { stdio: 'ignore' });
    mk('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1');
    mk('client', '/CN=alice/O=devs');
    serverCert = readFileSync(join(dir, 'server.crt'), 'utf8');
    serverKey = readFileSync(join(dir, 'server.key'), 'utf8');
    clientCert = readFileSync(join(dir, 'client.crt'), 'utf8');
    clientKey = readFileSync(join(dir, 'client.key'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function serve(handler: Handler): Promise<string> {
    const s = https.createServer({ cert: serverCert, key: serverKey, ca: clientCert, requestCert: true, rejectUnauthorized: false }, handler);
    return `https://127.0.0.1:${await listen(s)}`;
  }

  it('verifies the server against the given CA and sends the bearer token and client certificate', async () => {
    let auth: string | undefined;
    let peer = '';
    const server = await serve((req, res) => {
      auth = req.headers.authorization;
      const sock = req.socket as TLSSocket;
      peer = sock.authorized ? String(sock.getPeerCertificate().subject.CN) : 'unauthorized';
      res.end('{}');
    });
    const t = transport(new HttpTransport({ server, ca: serverCert, token: 'tok', cert: clientCert, key: clientKey }));
    await readBodyText(await t.request({ method: 'GET', path: '/api' }));
    expect(auth).toBe('Bearer tok');
    expect(peer).toBe('alice');
  });

  it('fails on an untrusted server certificate unless insecure', async () => {
    const server = await serve((_req, res) => res.end('{}'));
    let caught: unknown;
    try {
      await transport(new HttpTransport({ server })).request({ method: 'GET', path: '/' });
    } catch (err) {
      caught = err;
    }
    expect(isClientError(caught, 'Transport')).toBe(true);
    const res = await transport(new HttpTransport({ server, insecure: true })).request({ method: 'GET', path: '/' });
    expect(res.status).toBe(200);
    await readBodyText(res);
  });
});
