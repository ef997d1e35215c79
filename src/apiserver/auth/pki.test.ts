import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import { AuthSetupError } from './errors.js';
import { ensurePki, kubernetesServiceSans, pkiPaths } from './pki.js';
import { TempDirs } from './testing/tls-fixtures.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const DAY = 86_400_000;
const sans = kubernetesServiceSans();

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

describe('ensurePki on an empty data dir', () => {
  it('creates a CA, a serving certificate with every SAN, and a service-account key pair, keys 0600', async () => {
    const dataDir = dirs.make();
    const pki = await ensurePki(dataDir, { ...sans, hostname: 'node-a' });
    const p = pkiPaths(dataDir);
    expect([...pki.written].sort()).toEqual([p.caCert, p.caKey, p.servingCert, p.servingKey, p.saKey, p.saPub].sort());
    for (const key of [p.caKey, p.servingKey, p.saKey]) expect(statSync(key).mode & 0o777).toBe(0o600);

    const ca = new X509Certificate(read(p.caCert));
    expect(ca.subject).toBe('CN=skiff-ca');
    expect(ca.ca).toBe(true);
    const years = (Date.parse(ca.validTo) - Date.parse(ca.validFrom)) / (365 * DAY);
    expect(years).toBeGreaterThan(9.9);

    const serving = new X509Certificate(read(p.servingCert));
    expect(serving.checkIssued(ca)).toBe(true);
    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(serving.ca).toBe(false);
    expect(serving.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    const alt = serving.subjectAltName ?? '';
    for (const name of ['localhost', 'node-a', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']) {
      expect(alt).toContain(`DNS:${name}`);
    }
    for (const ip of ['127.0.0.1', '10.96.0.1']) expect(alt).toContain(`IP Address:${ip}`);
    expect(serving.checkIP('::1')).toBe('::1');
    expect(serving.checkHost('kubernetes.default.svc')).toBe('kubernetes.default.svc');
    expect(createPublicKey(pki.servingKeyPem).export({ format: 'jwk' })).toEqual(serving.publicKey.export({ format: 'jwk' }));

    expect(createPublicKey(pki.saPrivateKeyPem).asymmetricKeyType).toBe('rsa');
    expect(createPublicKey(pki.saPrivateKeyPem).export({ format: 'jwk' })).toEqual(createPublicKey(pki.saPublicKeyPem).export({ format: 'jwk' }));
  });
});

describe('ensurePki on an existing PKI', () => {
  it('reuses every file when nothing changed', async () => {
    const dataDir = dirs.make();
    const first = await ensurePki(dataDir, { ...sans, hostname: 'node-a' });
    const p = pkiPaths(dataDir);
    const before = [p.caCert, p.caKey, p.servingCert, p.servingKey, p.saKey, p.saPub].map(read);
    const second = await ensurePki(dataDir, { ...sans, hostname: 'node-a' });
    expect(second.written).toEqual([]);
    expect([p.caCert, p.caKey, p.servingCert, p.servingKey, p.saKey, p.saPub].map(read)).toEqual(before);
    expect(second.caPem).toBe(first.caPem);
    expect(second.servingCertPem).toBe(first.servingCertPem);
  });

  it('re-issues only the serving certificate when a requested SAN is missing from it', async () => {
    const dataDir = dirs.make();
    const first = await ensurePki(dataDir, { hostname: 'node-a' });
    const second = await ensurePki(dataDir, { hostname: 'node-a', hosts: ['api.example'], ips: ['192.0.2.7'] });
    const p = pkiPaths(dataDir);
    expect([...second.written].sort()).toEqual([p.servingCert, p.servingKey].sort());
    expect(second.caPem).toBe(first.caPem);
    expect(second.saPrivateKeyPem).toBe(first.saPrivateKeyPem);
    const serving = new X509Certificate(second.servingCertPem);
    expect(serving.checkHost('api.example')).toBe('api.example');
    expect(serving.checkIP('192.0.2.7')).toBe('192.0.2.7');
    expect(serving.verify(new X509Certificate(first.caPem).publicKey)).toBe(true);
    // A subset of what it already covers does not re-issue it.
    expect((await ensurePki(dataDir, { hostname: 'node-a', ips: ['192.0.2.7'] })).written).toEqual([]);
  });

  it('re-issues the serving certificate when it expires within 30 days', async () => {
    const dataDir = dirs.make();
    const clock = new FakeClock(Date.now());
    const first = await ensurePki(dataDir, { hostname: 'node-a', clock });
    clock.advance(300 * DAY);
    expect((await ensurePki(dataDir, { hostname: 'node-a', clock })).written).toEqual([]);
    clock.advance(40 * DAY);
    const renewed = await ensurePki(dataDir, { hostname: 'node-a', clock });
    expect(renewed.written).toContain(pkiPaths(dataDir).servingCert);
    expect(renewed.caPem).toBe(first.caPem);
    expect(Date.parse(new X509Certificate(renewed.servingCertPem).validTo)).toBeGreaterThan(clock.now() + 300 * DAY);
  });

  it('re-issues a serving certificate that is unreadable or not signed by the CA', async () => {
    const dataDir = dirs.make();
    await ensurePki(dataDir, { hostname: 'node-a' });
    const p = pkiPaths(dataDir);
    writeFileSync(p.servingCert, 'garbage');
    expect((await ensurePki(dataDir, { hostname: 'node-a' })).written).toContain(p.servingCert);
    const other = await ensurePki(dirs.make(), { hostname: 'node-a' });
    writeFileSync(p.servingCert, other.servingCertPem);
    writeFileSync(p.servingKey, other.servingKeyPem);
    const fixed = await ensurePki(dataDir, { hostname: 'node-a' });
    expect(fixed.written).toContain(p.servingCert);
    expect(new X509Certificate(fixed.servingCertPem).verify(new X509Certificate(fixed.caPem).publicKey)).toBe(true);
  });

  it('rewrites a missing sa.pub from sa.key instead of replacing the key', async () => {
    const dataDir = dirs.make();
    const first = await ensurePki(dataDir, { hostname: 'node-a' });
    const p = pkiPaths(dataDir);
    rmSync(p.saPub);
    const second = await ensurePki(dataDir, { hostname: 'node-a' });
    expect(second.written).toEqual([p.saPub]);
    expect(second.saPrivateKeyPem).toBe(first.saPrivateKeyPem);
    expect(createPublicKey(second.saPublicKeyPem).export({ format: 'jwk' })).toEqual(createPublicKey(first.saPublicKeyPem).export({ format: 'jwk' }));
  });

  it('refuses a CA whose key is missing rather than replacing it', async () => {
    const dataDir = dirs.make();
    await ensurePki(dataDir, { hostname: 'node-a' });
    rmSync(pkiPaths(dataDir).caKey);
    await expect(ensurePki(dataDir, { hostname: 'node-a' })).rejects.toThrow(AuthSetupError);
    await expect(ensurePki(dataDir, { hostname: 'node-a' })).rejects.toThrow(/ca\.key is missing while .*ca\.crt exists/);
  });

  it('refuses a CA key that does not belong to the CA certificate', async () => {
    const dataDir = dirs.make();
    await ensurePki(dataDir, { hostname: 'node-a' });
    const other = dirs.make();
    await ensurePki(other, { hostname: 'node-a' });
    writeFileSync(pkiPaths(dataDir).caKey, read(pkiPaths(other).caKey));
    await expect(ensurePki(dataDir, { hostname: 'node-a' })).rejects.toThrow(/does not belong to/);
  });
});

describe('Pki.issueClientCertificate', () => {
  it('issues a client certificate with CN = user and one O per group, signed by the CA', async () => {
    const pki = await ensurePki(dirs.make(), { hostname: 'node-a' });
    const { certPem, keyPem } = await pki.issueClientCertificate({ cn: 'system:node:worker-1', o: ['system:nodes'] }, { days: 30 });
    const cert = new X509Certificate(certPem);
    expect(cert.subject).toBe('CN=system:node:worker-1\nO=system:nodes');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.verify(new X509Certificate(pki.caPem).publicKey)).toBe(true);
    expect(Date.parse(cert.validTo) - Date.now()).toBeGreaterThan(29 * DAY);
    expect(Date.parse(cert.validTo) - Date.now()).toBeLessThan(31 * DAY);
    expect(createPublicKey(keyPem).export({ format: 'jwk' })).toEqual(cert.publicKey.export({ format: 'jwk' }));
    const admin = new X509Certificate((await pki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] })).certPem);
    expect(admin.subject).toBe('CN=skiff-admin\nO=system:masters');
  });

  it('rejects an empty common name', async () => {
    const pki = await ensurePki(dirs.make(), { hostname: 'node-a' });
    await expect(pki.issueClientCertificate({ cn: '' })).rejects.toThrow(AuthSetupError);
  });
});
