/**
 * The seams of webhook admission (where configurations, services and bytes come from) and the admission.k8s.io/v1
 * AdmissionReview wire types.
 */
import type {
  GroupVersionKind,
  GroupVersionResource,
  KubeObject,
  MutatingWebhookConfiguration,
  ValidatingWebhookConfiguration,
} from '../../../api/index.js';
import type { Status } from '../../../machinery/index.js';

/** The webhook configurations currently stored; the lead backs it with the watch caches. Results are read-only. */
export interface WebhookConfigSource {
  mutating(): readonly Readonly<MutatingWebhookConfiguration>[];
  validating(): readonly Readonly<ValidatingWebhookConfiguration>[];
}

/**
 * Kubernetes' ServiceResolver: where `clientConfig.service` lives. The default resolver answers
 * `https://<name>.<namespace>.svc:<port>`; skiff's resolves to an endpoint address. The TLS server name is always
 * `<name>.<namespace>.svc`, whatever the URL's host.
 */
export interface ServiceResolver {
  resolve(namespace: string, name: string, port: number): URL | Promise<URL>;
}

/** The DNS-name resolver Kubernetes uses when none is configured. */
export const defaultServiceResolver: ServiceResolver = {
  resolve: (namespace, name, port) => new URL(`https://${name}.${namespace}.svc:${port}`),
};

export interface WebhookPostOptions {
  /** PEM certificates to trust instead of the system store (the decoded caBundle). */
  ca?: string;
  /** The name the server certificate must carry (SNI and verification); defaults to the URL's host. */
  serverName?: string;
  /** Aborts the request: connect, send and receive. */
  signal: AbortSignal;
  /** Largest accepted response body; larger bodies fail the call. */
  maxResponseBytes: number;
}

export interface WebhookHttpResponse {
  status: number;
  body: string;
}

/** Sends one AdmissionReview. Rejects (any Error) when the exchange fails; a non-2xx answer is a response, not an error. */
export interface WebhookTransport {
  post(url: URL, body: string, options: WebhookPostOptions): Promise<WebhookHttpResponse>;
}

export interface AdmissionUserInfo {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** admission.k8s.io/v1 AdmissionRequest. */
export interface AdmissionRequest {
  uid: string;
  kind: GroupVersionKind;
  resource: GroupVersionResource;
  subResource?: string;
  requestKind: GroupVersionKind;
  requestResource: GroupVersionResource;
  requestSubResource?: string;
  name?: string;
  namespace?: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  userInfo: AdmissionUserInfo;
  object: KubeObject | null;
  oldObject: KubeObject | null;
  dryRun: boolean;
  options: Record<string, unknown> | null;
}

/** admission.k8s.io/v1 AdmissionResponse, as far as skiff reads it. */
export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: Partial<Status>;
  /** base64 of a JSON Patch. */
  patch?: string;
  patchType?: string;
  auditAnnotations?: Record<string, string>;
  warnings?: string[];
}

export interface AdmissionReview {
  apiVersion: 'admission.k8s.io/v1';
  kind: 'AdmissionReview';
  request?: AdmissionRequest;
  response?: AdmissionResponse;
}
