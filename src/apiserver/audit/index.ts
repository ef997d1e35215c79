/** Audit logging: audit.k8s.io/v1 Events, one JSON line per request. */
export { AuditLogger, fileAuditSink, type AuditLoggerOptions, type AuditSink } from './logger.js';
export {
  AUDIT_LEVELS,
  LATENCY_ANNOTATION,
  buildAuditEvent,
  goDuration,
  isAuditLevel,
  microTime,
  type AuditEntry,
  type AuditEvent,
  type AuditLevel,
  type AuditObjectRef,
  type AuditUser,
} from './event.js';
