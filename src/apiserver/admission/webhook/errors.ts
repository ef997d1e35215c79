/**
 * The two ways a webhook call ends badly, as Kubernetes tells them apart: the call failed (ErrCallingWebhook — the
 * failurePolicy decides) or the webhook answered "no" (a rejection — always returned to the client).
 */
import { ApiError, type Status, type StatusDetails, type StatusReason, badRequest, internalError } from '../../../machinery/index.js';

/**
 * ErrCallingWebhook: the webhook could not be reached, timed out, or answered something that is not a valid
 * AdmissionReview. Its message is Kubernetes' `failed calling webhook "<name>": <reason>`.
 */
export class WebhookCallError extends Error {
  override readonly name = 'WebhookCallError';
  constructor(
    readonly webhookName: string,
    readonly reason: string,
  ) {
    super(`failed calling webhook ${JSON.stringify(webhookName)}: ${reason}`);
  }
}

export function isWebhookCallError(err: unknown): err is WebhookCallError {
  return err instanceof WebhookCallError;
}

/** The 500 a failing call becomes under failurePolicy Fail (`Internal error occurred: failed calling webhook ...`). */
export function failClosed(err: WebhookCallError): ApiError {
  return internalError(err);
}

const KNOWN_REASONS = new Set<string>([
  'NotFound', 'AlreadyExists', 'Conflict', 'Invalid', 'BadRequest', 'Unauthorized', 'Forbidden', 'Gone', 'Expired',
  'MethodNotAllowed', 'NotAcceptable', 'UnsupportedMediaType', 'RequestEntityTooLarge', 'TooManyRequests', 'Timeout',
  'ServerTimeout', 'ServiceUnavailable', 'InternalError',
]);

/**
 * A webhook's denial. `toStatus()` returns the webhook's own Status (its reason verbatim, even one skiff does not
 * know), with the message prefixed as Kubernetes' ToStatusErr does.
 */
export class WebhookRejection extends ApiError {
  readonly webhookReason: string;
  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(code, (KNOWN_REASONS.has(reason) ? reason : 'Unknown') as StatusReason, message, details);
    this.webhookReason = reason;
  }

  override toStatus(): Status {
    const s = super.toStatus();
    s.reason = this.webhookReason;
    return s;
  }
}

/**
 * ToStatusErr: `admission webhook "<name>" denied the request: <message or reason>` (or `... denied the request
 * without explanation`). Codes below 400 become 400.
 */
export function webhookDenied(webhookName: string, status: Partial<Status> | undefined): WebhookRejection {
  const deniedBy = `admission webhook ${JSON.stringify(webhookName)} denied the request`;
  const code = typeof status?.code === 'number' && status.code >= 400 && status.code <= 599 ? status.code : 400;
  const reason = typeof status?.reason === 'string' ? status.reason : '';
  const msg = typeof status?.message === 'string' ? status.message : '';
  const message = msg ? `${deniedBy}: ${msg}` : reason ? `${deniedBy}: ${reason}` : `${deniedBy} without explanation`;
  const details = status?.details && typeof status.details === 'object' ? status.details : undefined;
  return new WebhookRejection(code, reason, message, details);
}

/** NewDryRunUnsupportedErr: a dry-run request reached a webhook whose sideEffects are not None/NoneOnDryRun. */
export function dryRunUnsupported(webhookName: string): ApiError {
  return badRequest(`admission webhook ${JSON.stringify(webhookName)} does not support dry run`);
}
