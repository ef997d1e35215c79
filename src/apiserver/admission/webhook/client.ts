/**
 * One webhook call: build the admission.k8s.io/v1 AdmissionReview, POST it with the webhook's timeout, and verify the
 * answer as Kubernetes' VerifyAdmissionResponse does. Every way the exchange can fail — unreachable, TLS, timeout,
 * non-2xx, not JSON, wrong kind, missing response, wrong uid, patch/patchType mismatch, undecodable patch — throws a
 * WebhookCallError, which the dispatcher turns into a 500 or a warning per failurePolicy. The call never outlives its
 * timeout: an AbortController driven by the injected Clock cancels it.
 */
import type { ValidatingWebhook } from '../../../api/index.js';
import type { Clock, Status } from '../../../machinery/index.js';
import type { AdmissionAttributes } from '../../registry/context.js';
import { WebhookCallError, dryRunUnsupported } from './errors.js';
import type { AdmissionRequest, AdmissionReview, ServiceResolver, WebhookTransport } from './types.js';

/** Kubernetes' default and maximum webhook timeouts (admissionregistration/v1). */
export const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;
export const MAX_WEBHOOK_TIMEOUT_SECONDS = 30;
/** The largest AdmissionReview answer read (the same bound Kubernetes' REST client applies to a response body). */
export const DEFAULT_MAX_RESPONSE_BYTES = 3 * 1024 * 1024;

export interface WebhookClientDeps {
  transport: WebhookTransport;
  resolver: ServiceResolver;
  clock: Clock;
  newUid(): string;
  maxResponseBytes?: number;
}

/** What a valid answer says. `patch` is the decoded JSON Patch (a list), absent when the webhook sent none. */
export interface WebhookResult {
  allowed: boolean;
  status: Partial<Status> | undefined;
  patch: unknown[] | undefined;
  warnings: string[];
}

class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
  constructor() {
    super('context deadline exceeded');
  }
}

/** The effective timeout: timeoutSeconds clamped to [1, 30], default 10. */
export function webhookTimeoutSeconds(hook: Readonly<ValidatingWebhook>): number {
  const t = hook.timeoutSeconds;
  if (typeof t !== 'number' || !Number.isFinite(t)) return DEFAULT_WEBHOOK_TIMEOUT_SECONDS;
  return Math.min(MAX_WEBHOOK_TIMEOUT_SECONDS, Math.max(1, Math.floor(t)));
}

const OPTIONS_KIND = { CREATE: 'CreateOptions', UPDATE: 'UpdateOptions', DELETE: 'DeleteOptions' } as const;

/** CreateV1AdmissionReview. Built-in kinds are served in one version, so kind/resource equal requestKind/Resource. */
export function buildAdmissionRequest(uid: string, attrs: AdmissionAttributes): AdmissionRequest {
  const kind = { group: attrs.group, version: attrs.version, kind: attrs.kind };
  const resource = { group: attrs.group, version: attrs.version, resource: attrs.resource };
  const nsRequest = attrs.group === '' && attrs.resource === 'namespaces';
  const namespace = nsRequest ? attrs.name : attrs.namespace;
  const u = attrs.user;
  const optionsKind = attrs.operation === 'CONNECT' ? undefined : OPTIONS_KIND[attrs.operation];
  return {
    uid,
    kind,
    resource,
    ...(attrs.subresource ? { subResource: attrs.subresource } : {}),
    requestKind: { ...kind },
    requestResource: { ...resource },
    ...(attrs.subresource ? { requestSubResource: attrs.subresource } : {}),
    ...(attrs.name ? { name: attrs.name } : {}),
    ...(namespace ? { namespace } : {}),
    operation: attrs.operation,
    userInfo: u ? { username: u.username, ...(u.uid ? { uid: u.uid } : {}), groups: [...u.groups], ...(u.extra ? { extra: u.extra } : {}) } : { username: '' },
    object: attrs.object,
    oldObject: attrs.oldObject,
    dryRun: attrs.dryRun,
    options: optionsKind ? { kind: optionsKind, apiVersion: 'meta.k8s.io/v1', ...(attrs.dryRun ? { dryRun: ['All'] } : {}) } : null,
  };
}

async function endpoint(hook: Readonly<ValidatingWebhook>, resolver: ServiceResolver): Promise<{ url: URL; serverName?: string }> {
  const cc = hook.clientConfig ?? {};
  if (cc.url) {
    try {
      return { url: new URL(cc.url) };
    } catch (err) {
      throw new WebhookCallError(hook.name, `could not get REST client: invalid url ${JSON.stringify(cc.url)}: ${(err as Error).message}`);
    }
  }
  if (cc.service) {
    const { namespace, name, path } = cc.service;
    const port = cc.service.port ?? 443;
    let url: URL;
    try {
      url = new URL(await resolver.resolve(namespace, name, port));
    } catch (err) {
      throw new WebhookCallError(hook.name, `could not get REST client: ${(err as Error).message}`);
    }
    if (path) url.pathname = path;
    return { url, serverName: `${name}.${namespace}.svc` };
  }
  throw new WebhookCallError(hook.name, 'could not get REST client: webhook has no clientConfig url or service');
}

function decodeCaBundle(hook: Readonly<ValidatingWebhook>): string | undefined {
  const b = hook.clientConfig?.caBundle;
  if (!b) return undefined;
  const pem = Buffer.from(b, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new WebhookCallError(hook.name, 'could not get REST client: caBundle holds no PEM certificate');
  }
  return pem;
}

const INVALID = 'received invalid webhook response: ';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function describeGvk(v: Record<string, unknown>): string {
  const apiVersion = typeof v.apiVersion === 'string' ? v.apiVersion : '';
  const kind = typeof v.kind === 'string' ? v.kind : '';
  const i = apiVersion.indexOf('/');
  const gv = i < 0 ? `/${apiVersion}` : `${apiVersion.slice(0, i)}/${apiVersion.slice(i + 1)}`;
  return `${gv}, Kind=${kind}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * VerifyAdmissionResponse (v1) plus the decoding Go's JSON does implicitly. Returns the WebhookCallError reason text
 * (`received invalid webhook response: ...`, `received undecodable patch ...`) when the answer is unusable.
 */
export function verifyAdmissionResponse(uid: string, mutating: boolean, body: string): WebhookResult | string {
  let review: unknown;
  try {
    review = JSON.parse(body);
  } catch (err) {
    return INVALID + `response is not JSON: ${(err as Error).message}`;
  }
  if (!isRecord(review)) return INVALID + 'response is not a JSON object';
  if (review.apiVersion !== 'admission.k8s.io/v1' || review.kind !== 'AdmissionReview') {
    return INVALID + `expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got ${describeGvk(review)}`;
  }
  const r = review.response;
  if (r === undefined || r === null) return INVALID + 'webhook response was absent';
  if (!isRecord(r)) return INVALID + 'response.response is not an object';
  if (r.uid !== uid) return INVALID + `expected response.uid=${JSON.stringify(uid)}, got ${JSON.stringify(typeof r.uid === 'string' ? r.uid : '')}`;
  if (r.allowed !== undefined && typeof r.allowed !== 'boolean') return INVALID + 'response.allowed is not a boolean';
  if (r.status !== undefined && r.status !== null && !isRecord(r.status)) return INVALID + 'response.status is not an object';
  if (r.warnings !== undefined && r.warnings !== null && (!Array.isArray(r.warnings) || r.warnings.some((w) => typeof w !== 'string'))) {
    return INVALID + 'response.warnings is not a list of strings';
  }
  const hasPatch = r.patch !== undefined && r.patch !== null && r.patch !== '';
  const hasType = r.patchType !== undefined && r.patchType !== null;
  if (hasPatch && (typeof r.patch !== 'string' || !BASE64.test(r.patch))) return INVALID + 'response.patch is not base64 data';
  if (hasType && typeof r.patchType !== 'string') return INVALID + 'response.patchType is not a string';
  if (mutating) {
    if (hasPatch && !hasType) return INVALID + 'webhook returned response.patch but not response.patchType';
    if (!hasPatch && hasType) return INVALID + 'webhook returned response.patchType but not response.patch';
    if (hasType && r.patchType === '') return INVALID + `webhook returned invalid response.patchType of ""`;
    if (hasType && r.patchType !== 'JSONPatch') return `unsupported patch type ${JSON.stringify(r.patchType)}`;
  } else {
    if (hasPatch) return INVALID + 'validating webhook may not return response.patch';
    if (hasType) return INVALID + 'validating webhook may not return response.patchType';
  }
  const result: WebhookResult = {
    allowed: r.allowed === true,
    status: isRecord(r.status) ? (r.status as Partial<Status>) : undefined,
    patch: undefined,
    warnings: Array.isArray(r.warnings) ? [...(r.warnings as string[])] : [],
  };
  if (hasPatch && result.allowed) {
    let ops: unknown;
    try {
      ops = JSON.parse(Buffer.from(r.patch as string, 'base64').toString('utf8'));
    } catch (err) {
      return `received undecodable patch in webhook response: ${(err as Error).message}`;
    }
    if (!Array.isArray(ops) || ops.some((op) => !isRecord(op))) {
      return 'received undecodable patch in webhook response: a JSON Patch is a list of operation objects';
    }
    result.patch = ops;
  }
  return result;
}

/**
 * Calls `hook` for `attrs`. Throws ApiError BadRequest for a dry run the webhook cannot take (sideEffects not
 * None/NoneOnDryRun) and WebhookCallError for every failed exchange; returns the verified answer otherwise.
 */
export async function callWebhook(
  hook: Readonly<ValidatingWebhook>,
  attrs: AdmissionAttributes,
  options: { mutating: boolean; deps: WebhookClientDeps },
): Promise<WebhookResult> {
  const { deps, mutating } = options;
  if (attrs.dryRun) {
    if (hook.sideEffects === undefined) throw new WebhookCallError(hook.name, 'Webhook SideEffects is nil');
    if (hook.sideEffects !== 'None' && hook.sideEffects !== 'NoneOnDryRun') throw dryRunUnsupported(hook.name);
  }
  const versions = hook.admissionReviewVersions ?? ['v1'];
  if (!versions.includes('v1')) {
    throw new WebhookCallError(hook.name, 'could not create admission objects: webhook does not accept known AdmissionReview versions (v1)');
  }
  const { url, serverName } = await endpoint(hook, deps.resolver);
  const ca = decodeCaBundle(hook);
  const timeout = webhookTimeoutSeconds(hook);
  url.searchParams.set('timeout', `${timeout}s`);
  const uid = deps.newUid();
  const review: AdmissionReview = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: buildAdmissionRequest(uid, attrs) };
  const body = JSON.stringify(review);

  const controller = new AbortController();
  const timer = deps.clock.setTimeout(() => controller.abort(new DeadlineExceeded()), timeout * 1000);
  let res;
  try {
    res = await deps.transport.post(url, body, {
      ...(ca !== undefined ? { ca } : {}),
      ...(serverName !== undefined ? { serverName } : {}),
      signal: controller.signal,
      maxResponseBytes: deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    });
  } catch (err) {
    const why = controller.signal.aborted ? 'context deadline exceeded' : (err as Error).message;
    throw new WebhookCallError(hook.name, `failed to call webhook: Post ${JSON.stringify(url.toString())}: ${why}`);
  } finally {
    timer.cancel();
  }
  if (res.status < 200 || res.status > 299) {
    const text = res.body.length > 256 ? `${res.body.slice(0, 256)}...` : res.body;
    throw new WebhookCallError(hook.name, `failed to call webhook: the server responded with HTTP ${res.status}${text ? `: ${text.trim()}` : ''}`);
  }
  const verified = verifyAdmissionResponse(uid, mutating, res.body);
  if (typeof verified === 'string') {
    throw new WebhookCallError(hook.name, verified);
  }
  return verified;
}
