/** Writing responses: JSON bodies, Status errors, and the headers Kubernetes clients expect. */
import type { ServerResponse } from 'node:http';
import { ApiError, internalError, jsonCopy, type Status } from '../../machinery/index.js';
import { objectBodySink } from './local.js';

export function writeJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  // An in-process client that takes objects gets its own copy of a successful answer, not JSON to parse.
  const local = code >= 200 && code < 300 && contentType === 'application/json' ? objectBodySink(res) : undefined;
  if (local) {
    local.endWithObject(code, jsonCopy(body), { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
    return;
  }
  writeRaw(res, code, JSON.stringify(body), contentType);
}

export function writeRaw(res: ServerResponse, code: number, body: string | Buffer, contentType: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': buf.length,
    'Cache-Control': 'no-cache, private',
  });
  res.end(buf);
}

/** Renders any error as a Kubernetes Status (unknown errors become 500 InternalError). */
export function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : internalError(err);
}

export function writeError(res: ServerResponse, err: unknown): ApiError {
  const e = toApiError(err);
  const status: Status = e.toStatus();
  if (e.details?.retryAfterSeconds !== undefined && !res.headersSent) res.setHeader('Retry-After', String(e.details.retryAfterSeconds));
  writeJson(res, e.code, status);
  return e;
}

export function successStatus(details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', ...(details ? { details } : {}), code: 200 };
}
