/**
 * Client-certificate authentication, as Kubernetes' x509 authenticator: a verified client certificate names the user
 * in its subject CN and the groups in its O values. Needs a TLS server that requests (but does not require) client
 * certificates: `requestCert: true, rejectUnauthorized: false, ca: <CA>` (what `tlsServerOptions` returns).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as x509 from '@peculiar/x509';
import { type Clock, realClock } from '../../machinery/index.js';
import type { Authenticator } from '../server.js';
import type { UserInfo } from '../registry/context.js';
import { CLIENT_AUTH_OID, extendedKeyUsages, isSignedBy, parseCertificate } from './certs.js';
import { peerCertificate, type PeerCertificate } from './credentials.js';
import { AuthSetupError, AuthenticationFailed, describe } from './errors.js';
import { withAuthenticatedGroup } from './union.js';

const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

export interface X509AuthenticatorOptions {
  clock?: Clock;
}

/** The certificates of a PEM bundle; throws AuthSetupError when there is none or one is malformed. */
export function parseCaBundle(pem: string): x509.X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new AuthSetupError('Pki', 'the CA bundle holds no PEM certificate');
  return blocks.map((b, i) => parseCertificate(b, `CA bundle certificate ${i + 1}`));
}

/**
 * Authenticates requests by client certificate. A request without one (or not over TLS) is not this authenticator's
 * business (null). A certificate is accepted only when the TLS layer verified it (`socket.authorized`) and it is also
 * signed directly by a CA of `caPem`, valid now (per `clock`) and allowed for client authentication (an extended key
 * usage of clientAuth or any, or none at all); otherwise 401, the reason in `causes` worded like Go's x509 errors.
 * A verified certificate with an empty CN is not a user (null), as in Kubernetes.
 * The user: CN as username, the O values as groups, plus `system:authenticated`.
 */
export function x509Authenticator(caPem: string, opts: X509AuthenticatorOptions = {}): Authenticator {
  const cas = parseCaBundle(caPem);
  const clock = opts.clock ?? realClock;
  // Verified certificates, by their DER bytes (as Kubernetes caches verification by chain hash): parsing and
  // signature checks cost far more than a request; a cached answer is reused only while the certificate is valid.
  const verified = new Map<string, { user: UserInfo | null; notAfter: number }>();
  return {
    async authenticate(req: IncomingMessage): Promise<UserInfo | null> {
      const peer = peerCertificate(req);
      if (!peer) return null;
      const now = clock.now();
      const key = peer.authorized ? digestOf(peer.raw) : '';
      const hit = key ? verified.get(key) : undefined;
      if (hit && now <= hit.notAfter) return hit.user && { ...hit.user, groups: [...hit.user.groups] };
      try {
        const user = await verifyPeer(peer, cas, now);
        if (key) {
          if (verified.size >= 4096) verified.delete(verified.keys().next().value!);
          const notAfter = new x509.X509Certificate(new Uint8Array(peer.raw)).notAfter.getTime();
          verified.set(key, { user, notAfter });
        }
        return user;
      } catch (err) {
        if (err instanceof AuthenticationFailed) throw err;
        // @peculiar/x509 parses extensions and names lazily, so a malformed certificate can fail at any step.
        throw new AuthenticationFailed([`verifying certificate failed: x509: malformed certificate: ${describe(err)}`]);
      }
    },
  };
}

/** SHA-256 of a certificate's DER, memoised per buffer (peerCertificate hands out one buffer per connection). */
const digests = new WeakMap<Buffer, string>();
function digestOf(raw: Buffer): string {
  let d = digests.get(raw);
  if (d === undefined) digests.set(raw, (d = createHash('sha256').update(raw).digest('base64')));
  return d;
}

async function verifyPeer(peer: PeerCertificate, cas: readonly x509.X509Certificate[], now: number): Promise<UserInfo | null> {
  const cert = new x509.X509Certificate(new Uint8Array(peer.raw));
  const failed = (why: string) => new AuthenticationFailed([`verifying certificate ${certificateIdentifier(cert)} failed: ${why}`]);
  if (!peer.authorized) {
    throw failed(`x509: certificate not verified by the TLS layer (${peer.authorizationError ?? 'no client CA configured'})`);
  }
  let signed = false;
  for (const ca of cas) if (ca.subject === cert.issuer && (await isSignedBy(cert, ca))) signed = true;
  if (!signed) throw failed('x509: certificate signed by unknown authority');
  if (now < cert.notBefore.getTime() || now > cert.notAfter.getTime()) {
    throw failed(`x509: certificate has expired or is not yet valid: current time ${new Date(now).toISOString()} is outside ${cert.notBefore.toISOString()} – ${cert.notAfter.toISOString()}`);
  }
  const ekus = extendedKeyUsages(cert);
  if (ekus && !ekus.includes(CLIENT_AUTH_OID) && !ekus.includes(ANY_EXTENDED_KEY_USAGE)) {
    throw failed('x509: certificate specifies an incompatible key usage');
  }
  const cn = cert.subjectName.getField('CN')[0] ?? '';
  if (cn === '') return null;
  return withAuthenticatedGroup({ username: cn, groups: cert.subjectName.getField('O') });
}

/** Kubernetes' certificateIdentifier: `SN=<decimal serial>, SKID=AA:BB:.., AKID=AA:BB:..`. */
function certificateIdentifier(cert: x509.X509Certificate): string {
  try {
    return identifierOf(cert);
  } catch (err) {
    return `SN=?, SKID=?, AKID=? (unreadable: ${describe(err)})`;
  }
}

function identifierOf(cert: x509.X509Certificate): string {
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? '';
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId ?? '';
  const serial = /^[0-9a-fA-F]+$/.test(cert.serialNumber) ? BigInt(`0x${cert.serialNumber}`).toString() : cert.serialNumber;
  return `SN=${serial}, SKID=${colonHex(ski)}, AKID=${colonHex(aki)}`;
}

function colonHex(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}
