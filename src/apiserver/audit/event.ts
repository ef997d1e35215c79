/**
 * audit.k8s.io/v1 Event: what one request looked like once its response was sent (stage ResponseComplete). Pure; the
 * logger decides where the JSON goes.
 */

/** Kubernetes' audit levels, least to most detailed. */
export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';

export const AUDIT_LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

export function isAuditLevel(v: unknown): v is AuditLevel {
  return typeof v === 'string' && (AUDIT_LEVELS as readonly string[]).includes(v);
}

export interface AuditUser {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

/** What the server knows about a finished request; the logger turns it into an Event. */
export interface AuditEntry {
  /** Defaults to a fresh id from the logger. Clients see it as the Audit-Id response header. */
  auditID?: string;
  requestURI: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection, or the HTTP method lowercased. */
  verb: string;
  user?: AuditUser;
  impersonatedUser?: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  /** The response code, plus for failures the Status' status/reason/message. */
  responseStatus: { code: number; status?: string; reason?: string; message?: string };
  /** When the request arrived, milliseconds since the epoch. */
  requestReceivedAt: number;
  /** When the response completed (default: the logger's clock at `log`). */
  completedAt?: number;
  /** Logged at level Request and RequestResponse. */
  requestObject?: unknown;
  /** Logged at level RequestResponse. */
  responseObject?: unknown;
  annotations?: Record<string, string>;
  /** Overrides the logger's level for this request. */
  level?: AuditLevel;
}

export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: Exclude<AuditLevel, 'None'>;
  auditID: string;
  stage: 'ResponseComplete';
  requestURI: string;
  verb: string;
  user: AuditUser;
  impersonatedUser?: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus: { metadata: Record<string, never>; code: number; status?: string; reason?: string; message?: string };
  requestObject?: unknown;
  responseObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

/** The annotation carrying the request's total latency, as a Go duration (Kubernetes' apiserver.latency.k8s.io/*). */
export const LATENCY_ANNOTATION = 'apiserver.latency.k8s.io/total';

/** metav1.MicroTime: RFC 3339 with six fractional digits, UTC. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Go's time.Duration.String() for a whole number of milliseconds: `0s`, `12ms`, `1.5s`, `2m3.004s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  const d = Math.max(0, Math.round(ms));
  if (d === 0) return '0s';
  if (d < 1000) return `${d}ms`;
  const trim = (s: string) => s.replace(/\.?0+$/, '');
  const h = Math.floor(d / 3_600_000);
  const m = Math.floor((d % 3_600_000) / 60_000);
  const s = trim(((d % 60_000) / 1000).toFixed(3));
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

function rank(level: AuditLevel): number {
  return AUDIT_LEVELS.indexOf(level);
}

/** The Event for `entry` at `level` (None yields undefined), with ids and times filled in by the caller. */
export function buildAuditEvent(entry: AuditEntry, options: { level: AuditLevel; auditID: string; completedAt: number }): AuditEvent | undefined {
  const level = options.level;
  if (level === 'None') return undefined;
  const { code, status, reason, message } = entry.responseStatus;
  const event: AuditEvent = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level,
    auditID: options.auditID,
    stage: 'ResponseComplete',
    requestURI: entry.requestURI,
    verb: entry.verb,
    user: entry.user ?? { username: 'system:anonymous', groups: ['system:unauthenticated'] },
    ...(entry.impersonatedUser ? { impersonatedUser: entry.impersonatedUser } : {}),
    ...(entry.sourceIPs?.length ? { sourceIPs: entry.sourceIPs } : {}),
    ...(entry.userAgent ? { userAgent: entry.userAgent } : {}),
    ...(entry.objectRef ? { objectRef: entry.objectRef } : {}),
    responseStatus: { metadata: {}, code, ...(status ? { status } : {}), ...(reason ? { reason } : {}), ...(message ? { message } : {}) },
    ...(rank(level) >= rank('Request') && entry.requestObject !== undefined ? { requestObject: entry.requestObject } : {}),
    ...(level === 'RequestResponse' && entry.responseObject !== undefined ? { responseObject: entry.responseObject } : {}),
    requestReceivedTimestamp: microTime(entry.requestReceivedAt),
    stageTimestamp: microTime(options.completedAt),
    annotations: { ...entry.annotations, [LATENCY_ANNOTATION]: goDuration(options.completedAt - entry.requestReceivedAt) },
  };
  return event;
}
