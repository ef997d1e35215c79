/** What both dispatchers share: the dependencies, the webhook order, and how a failed call is handled. */
import type { MutatingWebhook, ValidatingWebhook } from '../../../api/index.js';
import type { Clock } from '../../../machinery/index.js';
import type { AdmissionAttributes } from '../../registry/context.js';
import { addWarning } from '../attributes.js';
import type { NamespaceLookup } from '../namespace-lifecycle.js';
import type { WebhookClientDeps } from './client.js';
import { type WebhookCallError, failClosed } from './errors.js';
import { HttpsTransport } from './transport.js';
import { type ServiceResolver, type WebhookConfigSource, type WebhookTransport, defaultServiceResolver } from './types.js';

export interface WebhookAdmissionDeps {
  source: WebhookConfigSource;
  /** Namespace labels for namespaceSelector. */
  namespaces: NamespaceLookup;
  clock: Clock;
  /** AdmissionReview request uids. */
  newUid(): string;
  /** Defaults to `https://<name>.<namespace>.svc:<port>`. */
  resolver?: ServiceResolver;
  /** Defaults to an HttpsTransport owned by the plugin. */
  transport?: WebhookTransport;
  maxResponseBytes?: number;
}

/** One webhook with a stable identity (`<configuration>/<index>`) for reinvocation bookkeeping. */
export interface OrderedHook<W extends ValidatingWebhook> {
  id: string;
  configuration: string;
  hook: Readonly<W>;
}

/** Kubernetes' order: configurations sorted by name, webhooks in their listed order within each. */
export function orderHooks<W extends ValidatingWebhook>(
  configs: readonly Readonly<{ metadata: { name?: string }; webhooks?: W[] }>[],
): OrderedHook<W>[] {
  const sorted = [...configs].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : a.metadata.name === b.metadata.name ? 0 : 1));
  const out: OrderedHook<W>[] = [];
  for (const c of sorted) {
    const name = c.metadata.name ?? '';
    (c.webhooks ?? []).forEach((hook, i) => out.push({ id: `${name}/${i}`, configuration: name, hook }));
  }
  return out;
}

export function clientDeps(deps: WebhookAdmissionDeps): WebhookClientDeps {
  return {
    transport: deps.transport ?? new HttpsTransport(),
    resolver: deps.resolver ?? defaultServiceResolver,
    clock: deps.clock,
    newUid: () => deps.newUid(),
    ...(deps.maxResponseBytes !== undefined ? { maxResponseBytes: deps.maxResponseBytes } : {}),
  };
}

/**
 * failurePolicy: Ignore lets the request through with a warning naming the webhook and the failure; Fail (the
 * default) rejects it with Kubernetes' 500 `Internal error occurred: failed calling webhook "<name>": <why>`.
 */
export function handleCallFailure(hook: Readonly<ValidatingWebhook | MutatingWebhook>, attrs: AdmissionAttributes, err: WebhookCallError): void {
  if (hook.failurePolicy === 'Ignore') {
    addWarning(attrs, `${err.message} (ignored: failurePolicy is Ignore)`);
    return;
  }
  throw failClosed(err);
}
