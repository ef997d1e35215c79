/**
 * Which bindings apply to a user. Kubernetes' appliesTo (pkg/registry/rbac/validation/rule.go) scans every binding
 * per request; `SubjectIndex` answers the same question from maps keyed by username and group.
 *
 * Guarantees (same answers as appliesTo for every binding):
 * - User subjects match the username exactly (`*` is not a wildcard); Group subjects match any of the user's groups;
 * - ServiceAccount subjects match `system:serviceaccount:<ns>:<name>`, where <ns> defaults to the RoleBinding's
 *   namespace; a namespace-less ServiceAccount in a ClusterRoleBinding matches nobody; other kinds match nobody;
 * - `match` returns each applying binding once, in the order the source listed them, with the first subject (in the
 *   binding's own order) that applies.
 */
import type { Subject } from '../../api/index.js';
import type { UserInfo } from '../registry/context.js';
import { goQuote } from './covers.js';

/** The fields of a RoleBinding / ClusterRoleBinding the index reads. */
export interface BindingLike {
  metadata: { name?: string; namespace?: string };
  subjects?: Subject[];
  roleRef: { kind: string; name: string; apiGroup?: string };
}

export interface BindingMatch<B extends BindingLike> {
  binding: Readonly<B>;
  subject: Readonly<Subject>;
}

interface Entry {
  position: number;
  subjectIndex: number;
}

const SA_PREFIX = 'system:serviceaccount:';

/** The username a ServiceAccount subject stands for, or undefined when it cannot match anyone. */
export function serviceAccountUsername(s: Readonly<Subject>, bindingNamespace: string): string | undefined {
  const ns = s.namespace || bindingNamespace;
  if (!ns) return undefined;
  return `${SA_PREFIX}${ns}:${s.name}`;
}

/** appliesToUser, the unindexed form (used for single checks and to cross-check the index in tests). */
export function subjectApplies(user: UserInfo, s: Readonly<Subject>, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.username === s.name;
    case 'Group':
      return (user.groups ?? []).includes(s.name);
    case 'ServiceAccount': {
      const u = serviceAccountUsername(s, bindingNamespace);
      return u !== undefined && u === user.username;
    }
    default:
      return false;
  }
}

function push(map: Map<string, Entry[]>, key: string, e: Entry): void {
  const xs = map.get(key);
  if (xs) xs.push(e);
  else map.set(key, [e]);
}

export class SubjectIndex<B extends BindingLike> {
  private readonly byUser = new Map<string, Entry[]>();
  private readonly byGroup = new Map<string, Entry[]>();

  /** `bindingNamespace` is '' for ClusterRoleBindings. */
  constructor(
    private readonly bindings: readonly Readonly<B>[],
    bindingNamespace: string,
  ) {
    bindings.forEach((b, position) => {
      const subjects = Array.isArray(b.subjects) ? b.subjects : [];
      subjects.forEach((s, subjectIndex) => {
        if (!s || typeof s.name !== 'string') return;
        const e = { position, subjectIndex };
        if (s.kind === 'User') push(this.byUser, s.name, e);
        else if (s.kind === 'Group') push(this.byGroup, s.name, e);
        else if (s.kind === 'ServiceAccount') {
          const u = serviceAccountUsername(s, b.metadata?.namespace || bindingNamespace);
          if (u !== undefined) push(this.byUser, u, e);
        }
      });
    });
  }

  get size(): number {
    return this.bindings.length;
  }

  match(user: UserInfo): BindingMatch<B>[] {
    const first = new Map<number, number>();
    const note = (entries: Entry[] | undefined) => {
      for (const e of entries ?? []) {
        const cur = first.get(e.position);
        if (cur === undefined || e.subjectIndex < cur) first.set(e.position, e.subjectIndex);
      }
    };
    note(this.byUser.get(user.username));
    for (const g of user.groups ?? []) note(this.byGroup.get(g));
    return [...first.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([position, subjectIndex]) => {
        const binding = this.bindings[position]!;
        return { binding, subject: binding.subjects![subjectIndex]! };
      });
  }
}

/** describeSubject: `User "jane"`, `ServiceAccount "default/kube-system"` (name, then namespace, as Kubernetes). */
export function describeSubject(s: Readonly<Subject>, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${goQuote(s.name)}`;
}

/** The `RBAC: allowed by ...` source: `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`. */
export function describeBinding(m: BindingMatch<BindingLike>, kind: 'ClusterRoleBinding' | 'RoleBinding'): string {
  const b = m.binding;
  const ns = b.metadata.namespace ?? '';
  const name = kind === 'RoleBinding' ? `${b.metadata.name ?? ''}/${ns}` : (b.metadata.name ?? '');
  return `${kind} ${goQuote(name)} of ${b.roleRef.kind} ${goQuote(b.roleRef.name)} to ${describeSubject(m.subject, kind === 'RoleBinding' ? ns : '')}`;
}
