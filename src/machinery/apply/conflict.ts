/**
 * Apply conflicts: the 409 Kubernetes returns when an apply would change fields another manager owns, worded as
 * k8s.io/apimachinery's `managedfields/internal/conflict.go`:
 *
 *   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
 *   Apply failed with 2 conflicts: conflicts with "a" using v1:\n- .spec.x\nconflicts with "b":\n- .spec.y
 */
import { ApiError, type StatusCause } from '../errors.js';
import type { FieldPathSet } from './field-path-set.js';
import { compareGoStrings, goQuote } from './go-json.js';
import { buildManagerIdentifier, parseManagerIdentifier, type ManagedFieldsOperation } from './managed-fields.js';
import { pathToString, type FieldPath } from './path.js';

export interface ApplyConflict {
  /** The other manager's name, e.g. `kubectl-client-side-apply`. */
  readonly manager: string;
  readonly operation: ManagedFieldsOperation;
  /** The version the other manager wrote with; empty for an Apply manager. */
  readonly apiVersion: string;
  readonly subresource: string;
  /** The conflicting field, e.g. `.spec.replicas`. */
  readonly field: string;
  readonly path: FieldPath;
}

/** How Kubernetes names a manager in a conflict: `"name"`, plus ` with subresource "s"`, plus ` using v` for Update. */
export function describeManager(who: { manager: string; operation: string; apiVersion: string; subresource: string }): string {
  let s = goQuote(who.manager);
  if (who.subresource) s = `${s} with subresource ${goQuote(who.subresource)}`;
  if (who.operation === 'Update') s = `${s} using ${who.apiVersion}`;
  return s;
}

/** The conflicts of a set of managers (manager identifier → conflicting fields), in identifier then path order. */
export function conflictsFromManagers(sets: ReadonlyMap<string, FieldPathSet>): ApplyConflict[] {
  const out: ApplyConflict[] = [];
  for (const id of [...sets.keys()].sort(compareGoStrings)) {
    const who = parseManagerIdentifier(id);
    for (const path of sets.get(id)!.paths()) out.push({ ...who, field: pathToString(path), path });
  }
  return out;
}

function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${describeManager(c)}: ${c.field}`;
  }
  const byManager = new Map<string, ApplyConflict[]>();
  for (const c of conflicts) {
    const key = JSON.stringify([c.manager, c.operation, c.apiVersion, c.subresource]);
    byManager.set(key, [...(byManager.get(key) ?? []), c]);
  }
  // Kubernetes sorts by manager identifier, whose JSON starts with the manager name.
  const id = (c: ApplyConflict) => buildManagerIdentifier(c);
  const groups = [...byManager.values()].sort((a, b) => compareGoStrings(id(a[0]!), id(b[0]!)));
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(`conflicts with ${describeManager(group[0]!)}:`);
    for (const c of group) lines.push(`- ${c.field}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * A server-side apply conflict: 409, reason Conflict, one `FieldManagerConflict` cause per field. Retrying with
 * `force` takes the fields over.
 */
export class ApplyConflictError extends ApiError {
  readonly conflicts: readonly ApplyConflict[];

  constructor(conflicts: readonly ApplyConflict[]) {
    const causes: StatusCause[] = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${describeManager(c)}`,
      field: c.field,
    }));
    super(409, 'Conflict', conflictMessage(conflicts), { causes });
    this.conflicts = conflicts;
  }
}

export function isApplyConflict(err: unknown): err is ApplyConflictError {
  return err instanceof ApplyConflictError;
}
