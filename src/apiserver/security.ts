/**
 * The API server's security stack wired to its own watch caches: the RBAC authorizer (roles and bindings read from the
 * caches, re-indexed only when they change), the node authorizer (pods from the cache), the service-account token
 * lookup, and the built-in admission plugins in Kubernetes' order — LimitRanger, ServiceAccount,
 * DefaultTolerationSeconds, mutating webhooks, then validating webhooks, RBAC escalation checks and ResourceQuota.
 */
import type { ClusterRole, ClusterRoleBinding, KubeObject, LimitRange, MutatingWebhookConfiguration, Pod, ResourceQuota, Role, RoleBinding, ServiceAccount, ValidatingWebhookConfiguration } from '../api/index.js';
import type { Clock } from '../machinery/index.js';
import {
  type AdmissionPlugin,
  type NamespacedLister,
  defaultTolerationSeconds,
  limitRanger,
  mutatingWebhooks,
  resourceQuotaAdmission,
  serviceAccountAdmission,
  validatingWebhooks,
} from './admission/index.js';
import type { ServiceAccountLookup } from './auth/index.js';
import { NodeAuthorizer, RbacAuthorizer, checkBindingEscalation, checkRoleEscalation, unionAuthorizer, type PodSource, type RbacSource } from './rbac/index.js';
import type { Authorizer } from './endpoints/reviews.js';
import type { ApiServer } from './server.js';
import { updateObject } from './registry/update.js';

function cached<T extends KubeObject>(api: ApiServer, group: string, resource: string) {
  const reg = api.registry(group, resource);
  return {
    reg,
    get: (namespace: string, name: string) => (reg.cacher.get(reg.key(namespace, name))?.obj as Readonly<T> | undefined) ?? undefined,
    list(namespace: string): Readonly<T>[] {
      const out: Readonly<T>[] = [];
      for (const o of reg.cacher.values()) if (!namespace || o.namespace === namespace) out.push(o.obj as Readonly<T>);
      return out;
    },
  };
}

function lister<T extends KubeObject>(api: ApiServer, group: string, resource: string): NamespacedLister<T> {
  const c = cached<T>(api, group, resource);
  return { get: (ns, name) => c.get(ns, name) ?? null, list: (ns) => c.list(ns) };
}

export function rbacSourceFor(api: ApiServer): RbacSource {
  const g = 'rbac.authorization.k8s.io';
  const roles = cached<Role>(api, g, 'roles');
  const croles = cached<ClusterRole>(api, g, 'clusterroles');
  const rbs = cached<RoleBinding>(api, g, 'rolebindings');
  const crbs = cached<ClusterRoleBinding>(api, g, 'clusterrolebindings');
  return {
    getRole: (ns, name) => roles.get(ns, name),
    listRoles: (ns) => roles.list(ns),
    getClusterRole: (name) => croles.get('', name),
    listClusterRoles: () => croles.list(''),
    listRoleBindings: (ns) => rbs.list(ns),
    listClusterRoleBindings: () => crbs.list(''),
    revision: () => [roles, croles, rbs, crbs].map((c) => c.reg.cacher.resourceVersion).join('.'),
  };
}

export function podSourceFor(api: ApiServer): PodSource {
  const pods = cached<Pod>(api, '', 'pods');
  return {
    getPod: (ns, name) => pods.get(ns, name),
    listPodsOnNode: (node) => pods.list('').filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node),
  };
}

export function serviceAccountLookupFor(api: ApiServer): ServiceAccountLookup {
  return {
    serviceAccount: (ns, name) => api.registry('', 'serviceaccounts').tryGet(ns, name),
    pod: (ns, name) => api.registry('', 'pods').tryGet(ns, name),
  };
}

export interface Authorizers {
  /** Node authorizer, then RBAC (Kubernetes' `--authorization-mode=Node,RBAC`). */
  authorizer: Authorizer & { rulesFor: RbacAuthorizer['rulesFor'] };
  rbac: RbacAuthorizer;
}

export function authorizersFor(api: ApiServer): Authorizers {
  const rbac = new RbacAuthorizer({ source: rbacSourceFor(api) });
  const node = new NodeAuthorizer({ pods: podSourceFor(api) });
  return { authorizer: unionAuthorizer([node, rbac]) as Authorizers['authorizer'], rbac };
}

/** Refuses RBAC writes that grant more than the writer holds (escalation prevention), after validation. */
function rbacEscalation(auth: Authorizers): AdmissionPlugin {
  const kinds: Record<string, string> = { roles: 'Role', clusterroles: 'ClusterRole', rolebindings: 'RoleBinding', clusterrolebindings: 'ClusterRoleBinding' };
  return {
    name: 'RBACEscalation',
    async validate(a) {
      if (a.group !== 'rbac.authorization.k8s.io' || a.subresource || !a.object || !a.user) return;
      if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
      const kind = kinds[a.resource];
      if (!kind) return;
      const input = { kind, object: a.object, ...(a.oldObject ? { oldObject: a.oldObject } : {}), namespace: a.namespace };
      const deps = { authorizer: auth.authorizer, rules: auth.rbac };
      if (kind.endsWith('Binding')) await checkBindingEscalation(a.user, input as never, deps as never);
      else await checkRoleEscalation(a.user, input as never, deps as never);
    },
  };
}

export function admissionPluginsFor(api: ApiServer, o: { clock: Clock; newUid(): string; auth: Authorizers; onError(err: unknown): void }): AdmissionPlugin[] {
  const webhookSource = {
    mutating: () => cached<MutatingWebhookConfiguration>(api, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations').list(''),
    validating: () => cached<ValidatingWebhookConfiguration>(api, 'admissionregistration.k8s.io', 'validatingwebhookconfigurations').list(''),
  };
  const webhookDeps = { source: webhookSource, namespaces: { getNamespace: (n: string) => api.getNamespace(n) }, clock: o.clock, newUid: o.newUid };
  const quotas = api.registry('', 'resourcequotas');
  return [
    limitRanger({ limitRanges: lister<LimitRange>(api, '', 'limitranges') }),
    serviceAccountAdmission({ serviceAccounts: lister<ServiceAccount>(api, '', 'serviceaccounts'), clock: o.clock }),
    defaultTolerationSeconds({}),
    mutatingWebhooks(webhookDeps),
    validatingWebhooks(webhookDeps),
    rbacEscalation(o.auth),
    resourceQuotaAdmission({
      quotas: lister<ResourceQuota>(api, '', 'resourcequotas'),
      usage: { list: (ns, gr) => cached<KubeObject>(api, gr.group, gr.resource).list(ns) },
      clock: o.clock,
      statusWriter: {
        async updateStatus(q, status) {
          await updateObject(quotas, q.metadata.namespace ?? '', q.metadata.name ?? '', (cur) => ({ ...cur!, status }), { target: 'status', fieldManager: 'resourcequota-controller' });
        },
      },
      reportError: o.onError,
    }),
  ];
}
