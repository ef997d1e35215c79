/**
 * Certificate and key primitives for the PKI, on @peculiar/x509 with Node's WebCrypto (passed explicitly to every
 * call, so nothing global is configured). Certificates are ECDSA P-256 with SHA-256 unless signed by a loaded RSA or
 * P-384 CA; keys are stored as PKCS#8 PEM, which Go (kubectl) and Node both read.
 */
import { createPrivateKey, createPublicKey, KeyObject, webcrypto, type KeyObject as NodeKeyObject } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import { AuthSetupError } from './errors.js';

/** Node's WebCrypto, handed to every @peculiar/x509 call (its `Crypto` parameter is the same interface). */
const wc = webcrypto;

export type Subject = x509.JsonName;

export interface SigningKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface CertificateAuthority {
  cert: x509.X509Certificate;
  key: SigningKey;
}

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A fresh ECDSA P-256 key pair (extractable, so it can be written as PEM). */
export async function generateKeyPair(): Promise<SigningKey> {
  const pair = (await wc.subtle.generateKey(P256, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** PKCS#8 PEM of a private key. */
export function privateKeyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** SPKI DER of the public half of any key given as PEM or KeyObject (for comparing keys). */
export function spkiOf(key: string | NodeKeyObject): Buffer {
  const obj = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return obj.export({ type: 'spki', format: 'der' });
}

/** The WebCrypto algorithm of a Node key, for the key types the PKI accepts (EC P-256/P-384, RSA). */
function importAlgorithm(k: NodeKeyObject): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams {
  if (k.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (k.asymmetricKeyType === 'ec') {
    const curve = k.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return { name: 'ECDSA', namedCurve: 'P-256' };
    if (curve === 'secp384r1') return { name: 'ECDSA', namedCurve: 'P-384' };
  }
  throw new AuthSetupError('Key', `unsupported key type ${k.asymmetricKeyType ?? 'unknown'} (want EC P-256/P-384 or RSA)`);
}

/** Imports a PEM private key (PKCS#8, SEC1 or PKCS#1) for signing. Throws AuthSetupError for anything unusable. */
export async function importSigningKey(pem: string): Promise<SigningKey> {
  let k: NodeKeyObject;
  try {
    k = createPrivateKey(pem);
  } catch (err) {
    throw new AuthSetupError('Key', `cannot parse private key: ${(err as Error).message}`, { cause: err });
  }
  const alg = importAlgorithm(k);
  const privateKey = await wc.subtle.importKey('pkcs8', k.export({ type: 'pkcs8', format: 'der' }), alg, true, ['sign']);
  const publicKey = await wc.subtle.importKey('spki', spkiOf(k), alg, true, ['verify']);
  return { privateKey, publicKey };
}

function signingAlgorithm(key: CryptoKey): webcrypto.EcdsaParams | webcrypto.Algorithm {
  const alg = key.algorithm as webcrypto.EcKeyAlgorithm;
  if (alg.name === 'ECDSA') return { name: 'ECDSA', hash: alg.namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256' };
  return { name: alg.name, hash: 'SHA-256' } as webcrypto.Algorithm;
}

/** Parses a PEM/DER certificate; throws AuthSetupError when it is not one. */
export function parseCertificate(data: string | Buffer, what: string): x509.X509Certificate {
  try {
    return new x509.X509Certificate(typeof data === 'string' ? data : new Uint8Array(data));
  } catch (err) {
    throw new AuthSetupError('Pki', `${what} is not a valid certificate: ${(err as Error).message}`, { cause: err });
  }
}

export function certificatePem(cert: x509.X509Certificate): string {
  return cert.toString('pem') + '\n';
}

/** A self-signed CA certificate (basicConstraints CA:TRUE, keyCertSign | cRLSign | digitalSignature). */
export async function createCaCertificate(o: { subject: Subject; key: SigningKey; notBefore: Date; notAfter: Date }): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.createSelfSigned(
    {
      name: o.subject,
      keys: o.key,
      notBefore: o.notBefore,
      notAfter: o.notAfter,
      signingAlgorithm: signingAlgorithm(o.key.privateKey),
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(o.key.publicKey, false, wc),
      ],
    },
    wc,
  );
}

export interface LeafOptions {
  ca: CertificateAuthority;
  subject: Subject;
  publicKey: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  usage: 'server' | 'client';
  /** Subject alternative names (server certificates). */
  dnsNames?: readonly string[];
  ips?: readonly string[];
}

/** An end-entity certificate signed by `ca`, for TLS server or client authentication. */
export async function createLeafCertificate(o: LeafOptions): Promise<x509.X509Certificate> {
  const rsa = o.publicKey.algorithm.name !== 'ECDSA';
  const usages = x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(usages, true),
    new x509.ExtendedKeyUsageExtension([o.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    await x509.AuthorityKeyIdentifierExtension.create(o.ca.key.publicKey, false, wc),
  ];
  const names: x509.JsonGeneralName[] = [
    ...(o.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(o.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  return x509.X509CertificateGenerator.create(
    {
      subject: o.subject,
      issuer: o.ca.cert.subjectName.toJSON(),
      publicKey: o.publicKey,
      signingKey: o.ca.key.privateKey,
      notBefore: o.notBefore,
      notAfter: o.notAfter,
      signingAlgorithm: signingAlgorithm(o.ca.key.privateKey),
      extensions,
    },
    wc,
  );
}

/** True when `cert`'s signature verifies with `issuer`'s public key (dates not checked). */
export async function isSignedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  try {
    return await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }, wc);
  } catch (err) {
    // A key type the verifier cannot use means "not signed by this issuer", which is what callers act on.
    if (err instanceof Error) return false;
    throw err;
  }
}

/** The DNS names and (canonical) IP addresses of a certificate's subjectAltName. */
export function subjectAltNames(cert: x509.X509Certificate): { dnsNames: string[]; ips: string[] } {
  const ext = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const out = { dnsNames: [] as string[], ips: [] as string[] };
  for (const n of ext?.names.toJSON() ?? []) {
    if (n.type === 'dns') out.dnsNames.push(n.value.toLowerCase());
    else if (n.type === 'ip') out.ips.push(canonicalIp(n.value));
  }
  return out;
}

/** Extended key usages of a certificate, or null when it has no such extension (any usage allowed). */
export function extendedKeyUsages(cert: x509.X509Certificate): string[] | null {
  const ext = cert.getExtension(x509.ExtendedKeyUsageExtension);
  return ext ? ext.usages.map(String) : null;
}

export const CLIENT_AUTH_OID: string = x509.ExtendedKeyUsage.clientAuth;

/** An IP address in canonical text (IPv6 compressed and lower-case); throws AuthSetupError for a non-address. */
export function canonicalIp(ip: string): string {
  const v = isIP(ip);
  if (v === 4) return ip.split('.').map((p) => String(Number(p))).join('.');
  if (v === 6) return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  throw new AuthSetupError('Argument', `${JSON.stringify(ip)} is not an IP address`);
}

/** Subject with one CN and any number of O values (Kubernetes reads O as groups). */
export function subjectOf(cn: string, organizations: readonly string[] = []): Subject {
  return [{ CN: [cn] }, ...organizations.map((o) => ({ O: [o] }))];
}
