/** Dynamic admission: MutatingWebhookConfiguration and ValidatingWebhookConfiguration dispatch (admission.k8s.io/v1). */
export { mutatingWebhooks, MUTATING_WEBHOOK_PLUGIN } from './mutating.js';
export { validatingWebhooks, VALIDATING_WEBHOOK_PLUGIN } from './validating.js';
export type { WebhookAdmissionDeps } from './hooks.js';
export {
  DEFAULT_WEBHOOK_TIMEOUT_SECONDS,
  MAX_WEBHOOK_TIMEOUT_SECONDS,
  buildAdmissionRequest,
  verifyAdmissionResponse,
  webhookTimeoutSeconds,
  type WebhookResult,
} from './client.js';
export { WebhookCallError, WebhookRejection, isWebhookCallError } from './errors.js';
export { isExemptFromWebhooks, ruleMatches, shouldCallHook } from './match.js';
export { HttpsTransport, WebhookTransportError } from './transport.js';
export {
  defaultServiceResolver,
  type AdmissionRequest,
  type AdmissionResponse,
  type AdmissionReview,
  type ServiceResolver,
  type WebhookConfigSource,
  type WebhookHttpResponse,
  type WebhookPostOptions,
  type WebhookTransport,
} from './types.js';
