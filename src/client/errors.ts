/**
 * Client-side errors. Every non-2xx answer from the API server becomes an ApiError (from machinery), rebuilt from the
 * `Status` body so `isNotFound(err)`, `isConflict(err)` and `isResourceExpired(err)` work exactly as they do on the
 * server side. Failures that are not the server's answer (connection, decoding, bad configuration) are ClientErrors.
 */
import { ApiError, type Status, type StatusDetails, type StatusReason } from '../machinery/index.js';

export type ClientErrorReason =
  /** The connection failed or broke before a complete response arrived. */
  | 'Transport'
  /** A response or watch line was not the JSON it should be. */
  | 'Decode'
  /** A kubeconfig or client option is unusable. */
  | 'InvalidConfig'
  /** A call's arguments cannot form a valid request (e.g. a namespaced object without a namespace). */
  | 'InvalidArgument'
  /** The queue, recorder or elector was used after it was shut down. */
  | 'ShutDown';

export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    readonly reason: ClientErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isClientError(err: unknown, reason?: ClientErrorReason): err is ClientError {
  return err instanceof ClientError && (reason === undefined || err.reason === reason);
}

const KNOWN_REASONS: ReadonlySet<string> = new Set<StatusReason>([
  'NotFound', 'AlreadyExists', 'Conflict', 'Invalid', 'BadRequest', 'Unauthorized', 'Forbidden', 'Gone', 'Expired',
  'MethodNotAllowed', 'NotAcceptable', 'UnsupportedMediaType', 'RequestEntityTooLarge', 'TooManyRequests', 'Timeout',
  'ServerTimeout', 'ServiceUnavailable', 'InternalError', 'Unknown',
]);

/**
 * The reason Kubernetes' NewGenericServerResponse assigns to a bare HTTP code (used when the body carries no reason).
 * A 409 to a POST is AlreadyExists, any other 409 is Conflict.
 */
export function reasonForCode(code: number, method = 'GET'): StatusReason {
  switch (code) {
    case 400: return 'BadRequest';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'NotFound';
    case 405: return 'MethodNotAllowed';
    case 406: return 'NotAcceptable';
    case 409: return method === 'POST' ? 'AlreadyExists' : 'Conflict';
    case 410: return 'Gone';
    case 413: return 'RequestEntityTooLarge';
    case 415: return 'UnsupportedMediaType';
    case 422: return 'Invalid';
    case 429: return 'TooManyRequests';
    case 500: return 'InternalError';
    case 503: return 'ServiceUnavailable';
    case 504: return 'Timeout';
    default: return 'Unknown';
  }
}

/** JSON.parse, but undefined for text that is not JSON. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** True for a metav1.Status object. */
export function isStatusObject(v: unknown): v is Status {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status';
}

/**
 * Rebuilds the ApiError a `Status` describes. `httpCode` is used when the Status has no code; an empty or unknown
 * reason is derived from the code (as client-go's reasonAndCodeForError does), so a bare 404 is still NotFound.
 */
export function apiErrorFromStatus(status: Partial<Status>, options: { httpCode?: number; method?: string } = {}): ApiError {
  const code = typeof status.code === 'number' && status.code > 0 ? status.code : (options.httpCode ?? 500);
  const given = typeof status.reason === 'string' ? status.reason : '';
  const reason: StatusReason = given && KNOWN_REASONS.has(given) ? (given as StatusReason) : reasonForCode(code, options.method);
  const details: StatusDetails | undefined = status.details && typeof status.details === 'object' ? status.details : undefined;
  const message = typeof status.message === 'string' && status.message ? status.message : `the server responded with status ${code}`;
  return new ApiError(code, reason, message, details);
}

/**
 * The ApiError for a non-2xx response. A `Status` body is decoded; anything else becomes a generic error whose
 * message quotes (a bounded prefix of) the body, like client-go's newUnstructuredResponseError.
 */
export function apiErrorFromResponse(code: number, body: string, method: string): ApiError {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    const parsed = parseJsonOrUndefined(trimmed);
    if (isStatusObject(parsed)) return apiErrorFromStatus(parsed, { httpCode: code, method });
  }
  const reason = reasonForCode(code, method);
  const snippet = trimmed.length > 512 ? `${trimmed.slice(0, 512)}...` : trimmed;
  const message = snippet ? `the server responded with status ${code} (${reason}): ${snippet}` : `the server responded with status ${code} (${reason})`;
  return new ApiError(code, reason, message);
}
