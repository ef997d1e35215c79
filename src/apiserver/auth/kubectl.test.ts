/**
 * The real kubectl (1.32, fresh HOME) against a small TLS server built from these pieces: it trusts the PKI's CA
 * from `kubeconfigFor`, presents its client certificate or bearer token, and arrives authenticated (over HTTP/2).
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeError, writeJson, writeRaw } from '../http/respond.js';
import type { UserInfo } from '../registry/context.js';
import { kubeconfigFor } from './kubeconfig.js';
import { ensurePki, type Pki } from './pki.js';
import { createTlsApiServer, tlsServerOptions } from './tls.js';
import { close, listen, TempDirs } from './testing/tls-fixtures.js';
import { tokenFileAuthenticator } from './token-file.js';
import { unionAuthenticator } from './union.js';
import { x509Authenticator } from './x509.js';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

const dirs = new TempDirs();
let pki: Pki;
let server: Http2SecureServer;
let url = '';
const seen: { path: string | undefined; user: UserInfo | null; httpVersion: string }[] = [];

beforeAll(async () => {
  const dataDir = dirs.make();
  pki = await ensurePki(dataDir, { hostname: 'node-a' });
  const tokens = join(dataDir, 'tokens.csv');
  writeFileSync(tokens, 'kubectl-token,alice,alice-uid,"devs"\n');
  const auth = unionAuthenticator([x509Authenticator(pki.caPem), tokenFileAuthenticator(tokens)]);
  server = createTlsApiServer(tlsServerOptions(pki), (req: IncomingMessage, res: ServerResponse) => {
    auth.authenticate(req).then(
      (user) => {
        seen.push({ path: req.url, user, httpVersion: req.httpVersion });
        if (req.url?.startsWith('/version')) writeJson(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0' });
        else if (req.url?.startsWith('/healthz')) writeRaw(res, 200, 'ok', 'text/plain; charset=utf-8');
        else writeJson(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 });
      },
      (err: unknown) => {
        seen.push({ path: req.url, user: null, httpVersion: req.httpVersion });
        writeError(res, err);
      },
    );
  });
  const port = await listen(server);
  url = `https://127.0.0.1:${port}`;
});
afterAll(async () => {
  await close(server);
  dirs.cleanup();
});

function kubectl(kubeconfig: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = dirs.make('kubectl-home-');
  const path = join(home, 'kubeconfig');
  writeFileSync(path, kubeconfig, { mode: 0o600 });
  return new Promise((resolve) => {
    const p = spawn(KUBECTL, ['--kubeconfig', path, ...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.skipIf(!existsSync(KUBECTL))('kubectl 1.32 with kubeconfigFor', () => {
  it('authenticates with the admin client certificate over HTTP/2', async () => {
    const admin = await pki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
    seen.length = 0;
    const r = await kubectl(kubeconfigFor({ server: url, caPem: pki.caPem, certPem: admin.certPem, keyPem: admin.keyPem, name: 'skiff' }), ['get', '--raw', '/healthz']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok');
    expect(r.code).toBe(0);
    const health = seen.find((s) => s.path === '/healthz');
    expect(health).toEqual({ path: '/healthz', user: { username: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] }, httpVersion: '2.0' });
  });

  it('authenticates with a bearer token from the token file', async () => {
    seen.length = 0;
    const r = await kubectl(kubeconfigFor({ server: url, caPem: pki.caPem, token: 'kubectl-token', name: 'skiff' }), ['get', '--raw', '/version']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ major: '1', minor: '32', gitVersion: 'v1.32.0' });
    expect(seen.find((s) => s.path === '/version')?.user).toEqual({ username: 'alice', uid: 'alice-uid', groups: ['devs', 'system:authenticated'] });
  });

  it('reports Unauthorized for a certificate from another CA', async () => {
    const other = await ensurePki(dirs.make(), { hostname: 'node-a' });
    const stranger = await other.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
    const r = await kubectl(kubeconfigFor({ server: url, caPem: pki.caPem, certPem: stranger.certPem, keyPem: stranger.keyPem, name: 'skiff' }), ['get', '--raw', '/healthz']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Unauthorized/);
  });
});
