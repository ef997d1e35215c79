/**
 * Malformed credentials never crash authentication: every bad token, JWT or certificate ends as a clean 401
 * (AuthenticationFailed), or, for a mutation that left the credential intact, as the original user. Seeded, so a
 * failure reproduces.
 */
import { writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authenticator } from '../server.js';
import type { UserInfo } from '../registry/context.js';
import { AuthSetupError, AuthenticationFailed } from './errors.js';
import { ensurePki, type Pki } from './pki.js';
import { serviceAccountTokenAuthenticator } from './sa-authenticator.js';
import { DEFAULT_SERVICE_ACCOUNT_ISSUER as ISSUER, issueServiceAccountToken } from './sa-token.js';
import { parseTokenFile, tokenFileAuthenticator } from './token-file.js';
import { TempDirs } from './testing/tls-fixtures.js';
import { unionAuthenticator } from './union.js';
import { x509Authenticator } from './x509.js';

/** mulberry32: a tiny seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dirs = new TempDirs();
let pki: Pki;
let auth: Authenticator;
let realToken: string;
let realUser: UserInfo | null;
let certDer: Buffer;
let certUser: UserInfo | null;

beforeAll(async () => {
  pki = await ensurePki(dirs.make(), { hostname: 'node-a' });
  const tokens = join(dirs.make(), 'tokens.csv');
  writeFileSync(tokens, 'static-token,alice,1\n');
  auth = unionAuthenticator([
    x509Authenticator(pki.caPem),
    tokenFileAuthenticator(tokens),
    serviceAccountTokenAuthenticator({ publicKey: pki.saPublicKeyPem, issuer: ISSUER, audiences: [ISSUER] }),
  ]);
  realToken = (
    await issueServiceAccountToken({ privateKey: pki.saPrivateKeyPem, issuer: ISSUER, audiences: [ISSUER], namespace: 'ns', name: 'sa', uid: 'u', expirationSeconds: 3600 })
  ).token;
  realUser = await auth.authenticate(bearer(realToken));
  const cert = await pki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
  certDer = Buffer.from(cert.certPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  certUser = await auth.authenticate(withCert(certDer));
});
afterAll(() => dirs.cleanup());

function bearer(token: string): IncomingMessage {
  return { headers: { authorization: `Bearer ${token}` }, socket: {} } as unknown as IncomingMessage;
}

function withCert(raw: Buffer): IncomingMessage {
  return { headers: {}, socket: { encrypted: true, authorized: true, getPeerCertificate: () => ({ raw }) } } as unknown as IncomingMessage;
}

/** Runs one attempt: it must end in AuthenticationFailed, or in `allowed` when the mutation kept the credential. */
async function expectCleanOutcome(req: IncomingMessage, allowed: UserInfo | null, input: string): Promise<void> {
  let outcome: unknown;
  try {
    outcome = { user: await auth.authenticate(req) };
  } catch (err) {
    outcome = err;
  }
  if (outcome instanceof AuthenticationFailed) {
    expect(outcome.toStatus().code, input).toBe(401);
    return;
  }
  expect(outcome, `input ${input} neither refused nor the original identity`).toEqual({ user: allowed });
}

const ALPHABET = 'abcXYZ019-_.+/=" {}:,\\\n\té€';

function randomString(r: () => number, max: number): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function randomValue(r: () => number): unknown {
  const k = Math.floor(r() * 7);
  if (k === 0) return Math.floor(r() * 4e9) - 2e9;
  if (k === 1) return randomString(r, 20);
  if (k === 2) return null;
  if (k === 3) return [randomString(r, 10), ISSUER];
  if (k === 4) return { namespace: randomString(r, 5), serviceaccount: r() < 0.5 ? { name: 1 } : 'x' };
  if (k === 5) return r() < 0.5;
  return 1e308 * (r() < 0.5 ? 10 : 1);
}

describe('fuzzed credentials', () => {
  it('random bearer strings', async () => {
    const r = rng(1);
    for (let i = 0; i < 400; i++) {
      const t = randomString(r, 120).replace(/\s/g, '') || 'x';
      await expectCleanOutcome(bearer(t), null, t);
    }
  });

  it('JWT-shaped strings with hostile headers and claims', async () => {
    const r = rng(2);
    const algs = ['RS256', 'ES256', 'none', 'HS256', 'PS256', 'RS512', 42, ''];
    for (let i = 0; i < 400; i++) {
      const header: Record<string, unknown> = { alg: algs[Math.floor(r() * algs.length)] };
      if (r() < 0.5) header.kid = r() < 0.5 ? randomString(r, 10) : { nested: true };
      const claims: Record<string, unknown> = { iss: r() < 0.8 ? ISSUER : randomValue(r) };
      for (const name of ['aud', 'exp', 'nbf', 'iat', 'kubernetes.io', 'sub']) if (r() < 0.6) claims[name] = randomValue(r);
      const sig = r() < 0.5 ? '' : b64(randomString(r, 300));
      const head = r() < 0.9 ? b64(header) : randomString(r, 20);
      const body = r() < 0.9 ? b64(claims) : randomString(r, 20);
      const t = `${head}.${body}.${sig}`;
      await expectCleanOutcome(bearer(t), null, t);
    }
  });

  it('mutations of a valid service-account token', async () => {
    expect(realUser?.username).toBe('system:serviceaccount:ns:sa');
    const r = rng(3);
    for (let i = 0; i < 300; i++) {
      const chars = [...realToken];
      const kind = i % 4;
      if (kind === 0) chars[Math.floor(r() * chars.length)] = ALPHABET[Math.floor(r() * ALPHABET.length)]!;
      else if (kind === 1) chars.length = Math.floor(r() * chars.length);
      else if (kind === 2) chars.splice(Math.floor(r() * chars.length), 0, '.');
      else chars.splice(Math.floor(r() * chars.length), Math.floor(r() * 10));
      const t = chars.join('').replace(/\s/g, '') || 'x';
      await expectCleanOutcome(bearer(t), realUser, t);
    }
  });

  it('random and mutated client certificates', async () => {
    expect(certUser?.username).toBe('skiff-admin');
    const r = rng(4);
    for (let i = 0; i < 300; i++) {
      let raw: Buffer;
      if (i % 3 === 0) {
        raw = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 600) }, () => Math.floor(r() * 256)));
      } else if (i % 3 === 1) {
        raw = Buffer.from(certDer);
        for (let f = 0; f < 1 + Math.floor(r() * 4); f++) {
          const at = Math.floor(r() * raw.length);
          raw[at] = raw[at]! ^ (1 << Math.floor(r() * 8));
        }
      } else {
        raw = certDer.subarray(0, Math.floor(r() * certDer.length));
      }
      await expectCleanOutcome(withCert(raw), certUser, raw.toString('hex'));
    }
  });

  it('random WebSocket token subprotocols', async () => {
    const r = rng(5);
    for (let i = 0; i < 200; i++) {
      const proto = `base64url.bearer.authorization.k8s.io.${r() < 0.5 ? b64(randomString(r, 40)) : randomString(r, 40)}`;
      const req = {
        headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-protocol': r() < 0.7 ? `${proto}, v5.channel.k8s.io` : proto },
        socket: {},
      } as unknown as IncomingMessage;
      let outcome: unknown;
      try {
        outcome = await auth.authenticate(req);
      } catch (err) {
        outcome = err;
      }
      // An empty token is "no credentials" (anonymous); anything else is refused.
      if (outcome !== null) expect(outcome, proto).toBeInstanceOf(AuthenticationFailed);
    }
  });

  it('random token files either parse or fail with AuthSetupError', () => {
    const r = rng(6);
    const alphabet = 'ab,,"\n\r é';
    for (let i = 0; i < 500; i++) {
      let text = '';
      for (let n = Math.floor(r() * 60); n > 0; n--) text += alphabet[Math.floor(r() * alphabet.length)];
      try {
        parseTokenFile(text, 'f');
      } catch (err) {
        expect(err, JSON.stringify(text)).toBeInstanceOf(AuthSetupError);
      }
    }
  });
});
