/**
 * A deterministic content hash of JSON values (md5 over a canonical serialization with sorted keys), used where
 * Kubernetes orders or groups things "by hash" (subsets, ports, endpoint identities). Equal values always hash alike,
 * independent of key order; undefined members are ignored.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export function hashOf(v: unknown): string {
  return createHash('md5').update(canonicalJson(v)).digest('hex');
}
