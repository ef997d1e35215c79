/** Keys for service-account tokens: which JWS algorithm a key signs with, and Kubernetes' key id. */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AuthSetupError } from './errors.js';

export type SaAlgorithm = 'RS256' | 'ES256' | 'ES384';

export interface SaPublicKey {
  key: KeyObject;
  alg: SaAlgorithm;
  kid: string;
}

/** The algorithm Kubernetes signs with for this key: RS256 for RSA, ES256 / ES384 for EC P-256 / P-384. */
export function algorithmOf(key: KeyObject): SaAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ES256';
    if (curve === 'secp384r1') return 'ES384';
  }
  throw new AuthSetupError('Key', `unsupported service-account key type ${key.asymmetricKeyType ?? 'unknown'} (want RSA or EC P-256/P-384)`);
}

/** Kubernetes' key id: base64url (unpadded) SHA-256 of the public key's SPKI DER. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('base64url');
}

/**
 * The verification keys of PEM text holding any number of public keys (SPKI, PKCS#1) and/or private keys (whose
 * public half is used), like `--service-account-key-file`. Throws AuthSetupError when there is none or one is bad.
 */
export function parseVerificationKeys(pems: string | readonly string[]): SaPublicKey[] {
  const texts = typeof pems === 'string' ? [pems] : pems;
  const out: SaPublicKey[] = [];
  for (const text of texts) {
    for (const block of text.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g) ?? []) {
      let key: KeyObject;
      try {
        key = /PRIVATE KEY-----/.test(block.split('\n')[0]!) ? createPublicKey(createPrivateKey(block)) : createPublicKey(block);
      } catch (err) {
        throw new AuthSetupError('Key', `cannot parse service-account key: ${(err as Error).message}`, { cause: err });
      }
      out.push({ key, alg: algorithmOf(key), kid: keyIdOf(key) });
    }
  }
  if (out.length === 0) throw new AuthSetupError('Key', 'no service-account verification key given');
  return out;
}

/** A signing key from PEM. Throws AuthSetupError when it is not a usable private key. */
export function parseSigningKey(pem: string): { key: KeyObject; alg: SaAlgorithm; kid: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new AuthSetupError('Key', `cannot parse service-account signing key: ${(err as Error).message}`, { cause: err });
  }
  return { key, alg: algorithmOf(key), kid: keyIdOf(key) };
}
