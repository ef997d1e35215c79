/**
 * Issuing bound service-account tokens (the TokenRequest subresource), with the claims Kubernetes puts in them:
 * iss, sub, aud, iat, nbf, exp, jti and the private `kubernetes.io` claim {namespace, serviceaccount {name, uid},
 * pod? {name, uid}}; signed RS256 (RSA key) or ES256/ES384 (EC key), header `kid` = Kubernetes' key id.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { type Clock, realClock } from '../../machinery/index.js';
import { AuthSetupError } from './errors.js';
import { parseSigningKey } from './sa-keys.js';

/** kube-apiserver's usual `--service-account-issuer` (and so the default API audience). */
export const DEFAULT_SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export const SERVICE_ACCOUNT_USERNAME_PREFIX = 'system:serviceaccount:';

/** `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USERNAME_PREFIX}${namespace}:${name}`;
}

export interface ObjectRef {
  name: string;
  uid: string;
}

/** The `kubernetes.io` private claim. */
export interface KubernetesClaims {
  namespace: string;
  serviceaccount: ObjectRef;
  pod?: ObjectRef;
}

export interface IssueServiceAccountTokenOptions {
  /** PEM private key (sa.key). */
  privateKey: string;
  issuer: string;
  /** `aud`; TokenRequest defaults it to the API server's audiences. */
  audiences: readonly string[];
  namespace: string;
  /** The ServiceAccount's name and uid. */
  name: string;
  uid: string;
  expirationSeconds: number;
  /** The pod the token is bound to (TokenRequest `boundObjectRef` of kind Pod). */
  boundPod?: ObjectRef;
  clock?: Clock;
  /** The `jti` (default: a random UUID). */
  newId?: () => string;
}

export interface IssuedToken {
  token: string;
  /** RFC 3339 (seconds), for TokenRequest `status.expirationTimestamp`. */
  expirationTimestamp: string;
}

/** Signs a token; the same inputs at the same clock time and id give the same token. */
export async function issueServiceAccountToken(o: IssueServiceAccountTokenOptions): Promise<IssuedToken> {
  if (!Number.isInteger(o.expirationSeconds) || o.expirationSeconds <= 0) {
    throw new AuthSetupError('Argument', `expirationSeconds must be a positive integer, got ${o.expirationSeconds}`);
  }
  if (!o.namespace || !o.name) throw new AuthSetupError('Argument', 'a service-account token needs a namespace and a name');
  const { key, alg, kid } = parseSigningKey(o.privateKey);
  const now = Math.floor((o.clock ?? realClock).now() / 1000);
  const exp = now + o.expirationSeconds;
  const k8s: KubernetesClaims = { namespace: o.namespace, serviceaccount: { name: o.name, uid: o.uid } };
  if (o.boundPod) k8s.pod = { name: o.boundPod.name, uid: o.boundPod.uid };
  const token = await new SignJWT({
    aud: [...o.audiences],
    exp,
    iat: now,
    iss: o.issuer,
    jti: (o.newId ?? randomUUID)(),
    'kubernetes.io': k8s,
    nbf: now,
    sub: serviceAccountUsername(o.namespace, o.name),
  })
    .setProtectedHeader({ alg, kid })
    .sign(key);
  return { token, expirationTimestamp: new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
