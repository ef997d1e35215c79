/**
 * Continue tokens for paged lists: base64 of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key after prefix>"}`, the shape
 * kube-apiserver uses. The key is stored relative to the resource prefix so tokens cannot reach other resources.
 */
import { badRequest } from '../../machinery/index.js';

export interface ContinueToken {
  rv: number;
  /** Full storage key of the last item returned. */
  startAfter: string;
}

export function encodeContinue(tok: ContinueToken, resourcePrefix: string): string {
  const start = tok.startAfter.slice(resourcePrefix.length);
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: tok.rv, start })).toString('base64url');
}

export function decodeContinue(s: string, resourcePrefix: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data or JSON');
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (p?.v !== 'meta.k8s.io/v1') throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof p.rv !== 'number' || !Number.isInteger(p.rv) || p.rv <= 0) throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof p.start !== 'string' || p.start.includes('..')) throw badRequest('continue key is not valid: encoded start key is invalid');
  return { rv: p.rv, startAfter: resourcePrefix + p.start };
}
