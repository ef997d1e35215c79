/**
 * ReplicaSet orderings and filters from kubernetes pkg/controller/controller_utils.go. Orderings are total
 * (creation time, then name) so sorting is deterministic; inputs are never modified — every function returns a new
 * array. Times compare at the precision the API server stores (seconds).
 */
import type { ReplicaSet } from '../../api/index.js';
import { ApiError } from '../../machinery/index.js';
import { timeMs } from './pods.js';

/** spec.replicas with the API default (1). */
export function specReplicas(rs: Readonly<ReplicaSet> | undefined): number {
  return rs?.spec?.replicas ?? 1;
}

/** ReplicaSetsByCreationTimestamp: older first, then by name. */
export function compareByCreationTimestamp(a: Readonly<ReplicaSet>, b: Readonly<ReplicaSet>): number {
  const ta = timeMs(a.metadata.creationTimestamp) ?? 0;
  const tb = timeMs(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export function sortByCreationTimestamp<R extends Readonly<ReplicaSet>>(rss: readonly R[]): R[] {
  return [...rss].sort(compareByCreationTimestamp);
}

/** ReplicaSetsBySizeOlder: larger first; equal sizes older first. */
export function sortBySizeOlder<R extends Readonly<ReplicaSet>>(rss: readonly R[]): R[] {
  return [...rss].sort((a, b) => specReplicas(b) - specReplicas(a) || compareByCreationTimestamp(a, b));
}

/** ReplicaSetsBySizeNewer: larger first; equal sizes newer first. */
export function sortBySizeNewer<R extends Readonly<ReplicaSet>>(rss: readonly R[]): R[] {
  return [...rss].sort((a, b) => specReplicas(b) - specReplicas(a) || compareByCreationTimestamp(b, a));
}

/** FilterActiveReplicaSets: the ones with spec.replicas > 0 (undefined entries dropped). */
export function filterActiveReplicaSets<R extends Readonly<ReplicaSet>>(rss: ReadonlyArray<R | undefined>): R[] {
  return rss.filter((rs): rs is R => rs !== undefined && specReplicas(rs) > 0);
}

/** metav1.Time as the API server writes it: RFC 3339, whole seconds, UTC. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** errors.HasStatusCause: the ApiError's details name a cause with this reason (e.g. `NamespaceTerminating`). */
export function hasStatusCause(err: unknown, cause: string): boolean {
  return err instanceof ApiError && (err.details?.causes ?? []).some((c) => c.reason === cause);
}

/** v1.NamespaceTerminatingCause. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/**
 * Go's `omitempty` for the integer fields of a status: a 0 is left out, as Kubernetes serializes it. Returns a copy.
 */
export function omitZero<S extends object>(status: S, keys: readonly (keyof S)[]): S {
  const out = { ...status };
  for (const k of keys) if (out[k] === 0) delete out[k];
  return out;
}
