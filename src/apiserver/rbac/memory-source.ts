/**
 * In-memory RbacSource and PodSource: for tests, and for evaluating a policy that is not stored (e.g. checking the
 * bootstrap policy before writing it). `MemoryRbacSource.revision()` increases on every change, so an authorizer over
 * it sees updates immediately.
 */
import type { ClusterRole, ClusterRoleBinding, Pod, Role, RoleBinding } from '../../api/index.js';
import type { ClaimView, PodSource, RbacSource } from './types.js';

type RbacObject = Role | ClusterRole | RoleBinding | ClusterRoleBinding;

export interface RbacObjects {
  roles?: readonly Role[];
  clusterRoles?: readonly ClusterRole[];
  roleBindings?: readonly RoleBinding[];
  clusterRoleBindings?: readonly ClusterRoleBinding[];
}

const key = (ns: string | undefined, name: string | undefined) => `${ns ?? ''}/${name ?? ''}`;

export class MemoryRbacSource implements RbacSource {
  private readonly roles = new Map<string, Role>();
  private readonly clusterRoles = new Map<string, ClusterRole>();
  private readonly roleBindings = new Map<string, RoleBinding>();
  private readonly clusterRoleBindings = new Map<string, ClusterRoleBinding>();
  private rev = 0;

  constructor(objects: RbacObjects = {}) {
    for (const o of [...(objects.roles ?? []), ...(objects.clusterRoles ?? []), ...(objects.roleBindings ?? []), ...(objects.clusterRoleBindings ?? [])]) this.put(o);
  }

  /** Adds or replaces an object; the kind is read from the object's `kind`, or inferred from its shape. */
  put(obj: RbacObject): void {
    const k = key(obj.metadata.namespace, obj.metadata.name);
    switch (kindOf(obj)) {
      case 'Role':
        this.roles.set(k, obj as Role);
        break;
      case 'ClusterRole':
        this.clusterRoles.set(key('', obj.metadata.name), obj as ClusterRole);
        break;
      case 'RoleBinding':
        this.roleBindings.set(k, obj as RoleBinding);
        break;
      case 'ClusterRoleBinding':
        this.clusterRoleBindings.set(key('', obj.metadata.name), obj as ClusterRoleBinding);
        break;
    }
    this.rev++;
  }

  remove(kind: 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding', namespace: string, name: string): void {
    const maps = { Role: this.roles, ClusterRole: this.clusterRoles, RoleBinding: this.roleBindings, ClusterRoleBinding: this.clusterRoleBindings };
    if (maps[kind].delete(key(kind.startsWith('Cluster') ? '' : namespace, name))) this.rev++;
  }

  revision(): number {
    return this.rev;
  }
  getRole(namespace: string, name: string): Role | undefined {
    return this.roles.get(key(namespace, name));
  }
  listRoles(namespace: string): Role[] {
    return [...this.roles.values()].filter((r) => (r.metadata.namespace ?? '') === namespace);
  }
  getClusterRole(name: string): ClusterRole | undefined {
    return this.clusterRoles.get(key('', name));
  }
  listClusterRoles(): ClusterRole[] {
    return [...this.clusterRoles.values()];
  }
  listRoleBindings(namespace: string): RoleBinding[] {
    return [...this.roleBindings.values()].filter((b) => (b.metadata.namespace ?? '') === namespace);
  }
  listClusterRoleBindings(): ClusterRoleBinding[] {
    return [...this.clusterRoleBindings.values()];
  }
}

function kindOf(obj: RbacObject): 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding' {
  if (obj.kind === 'Role' || obj.kind === 'ClusterRole' || obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') return obj.kind;
  const binding = 'roleRef' in obj;
  const namespaced = Boolean(obj.metadata.namespace);
  if (binding) return namespaced ? 'RoleBinding' : 'ClusterRoleBinding';
  return namespaced ? 'Role' : 'ClusterRole';
}

/** A PodSource over a fixed list of pods (and claims, to relate PersistentVolumes). */
export function memoryPodSource(pods: readonly Pod[], claims: readonly ClaimView[] = []): PodSource {
  return {
    getPod: (namespace, name) => pods.find((p) => (p.metadata.namespace ?? '') === namespace && p.metadata.name === name),
    listPodsOnNode: (nodeName) => pods.filter((p) => p.spec?.nodeName === nodeName),
    getPersistentVolumeClaim: (namespace, name) => claims.find((c) => (c.metadata.namespace ?? '') === namespace && c.metadata.name === name),
  };
}
