/**
 * The cluster's PKI under `<dataDir>/pki/`, created on first start and reused afterwards:
 *   ca.crt / ca.key             self-signed CA `CN=skiff-ca`, ECDSA P-256, 10 years
 *   apiserver.crt / .key        serving certificate signed by the CA, 1 year, SANs below
 *   sa.key / sa.pub             RSA 2048 key pair signing service-account tokens (RS256)
 * Keys are written 0600, certificates 0644, each atomically (temp file + rename). The CA and the service-account key
 * are never replaced once they exist (that would invalidate every kubeconfig and token); the serving certificate is
 * re-issued whenever it no longer fits: missing, unreadable, not from this CA, key mismatch, a requested SAN missing,
 * or fewer than 30 days left.
 */
import { createPublicKey, generateKeyPair as generateNodeKeyPair } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Clock, realClock } from '../../machinery/index.js';
import {
  type CertificateAuthority,
  canonicalIp,
  certificatePem,
  createCaCertificate,
  createLeafCertificate,
  generateKeyPair,
  importSigningKey,
  isSignedBy,
  parseCertificate,
  privateKeyPem,
  spkiOf,
  subjectAltNames,
  subjectOf,
} from './certs.js';
import { AuthSetupError } from './errors.js';

const DAY_MS = 86_400_000;
const CA_DAYS = 3650;
const SERVING_DAYS = 365;
const RENEW_BEFORE_DAYS = 30;
/** Certificates start a little in the past so clocks slightly behind ours accept them. */
const BACKDATE_MS = 5 * 60_000;

export interface PkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  saKey: string;
  saPub: string;
}

export function pkiPaths(dataDir: string): PkiPaths {
  const dir = join(dataDir, 'pki');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    servingCert: join(dir, 'apiserver.crt'),
    servingKey: join(dir, 'apiserver.key'),
    saKey: join(dir, 'sa.key'),
    saPub: join(dir, 'sa.pub'),
  };
}

export interface EnsurePkiOptions {
  /** Extra DNS names for the serving certificate (besides localhost and the host name). */
  hosts?: readonly string[];
  /** Extra IP addresses for the serving certificate (besides 127.0.0.1 and ::1). */
  ips?: readonly string[];
  clock?: Clock;
  /** Defaults to os.hostname(). */
  hostname?: string;
}

/** SANs for the in-cluster names of the API server: the `kubernetes` Service's ClusterIP and DNS names. */
export function kubernetesServiceSans(o: { serviceIP?: string; clusterDomain?: string } = {}): { hosts: string[]; ips: string[] } {
  const domain = o.clusterDomain ?? 'cluster.local';
  return {
    hosts: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', `kubernetes.default.svc.${domain}`],
    ips: [o.serviceIP ?? '10.96.0.1'],
  };
}

export interface ClientCertificate {
  certPem: string;
  keyPem: string;
}

/** A loaded PKI. PEM texts are what is on disk. */
export class Pki {
  constructor(
    readonly paths: PkiPaths,
    readonly caPem: string,
    readonly servingCertPem: string,
    readonly servingKeyPem: string,
    readonly saPrivateKeyPem: string,
    readonly saPublicKeyPem: string,
    private readonly ca: CertificateAuthority,
    private readonly clock: Clock,
    /** Files this call wrote (empty when everything was reused). */
    readonly written: readonly string[],
  ) {}

  /**
   * A client certificate signed by the CA, with a fresh key: `CN` is the user name and each `O` a group, as
   * Kubernetes reads them (admin: `{cn: 'skiff-admin', o: ['system:masters']}`; a kubelet:
   * `{cn: 'system:node:<name>', o: ['system:nodes']}`). Nothing is written to disk.
   */
  async issueClientCertificate(subject: { cn: string; o?: readonly string[] }, opts: { days?: number } = {}): Promise<ClientCertificate> {
    if (!subject.cn) throw new AuthSetupError('Argument', 'a client certificate needs a common name');
    const days = opts.days ?? 365;
    if (!(days > 0)) throw new AuthSetupError('Argument', `days must be positive, got ${days}`);
    const now = this.clock.now();
    const key = await generateKeyPair();
    const cert = await createLeafCertificate({
      ca: this.ca,
      subject: subjectOf(subject.cn, subject.o),
      publicKey: key.publicKey,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + days * DAY_MS),
      usage: 'client',
    });
    return { certPem: certificatePem(cert), keyPem: privateKeyPem(key.privateKey) };
  }
}

/**
 * Loads the PKI under `<dataDir>/pki/`, creating whatever is missing (see the file comment for what is reused).
 * The serving certificate covers 127.0.0.1, ::1, localhost, the host name and `hosts`/`ips`.
 * Throws AuthSetupError (kind `Pki` / `Key`) when the CA is half present, unreadable, expired or does not match its key.
 */
export async function ensurePki(dataDir: string, opts: EnsurePkiOptions = {}): Promise<Pki> {
  const clock = opts.clock ?? realClock;
  const paths = pkiPaths(dataDir);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  const write = (path: string, data: string, mode: number) => {
    writeAtomic(path, data, mode);
    written.push(path);
  };

  const ca = await loadOrCreateCa(paths, clock, write);
  const caPem = readFileSync(paths.caCert, 'utf8');

  const wanted = requestedSans(opts);
  if (!(await servingCertFits(paths, ca, wanted, clock))) {
    const now = clock.now();
    const key = await generateKeyPair();
    const cert = await createLeafCertificate({
      ca,
      subject: subjectOf('kube-apiserver'),
      publicKey: key.publicKey,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + SERVING_DAYS * DAY_MS),
      usage: 'server',
      dnsNames: wanted.dnsNames,
      ips: wanted.ips,
    });
    write(paths.servingKey, privateKeyPem(key.privateKey), 0o600);
    write(paths.servingCert, certificatePem(cert), 0o644);
  }

  await ensureServiceAccountKey(paths, write);
  return new Pki(
    paths,
    caPem,
    readFileSync(paths.servingCert, 'utf8'),
    readFileSync(paths.servingKey, 'utf8'),
    readFileSync(paths.saKey, 'utf8'),
    readFileSync(paths.saPub, 'utf8'),
    ca,
    clock,
    written,
  );
}

type Write = (path: string, data: string, mode: number) => void;

async function loadOrCreateCa(paths: PkiPaths, clock: Clock, write: Write): Promise<CertificateAuthority> {
  const haveCert = existsSync(paths.caCert);
  const haveKey = existsSync(paths.caKey);
  if (!haveCert && !haveKey) {
    const now = clock.now();
    const key = await generateKeyPair();
    const cert = await createCaCertificate({
      subject: subjectOf('skiff-ca'),
      key,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + CA_DAYS * DAY_MS),
    });
    write(paths.caKey, privateKeyPem(key.privateKey), 0o600);
    write(paths.caCert, certificatePem(cert), 0o644);
    return { cert, key };
  }
  if (!haveCert || !haveKey) {
    throw new AuthSetupError('Pki', `${haveCert ? paths.caKey : paths.caCert} is missing while ${haveCert ? paths.caCert : paths.caKey} exists; restore it or remove both to create a new CA`);
  }
  const cert = parseCertificate(readFileSync(paths.caCert, 'utf8'), paths.caCert);
  const keyPem = readFileSync(paths.caKey, 'utf8');
  const key = await importSigningKey(keyPem);
  if (!spkiOf(keyPem).equals(Buffer.from(cert.publicKey.rawData))) {
    throw new AuthSetupError('Pki', `${paths.caKey} does not belong to ${paths.caCert}`);
  }
  if (cert.notAfter.getTime() <= clock.now()) {
    throw new AuthSetupError('Pki', `the CA ${paths.caCert} expired on ${cert.notAfter.toISOString()}; remove the pki directory to create a new one`);
  }
  return { cert, key };
}

interface Sans {
  dnsNames: string[];
  ips: string[];
}

function requestedSans(opts: EnsurePkiOptions): Sans {
  const dns = new Set<string>(['localhost']);
  const ips = new Set<string>(['127.0.0.1', '::1']);
  for (const h of [opts.hostname ?? osHostname(), ...(opts.hosts ?? [])]) {
    if (!h) continue;
    if (isIP(h)) ips.add(canonicalIp(h));
    else dns.add(h.toLowerCase());
  }
  for (const ip of opts.ips ?? []) ips.add(canonicalIp(ip));
  return { dnsNames: [...dns], ips: [...ips] };
}

async function servingCertFits(paths: PkiPaths, ca: CertificateAuthority, wanted: Sans, clock: Clock): Promise<boolean> {
  if (!existsSync(paths.servingCert) || !existsSync(paths.servingKey)) return false;
  const cert = attempt(() => parseCertificate(readFileSync(paths.servingCert, 'utf8'), paths.servingCert));
  const keySpki = attempt(() => spkiOf(readFileSync(paths.servingKey, 'utf8')));
  if (!cert || !keySpki) return false;
  if (!keySpki.equals(Buffer.from(cert.publicKey.rawData))) return false;
  if (!(await isSignedBy(cert, ca.cert))) return false;
  const now = clock.now();
  if (cert.notBefore.getTime() > now || cert.notAfter.getTime() - now < RENEW_BEFORE_DAYS * DAY_MS) return false;
  const have = subjectAltNames(cert);
  return wanted.dnsNames.every((d) => have.dnsNames.includes(d)) && wanted.ips.every((ip) => have.ips.includes(ip));
}

const generateRsa = promisify(generateNodeKeyPair);

async function ensureServiceAccountKey(paths: PkiPaths, write: Write): Promise<void> {
  if (!existsSync(paths.saKey)) {
    const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: 2048 });
    write(paths.saKey, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
    write(paths.saPub, publicKey.export({ type: 'spki', format: 'pem' }) as string, 0o644);
    return;
  }
  const keyPem = readFileSync(paths.saKey, 'utf8');
  await importSigningKey(keyPem); // throws AuthSetupError for an unusable key
  const spki = spkiOf(keyPem);
  const pub = existsSync(paths.saPub) ? attempt(() => spkiOf(readFileSync(paths.saPub, 'utf8'))) : undefined;
  if (!pub?.equals(spki)) write(paths.saPub, createPublicKey(keyPem).export({ type: 'spki', format: 'pem' }) as string, 0o644);
}

/** `fn()`, or undefined when it throws an Error: for files that are replaced when they cannot be read. */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error) return undefined;
    throw err;
  }
}

function writeAtomic(path: string, data: string, mode: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, path);
}
