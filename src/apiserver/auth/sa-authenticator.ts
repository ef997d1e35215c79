/**
 * Service-account token authentication, as Kubernetes' JWT token authenticator with its service-account validator:
 * a token is this authenticator's business only when it is a compact JWS whose (unverified) `iss` is ours; then its
 * signature, issuer, audience, time window and `kubernetes.io` claims must hold, and (with a lookup) the
 * ServiceAccount and bound Pod must still exist with the uids the token names.
 */
import { compactVerify, decodeProtectedHeader } from 'jose';
import { type Clock, realClock } from '../../machinery/index.js';
import type { UserInfo } from '../registry/context.js';
import { AuthenticationFailed, describe } from './errors.js';
import { parseVerificationKeys, type SaPublicKey } from './sa-keys.js';
import { type KubernetesClaims, type ObjectRef, serviceAccountUsername } from './sa-token.js';
import { bearerAuthenticator, type TokenAuthenticator } from './token-file.js';

/** go-jose's DefaultLeeway: exp, nbf and iat are checked with this much slack, and deletions this old count. */
const LEEWAY_S = 60;

export const POD_NAME_EXTRA = 'authentication.kubernetes.io/pod-name';
export const POD_UID_EXTRA = 'authentication.kubernetes.io/pod-uid';
export const CREDENTIAL_ID_EXTRA = 'authentication.kubernetes.io/credential-id';

/** What a lookup returns: any object with metadata (a KubeObject fits). */
export interface LookedUpObject {
  metadata?: { uid?: string; deletionTimestamp?: string };
}

/** Current state of the objects a token names. Return null for "not found"; a thrown error also refuses the token. */
export interface ServiceAccountLookup {
  serviceAccount(namespace: string, name: string): Promise<LookedUpObject | null>;
  pod(namespace: string, name: string): Promise<LookedUpObject | null>;
}

export interface ServiceAccountTokenAuthenticatorOptions {
  /** PEM verification keys (sa.pub; private keys are accepted too). Several allow key rotation. */
  publicKey: string | readonly string[];
  /** Accepted `iss` value(s); tokens from other issuers are left to other authenticators. */
  issuer: string | readonly string[];
  /** The API server's audiences (`--api-audiences`): a token must name one of them, or none (legacy). */
  audiences: readonly string[];
  lookup?: ServiceAccountLookup;
  clock?: Clock;
}

/**
 * Authenticates service-account JWTs. The user: `system:serviceaccount:<ns>:<name>`, uid = the ServiceAccount's uid,
 * groups `system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`; for pod-bound tokens
 * `extra` carries the pod name and uid, and the `jti` as credential id. Refusals are 401s with Kubernetes' reasons in
 * `causes` (e.g. "service account token has expired").
 */
export function serviceAccountTokenAuthenticator(o: ServiceAccountTokenAuthenticatorOptions): TokenAuthenticator {
  const keys = parseVerificationKeys(o.publicKey);
  const issuers = new Set(typeof o.issuer === 'string' ? [o.issuer] : o.issuer);
  const clock = o.clock ?? realClock;
  return bearerAuthenticator((token) => verify(token, { keys, issuers, audiences: o.audiences, lookup: o.lookup, clock }));
}

interface VerifyContext {
  keys: readonly SaPublicKey[];
  issuers: ReadonlySet<string>;
  audiences: readonly string[];
  lookup: ServiceAccountLookup | undefined;
  clock: Clock;
}

const refuse = (why: string) => new AuthenticationFailed([why]);

async function verify(token: string, c: VerifyContext): Promise<UserInfo | null> {
  if (!hasIssuer(token, c.issuers)) return null;
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch (err) {
    // Not a parseable JWS: like go-jose's ParseSigned failing, the token is not ours to judge.
    if (err instanceof Error) return null;
    throw err;
  }
  const candidates = kid ? c.keys.filter((k) => k.kid === kid) : c.keys;
  if (candidates.length === 0) throw refuse('invalid signature, no keys found');
  let payload: Uint8Array | undefined;
  const errors: string[] = [];
  for (const k of candidates) {
    try {
      payload = (await compactVerify(token, k.key, { algorithms: [k.alg] })).payload;
      break;
    } catch (err) {
      errors.push(describe(err));
    }
  }
  if (!payload) throw new AuthenticationFailed(errors);

  const claims = parseClaims(payload);
  if (typeof claims.iss !== 'string' || !c.issuers.has(claims.iss)) throw refuse(`token issuer ${JSON.stringify(claims.iss ?? '')} is invalid`);
  checkAudience(claims.aud, c.audiences);
  checkTimes(claims, c.clock.now() / 1000);
  const k8s = kubernetesClaims(claims['kubernetes.io']);
  if (c.lookup) await checkStillValid(k8s, c.lookup, c.clock.now() - LEEWAY_S * 1000);

  const user: UserInfo = {
    username: serviceAccountUsername(k8s.namespace, k8s.serviceaccount.name),
    groups: ['system:serviceaccounts', `system:serviceaccounts:${k8s.namespace}`],
  };
  if (k8s.serviceaccount.uid) user.uid = k8s.serviceaccount.uid;
  const extra: Record<string, string[]> = {};
  if (k8s.pod?.name && k8s.pod.uid) {
    extra[POD_NAME_EXTRA] = [k8s.pod.name];
    extra[POD_UID_EXTRA] = [k8s.pod.uid];
  }
  if (typeof claims.jti === 'string' && claims.jti !== '') extra[CREDENTIAL_ID_EXTRA] = [`JTI=${claims.jti}`];
  if (Object.keys(extra).length > 0) user.extra = extra;
  return user;
}

/** Kubernetes' hasCorrectIssuer: three dot-separated parts whose middle one decodes to JSON with one of our `iss`. */
function hasIssuer(token: string, issuers: ReadonlySet<string>): boolean {
  if (token.trim().startsWith('{')) return false;
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]*$/.test(parts[1]!) || parts[1]!.length % 4 === 1) return false;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    const iss = (claims as { iss?: unknown } | null)?.iss;
    return typeof iss === 'string' && issuers.has(iss);
  } catch (err) {
    // Not JSON: not a token of ours.
    if (err instanceof SyntaxError) return false;
    throw err;
  }
}

type Claims = Record<string, unknown>;

function parseClaims(payload: Uint8Array): Claims {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (err) {
    throw refuse(`malformed token claims: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw refuse('malformed token claims: not a JSON object');
  return v as Claims;
}

function checkAudience(aud: unknown, apiAudiences: readonly string[]): void {
  let tokenAuds: string[];
  if (aud === undefined || aud === null) tokenAuds = [];
  else if (typeof aud === 'string') tokenAuds = [aud];
  else if (Array.isArray(aud) && aud.every((a) => typeof a === 'string')) tokenAuds = aud as string[];
  else throw refuse('malformed token claims: aud is neither a string nor a list of strings');
  // A token without audiences (legacy) is for the API server itself.
  if (tokenAuds.length === 0) tokenAuds = [...apiAudiences];
  if (apiAudiences.length > 0 && !tokenAuds.some((a) => apiAudiences.includes(a))) {
    throw refuse(`token audiences ${goQuoteList(tokenAuds)} is invalid for the target audiences ${goQuoteList(apiAudiences)}`);
  }
}

function checkTimes(claims: Claims, nowS: number): void {
  const num = (name: string): number | undefined => {
    const v = claims[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw refuse(`malformed token claims: ${name} is not a number`);
    return v;
  };
  const nbf = num('nbf');
  const exp = num('exp');
  const iat = num('iat');
  if (nbf !== undefined && nowS + LEEWAY_S < nbf) throw refuse('service account token is not valid yet');
  if (exp !== undefined && nowS - LEEWAY_S > exp) throw refuse('service account token has expired');
  if (iat !== undefined && nowS + LEEWAY_S < iat) {
    throw refuse('service account token claims could not be validated due to unexpected validation error');
  }
}

function kubernetesClaims(v: unknown): KubernetesClaims {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const ref = (r: unknown): ObjectRef | undefined => {
    if (typeof r !== 'object' || r === null) return undefined;
    const { name, uid } = r as Record<string, unknown>;
    return { name: typeof name === 'string' ? name : '', uid: typeof uid === 'string' ? uid : '' };
  };
  const namespace = typeof o.namespace === 'string' ? o.namespace : '';
  const sa = ref(o.serviceaccount);
  if (!namespace || !sa?.name) throw refuse('service account token does not name a namespace and service account in its kubernetes.io claim');
  const out: KubernetesClaims = { namespace, serviceaccount: sa };
  const pod = ref(o.pod);
  if (pod) out.pod = pod;
  return out;
}

async function checkStillValid(k: KubernetesClaims, lookup: ServiceAccountLookup, deletedBeforeMs: number): Promise<void> {
  const { namespace } = k;
  const saName = k.serviceaccount.name;
  const deletedLongAgo = (o: LookedUpObject) => {
    const ts = o.metadata?.deletionTimestamp;
    return ts !== undefined && Date.parse(ts) < deletedBeforeMs;
  };
  let sa: LookedUpObject | null;
  try {
    sa = await lookup.serviceAccount(namespace, saName);
  } catch (err) {
    throw refuse(describe(err));
  }
  if (!sa) throw refuse(`serviceaccounts "${saName}" not found`);
  if (deletedLongAgo(sa)) throw refuse(`service account ${namespace}/${saName} has been deleted`);
  const saUid = sa.metadata?.uid ?? '';
  if (saUid !== k.serviceaccount.uid) throw refuse(`service account UID (${saUid}) does not match claim (${k.serviceaccount.uid})`);
  if (!k.pod) return;
  let pod: LookedUpObject | null;
  try {
    pod = await lookup.pod(namespace, k.pod.name);
  } catch (err) {
    throw refuse(`service account token has been invalidated: ${describe(err)}`);
  }
  if (!pod || deletedLongAgo(pod)) throw refuse('service account token has been invalidated');
  const podUid = pod.metadata?.uid ?? '';
  if (podUid !== k.pod.uid) throw refuse(`pod UID (${podUid}) does not match service account pod ref claim (${k.pod.uid})`);
}

/** Go's %q of a []string: `["a" "b"]`. */
function goQuoteList(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(' ')}]`;
}
