import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, isUnauthorized } from '../../machinery/index.js';
import type { Authenticator } from '../server.js';
import { certificatePem, createCaCertificate, createLeafCertificate, generateKeyPair, privateKeyPem, subjectOf } from './certs.js';
import { peerCertificate } from './credentials.js';
import type { AuthenticationFailed } from './errors.js';
import { ensurePki, type ClientCertificate, type Pki } from './pki.js';
import { createTlsApiServer, tlsServerOptions } from './tls.js';
import { close, h1Request, h2Request, listen, TempDirs } from './testing/tls-fixtures.js';
import { unionAuthenticator } from './union.js';
import { x509Authenticator } from './x509.js';

const dirs = new TempDirs();
let pki: Pki;
let otherPki: Pki;
let admin: ClientCertificate;
let foreign: ClientCertificate;
let h2Server: Http2SecureServer;
let h1Server: HttpsServer;
let h2Port = 0;
let h1Port = 0;

/** Answers what authentication made of the request, and how the certificate looked through `peerCertificate`. */
function whoAmI(auth: Authenticator) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const peer = peerCertificate(req);
    auth.authenticate(req).then(
      (user) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ user, peer: peer && { authorized: peer.authorized, bytes: peer.raw.length }, httpVersion: req.httpVersion }));
      },
      (err: unknown) => {
        const e = err as AuthenticationFailed;
        res.writeHead(e.code ?? 500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: e.toStatus(), causes: e.causes }));
      },
    );
  };
}

beforeAll(async () => {
  pki = await ensurePki(dirs.make(), { hostname: 'node-a' });
  otherPki = await ensurePki(dirs.make(), { hostname: 'node-a' });
  admin = await pki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
  foreign = await otherPki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
  const auth = unionAuthenticator([x509Authenticator(pki.caPem)]);
  h2Server = createTlsApiServer(tlsServerOptions(pki), whoAmI(auth));
  h2Port = await listen(h2Server);
  h1Server = createHttpsServer(tlsServerOptions(pki, { http2: false }), whoAmI(auth));
  h1Port = await listen(h1Server);
});
afterAll(async () => {
  await close(h2Server);
  await close(h1Server);
  dirs.cleanup();
});

describe('x509Authenticator over real TLS', () => {
  it('authenticates an admin client certificate over HTTP/2 as skiff-admin in system:masters', async () => {
    const r = await h2Request(h2Port, '/version', { ca: pki.caPem, cert: admin.certPem, key: admin.keyPem });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.httpVersion).toBe('2.0');
    expect(body.peer.authorized).toBe(true);
    expect(body.user).toEqual({ username: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('authenticates the same certificate over HTTP/1.1 on the h2 server and on an https server', async () => {
    for (const port of [h2Port, h1Port]) {
      const r = await h1Request(port, '/version', { ca: pki.caPem, cert: admin.certPem, key: admin.keyPem });
      const body = JSON.parse(r.body);
      expect(body.httpVersion).toBe('1.1');
      expect(body.user).toEqual({ username: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] });
    }
  });

  it('treats a client without a certificate as anonymous', async () => {
    const r = await h2Request(h2Port, '/version', { ca: pki.caPem });
    const body = JSON.parse(r.body);
    expect(r.status).toBe(200);
    expect(body.peer).toBeNull();
    expect(body.user).toBeNull();
  });

  it('refuses a certificate from another CA with 401 Unauthorized (Kubernetes does not fall back to anonymous)', async () => {
    for (const send of [h2Request, h1Request]) {
      const r = await send(h2Port, '/version', { ca: pki.caPem, cert: foreign.certPem, key: foreign.keyPem });
      expect(r.status).toBe(401);
      const body = JSON.parse(r.body);
      expect(body.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      expect(body.causes.join()).toMatch(/^verifying certificate SN=\d+, SKID=.*, AKID=[0-9A-F:]+ failed: x509: certificate not verified by the TLS layer/);
    }
  });

  it('serves a certificate that node verifies for 127.0.0.1 with the PKI CA', async () => {
    // The client checks the server certificate against the CA and the IP SAN (no rejectUnauthorized: false anywhere).
    await expect(h2Request(h2Port, '/version', { ca: otherPki.caPem })).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });
});

/** A request as the TLS layer would present it, without a network. */
function fakeRequest(raw: Buffer, authorized = true): IncomingMessage {
  return {
    headers: {},
    socket: { encrypted: true, authorized, authorizationError: authorized ? null : new Error('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), getPeerCertificate: () => ({ raw }) },
  } as unknown as IncomingMessage;
}

function der(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

describe('x509Authenticator checks', () => {
  it('refuses an expired certificate by its clock', async () => {
    const clock = new FakeClock(Date.now());
    const auth = x509Authenticator(pki.caPem, { clock });
    expect((await auth.authenticate(fakeRequest(der(admin.certPem))))?.username).toBe('skiff-admin');
    clock.advance(400 * 86_400_000);
    const err = await auth.authenticate(fakeRequest(der(admin.certPem))).catch((e: unknown) => e);
    expect(isUnauthorized(err)).toBe(true);
    expect((err as AuthenticationFailed).causes[0]).toMatch(/certificate has expired or is not yet valid/);
  });

  it('refuses a certificate the TLS layer did not verify even when the CA signed it', async () => {
    const err = await x509Authenticator(pki.caPem).authenticate(fakeRequest(der(admin.certPem), false)).catch((e: unknown) => e);
    expect((err as AuthenticationFailed).causes[0]).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  it('refuses a certificate from another CA even when the TLS layer accepted it', async () => {
    const err = await x509Authenticator(pki.caPem).authenticate(fakeRequest(der(foreign.certPem))).catch((e: unknown) => e);
    expect((err as AuthenticationFailed).causes[0]).toMatch(/certificate signed by unknown authority$/);
  });

  it('refuses a server-only certificate for client authentication', async () => {
    const err = await x509Authenticator(pki.caPem).authenticate(fakeRequest(der(pki.servingCertPem))).catch((e: unknown) => e);
    expect((err as AuthenticationFailed).causes[0]).toMatch(/incompatible key usage$/);
  });

  it('does not make a user of a verified certificate without CN', async () => {
    const caKey = await generateKeyPair();
    const now = Date.now();
    const caCert = await createCaCertificate({ subject: subjectOf('test-ca'), key: caKey, notBefore: new Date(now - 60_000), notAfter: new Date(now + 86_400_000) });
    const key = await generateKeyPair();
    const leaf = await createLeafCertificate({
      ca: { cert: caCert, key: caKey },
      subject: [{ O: ['system:masters'] }],
      publicKey: key.publicKey,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 86_400_000),
      usage: 'client',
    });
    expect(privateKeyPem(key.privateKey)).toContain('PRIVATE KEY');
    const auth = x509Authenticator(certificatePem(caCert));
    expect(await auth.authenticate(fakeRequest(Buffer.from(leaf.rawData)))).toBeNull();
  });

  it('ignores requests without a TLS client certificate', async () => {
    const auth = x509Authenticator(pki.caPem);
    expect(await auth.authenticate({ headers: {}, socket: {} } as unknown as IncomingMessage)).toBeNull();
    const noCert = { headers: {}, socket: { encrypted: true, authorized: false, getPeerCertificate: () => ({}) } } as unknown as IncomingMessage;
    expect(await auth.authenticate(noCert)).toBeNull();
  });
});
