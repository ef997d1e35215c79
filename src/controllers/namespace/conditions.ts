/**
 * The status conditions the namespace controller maintains on a terminating namespace
 * (pkg/controller/namespace/deletion status_condition_utils.go), as pure functions. Every sync sets all five types:
 * the failure variant (status True) when something went wrong, the "ok" variant (status False) otherwise.
 */
import type { Namespace } from '../../api/index.js';

export type NamespaceCondition = NonNullable<NonNullable<Namespace['status']>['conditions']>[number];

export const NamespaceDeletionDiscoveryFailure = 'NamespaceDeletionDiscoveryFailure';
export const NamespaceDeletionGVParsingFailure = 'NamespaceDeletionGroupVersionParsingFailure';
export const NamespaceDeletionContentFailure = 'NamespaceDeletionContentFailure';
export const NamespaceContentRemaining = 'NamespaceContentRemaining';
export const NamespaceFinalizersRemaining = 'NamespaceFinalizersRemaining';

export const CONDITION_TYPES = [
  NamespaceDeletionDiscoveryFailure,
  NamespaceDeletionGVParsingFailure,
  NamespaceDeletionContentFailure,
  NamespaceContentRemaining,
  NamespaceFinalizersRemaining,
] as const;

const OK: Record<(typeof CONDITION_TYPES)[number], { reason: string; message: string }> = {
  [NamespaceDeletionDiscoveryFailure]: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  [NamespaceDeletionGVParsingFailure]: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  [NamespaceDeletionContentFailure]: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  [NamespaceContentRemaining]: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  [NamespaceFinalizersRemaining]: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

/** What one deletion pass found; the input of the conditions. */
export interface DeletionReport {
  /** Discovery was partial (message of the discovery error). */
  discoveryError?: string;
  /** One message per resource whose content could not be deleted or verified. */
  contentErrors: string[];
  /** `resource.group` → instances still present. */
  remaining: Map<string, number>;
  /** finalizer → instances still carrying it. */
  finalizersRemaining: Map<string, number>;
}

/** The failure conditions of a pass (only the types that failed). */
export function failureConditions(report: DeletionReport, now: string): NamespaceCondition[] {
  const out: NamespaceCondition[] = [];
  const failing = (type: string, reason: string, message: string) => out.push({ type, status: 'True', lastTransitionTime: now, reason, message });
  if (report.discoveryError !== undefined) {
    failing(NamespaceDeletionDiscoveryFailure, 'DiscoveryFailed', report.discoveryError);
  }
  if (report.contentErrors.length) {
    const msgs = [...report.contentErrors].sort();
    failing(NamespaceDeletionContentFailure, 'ContentDeletionFailed', `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`);
  }
  const remaining = [...report.remaining].filter(([, n]) => n > 0).map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
  if (remaining.length) failing(NamespaceContentRemaining, 'SomeResourcesRemain', `Some resources are remaining: ${remaining.join(', ')}`);
  const finalizers = [...report.finalizersRemaining].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (finalizers.length) failing(NamespaceFinalizersRemaining, 'SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}`);
  return out;
}

/**
 * updateConditions: for every maintained type, the failure condition if given, else the ok variant; an existing
 * condition is rewritten only when status, reason or message differ (lastTransitionTime moves only when the status
 * does). Returns the new list and whether anything changed. Conditions of other types are kept.
 */
export function updateConditions(existing: readonly NamespaceCondition[], failures: readonly NamespaceCondition[], now: string): { conditions: NamespaceCondition[]; changed: boolean } {
  const conditions = existing.map((c) => ({ ...c }));
  let changed = false;
  for (const type of CONDITION_TYPES) {
    const next = failures.find((c) => c.type === type) ?? { type, status: 'False' as const, lastTransitionTime: now, ...OK[type] };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push(next);
      changed = true;
    } else if (old.status !== next.status || old.reason !== next.reason || old.message !== next.message) {
      if (old.status !== next.status) old.lastTransitionTime = now;
      old.status = next.status;
      old.reason = next.reason;
      old.message = next.message;
      changed = true;
    }
  }
  return { conditions, changed };
}
