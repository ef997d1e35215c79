import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, isUnauthorized } from '../../machinery/index.js';
import type { AuthenticationFailed } from './errors.js';
import { ensurePki, type Pki } from './pki.js';
import { serviceAccountTokenAuthenticator, type LookedUpObject, type ServiceAccountLookup } from './sa-authenticator.js';
import { DEFAULT_SERVICE_ACCOUNT_ISSUER as ISSUER, issueServiceAccountToken, type IssueServiceAccountTokenOptions } from './sa-token.js';
import { TempDirs } from './testing/tls-fixtures.js';
import { unionAuthenticator } from './union.js';

const dirs = new TempDirs();
let pki: Pki;
const clock = new FakeClock(Date.UTC(2026, 0, 1));
const AUDS = [ISSUER];

beforeAll(async () => {
  pki = await ensurePki(dirs.make(), { hostname: 'node-a' });
});
afterAll(() => dirs.cleanup());

function bearer(token: string): IncomingMessage {
  return { headers: { authorization: `Bearer ${token}` }, socket: {} } as unknown as IncomingMessage;
}

function issue(o: Partial<IssueServiceAccountTokenOptions> = {}) {
  return issueServiceAccountToken({
    privateKey: pki.saPrivateKeyPem,
    issuer: ISSUER,
    audiences: AUDS,
    namespace: 'team-a',
    name: 'builder',
    uid: 'sa-uid-1',
    expirationSeconds: 3600,
    clock,
    newId: () => 'jti-1',
    ...o,
  });
}

function authenticator(o: { lookup?: ServiceAccountLookup; audiences?: string[]; publicKey?: string } = {}) {
  return serviceAccountTokenAuthenticator({ publicKey: o.publicKey ?? pki.saPublicKeyPem, issuer: ISSUER, audiences: o.audiences ?? AUDS, lookup: o.lookup, clock });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUnauthorized(err)).toBe(true);
  expect((err as AuthenticationFailed).toStatus()).toMatchObject({ message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  return (err as AuthenticationFailed).causes.join('; ');
}

describe('issueServiceAccountToken', () => {
  it("signs RS256 with Kubernetes' key id and claims", async () => {
    const { token, expirationTimestamp } = await issue({ boundPod: { name: 'web-1', uid: 'pod-uid-1' } });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const now = clock.now() / 1000;
    expect(decodeJwt(token)).toEqual({
      aud: AUDS,
      exp: now + 3600,
      iat: now,
      iss: ISSUER,
      jti: 'jti-1',
      'kubernetes.io': { namespace: 'team-a', serviceaccount: { name: 'builder', uid: 'sa-uid-1' }, pod: { name: 'web-1', uid: 'pod-uid-1' } },
      nbf: now,
      sub: 'system:serviceaccount:team-a:builder',
    });
    expect(expirationTimestamp).toBe('2026-01-01T01:00:00Z');
  });
});

describe('serviceAccountTokenAuthenticator', () => {
  it('authenticates a token it issued as the service account', async () => {
    const { token } = await issue();
    const req = bearer(token);
    expect(await authenticator().authenticate(req)).toEqual({
      username: 'system:serviceaccount:team-a:builder',
      uid: 'sa-uid-1',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/credential-id': ['JTI=jti-1'] },
    });
    expect(req.headers.authorization).toBeUndefined();
  });

  it('verifies ES256 tokens from an EC P-256 key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const { token } = await issue({ privateKey: pem });
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    const auth = authenticator({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string });
    expect((await auth.authenticate(bearer(token)))?.username).toBe('system:serviceaccount:team-a:builder');
  });

  it('refuses an expired token after the 60 s leeway, and a token not yet valid', async () => {
    const { token } = await issue({ expirationSeconds: 600 });
    const auth = authenticator();
    const start = clock.now();
    try {
      clock.advance(660_000);
      expect(await auth.authenticate(bearer(token))).not.toBeNull();
      clock.advance(1_000);
      expect(await refusal(auth.authenticate(bearer(token)))).toBe('service account token has expired');
      clock.advance(start - clock.now() - 120_000);
      expect(await refusal(auth.authenticate(bearer(token)))).toBe('service account token is not valid yet');
    } finally {
      clock.advance(start - clock.now());
    }
  });

  it('refuses a token for another audience', async () => {
    const { token } = await issue({ audiences: ['vault'] });
    expect(await refusal(authenticator().authenticate(bearer(token)))).toBe(
      `token audiences ["vault"] is invalid for the target audiences ["${ISSUER}"]`,
    );
  });

  it('refuses a token signed by another key, and one whose payload was altered', async () => {
    const other = await ensurePki(dirs.make(), { hostname: 'node-a' });
    const { token } = await issue({ privateKey: other.saPrivateKeyPem });
    expect(await refusal(authenticator().authenticate(bearer(token)))).toBe('invalid signature, no keys found');
    const [h, , s] = (await issue()).token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt((await issue()).token), sub: 'x', 'kubernetes.io': { namespace: 'kube-system', serviceaccount: { name: 'admin', uid: 'u' } } })).toString('base64url');
    expect(await refusal(authenticator().authenticate(bearer(`${h}.${forged}.${s}`)))).toMatch(/signature verification failed/);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(decodeJwt((await issue()).token))).toString('base64url');
    await refusal(authenticator().authenticate(bearer(`${header}.${payload}.`)));
  });

  it('leaves tokens of other issuers to other authenticators, and the union refuses them', async () => {
    const { token } = await issue({ issuer: 'https://elsewhere' });
    expect(await authenticator().authenticateToken(token)).toBeNull();
    expect(await authenticator().authenticateToken('not-a-jwt')).toBeNull();
    await refusal(unionAuthenticator([authenticator()]).authenticate(bearer(token)));
  });

  it('refuses a correctly signed token without kubernetes.io claims', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await new SignJWT({ iss: ISSUER, aud: AUDS, exp: clock.now() / 1000 + 60 }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    const auth = authenticator({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string });
    expect(await refusal(auth.authenticate(bearer(token)))).toMatch(/does not name a namespace and service account/);
  });
});

describe('serviceAccountTokenAuthenticator with a lookup', () => {
  const objects = new Map<string, LookedUpObject>();
  const lookup: ServiceAccountLookup = {
    serviceAccount: async (ns, name) => objects.get(`sa/${ns}/${name}`) ?? null,
    pod: async (ns, name) => objects.get(`pod/${ns}/${name}`) ?? null,
  };

  it('accepts a pod-bound token while the service account and pod exist with the same uids', async () => {
    objects.set('sa/team-a/builder', { metadata: { uid: 'sa-uid-1' } });
    objects.set('pod/team-a/web-1', { metadata: { uid: 'pod-uid-1' } });
    const { token } = await issue({ boundPod: { name: 'web-1', uid: 'pod-uid-1' } });
    expect((await authenticator({ lookup }).authenticate(bearer(token)))?.extra).toEqual({
      'authentication.kubernetes.io/pod-name': ['web-1'],
      'authentication.kubernetes.io/pod-uid': ['pod-uid-1'],
      'authentication.kubernetes.io/credential-id': ['JTI=jti-1'],
    });
  });

  it('refuses it once the service account is recreated, deleted or the pod is gone', async () => {
    const { token } = await issue({ boundPod: { name: 'web-1', uid: 'pod-uid-1' } });
    const auth = authenticator({ lookup });
    objects.set('pod/team-a/web-1', { metadata: { uid: 'pod-uid-2' } });
    expect(await refusal(auth.authenticate(bearer(token)))).toBe('pod UID (pod-uid-2) does not match service account pod ref claim (pod-uid-1)');
    objects.delete('pod/team-a/web-1');
    expect(await refusal(auth.authenticate(bearer(token)))).toBe('service account token has been invalidated');
    objects.set('sa/team-a/builder', { metadata: { uid: 'sa-uid-2' } });
    expect(await refusal(auth.authenticate(bearer(token)))).toBe('service account UID (sa-uid-2) does not match claim (sa-uid-1)');
    objects.set('sa/team-a/builder', { metadata: { uid: 'sa-uid-1', deletionTimestamp: new Date(clock.now() - 120_000).toISOString() } });
    expect(await refusal(auth.authenticate(bearer(token)))).toBe('service account team-a/builder has been deleted');
    objects.delete('sa/team-a/builder');
    expect(await refusal(auth.authenticate(bearer(token)))).toBe('serviceaccounts "builder" not found');
  });
});
