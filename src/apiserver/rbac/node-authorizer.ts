/**
 * The node authorizer (Kubernetes' plugin/pkg/auth/authorizer/node), simplified: instead of a graph kept by informers
 * it asks a PodSource which pods are bound to the node. It only ever speaks for users `system:node:<name>` in group
 * `system:nodes`; for everyone else it has no opinion.
 *
 * For a node `n`:
 * - nodes: create, get, list, watch; update/patch only `n` itself and its `status`.
 * - pods: get, and delete / pods/status update, patch / pods/eviction create, only for pods bound to `n`; list and
 *   watch (kubelets list with `fieldSelector=spec.nodeName=n`, which authorization attributes do not carry); create
 *   (mirror pods).
 * - secrets, configmaps: get/list/watch of one named object referenced by a pod bound to `n`; persistentvolumeclaims:
 *   get (and status update/patch) when referenced; persistentvolumes: get when bound to such a claim; serviceaccounts:
 *   `token` create for service accounts its pods run as.
 * - leases: get/create/update/patch/delete in `kube-node-lease`, named `n` (the name is unknown on create).
 * - csinodes: the one named `n`. Everything else: the static NodeRules (services, events, reviews, ...).
 * A refusal is "no opinion" with Kubernetes' reason, so a union authorizer may still ask RBAC.
 */
import type { Pod, PolicyRule } from '../../api/index.js';
import type { AuthorizationAttributes, Authorizer, Decision } from '../endpoints/reviews.js';
import type { UserInfo } from '../registry/context.js';
import { nodeRules } from './bootstrap/rules.js';
import { podReferences } from './pod-references.js';
import { rulesAllow } from './rule-match.js';
import type { PodSource, RulesLister, SubjectRulesReviewStatus } from './types.js';

export const NODE_USER_PREFIX = 'system:node:';
export const NODES_GROUP = 'system:nodes';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** nodeidentifier.NodeIdentity: whether the user is a node, and which one ('' when the name is missing). */
export function nodeIdentity(user: UserInfo | undefined): { isNode: boolean; nodeName: string } {
  if (!user || !user.username.startsWith(NODE_USER_PREFIX) || !(user.groups ?? []).includes(NODES_GROUP)) return { isNode: false, nodeName: '' };
  return { isNode: true, nodeName: user.username.slice(NODE_USER_PREFIX.length) };
}

type Related = 'pod' | 'secret' | 'configmap' | 'pvc' | 'pv' | 'volumeattachment' | 'serviceAccount';

const ALLOW: Decision = { allowed: true, reason: '' };
const noOpinion = (reason = ''): Decision => ({ allowed: false, reason });

export interface NodeAuthorizerOptions {
  pods: PodSource;
  /** Rules for resources not subdivided by relationship (default: bootstrap NodeRules). */
  rules?: readonly PolicyRule[];
}

export class NodeAuthorizer implements Authorizer, RulesLister {
  private readonly rules: readonly PolicyRule[];

  constructor(private readonly deps: NodeAuthorizerOptions) {
    this.rules = deps.rules ?? nodeRules();
  }

  async authorize(attrs: AuthorizationAttributes): Promise<Decision> {
    const { isNode, nodeName } = nodeIdentity(attrs.user);
    if (!isNode) return noOpinion();
    if (!nodeName) return noOpinion(`unknown node for user ${JSON.stringify(attrs.user.username)}`);
    if (attrs.isResourceRequest) {
      switch (`${attrs.group}/${attrs.resource}`) {
        case '/secrets':
          return this.readNamespacedObject(nodeName, 'secret', attrs);
        case '/configmaps':
          return this.readNamespacedObject(nodeName, 'configmap', attrs);
        case '/persistentvolumeclaims':
          return attrs.subresource === 'status' ? this.statusUpdate(nodeName, 'pvc', attrs) : this.get(nodeName, 'pvc', attrs);
        case '/persistentvolumes':
          return this.get(nodeName, 'pv', attrs);
        case 'storage.k8s.io/volumeattachments':
          return this.get(nodeName, 'volumeattachment', attrs);
        case '/serviceaccounts':
          return this.createToken(nodeName, attrs);
        case 'coordination.k8s.io/leases':
          return this.lease(nodeName, attrs);
        case 'storage.k8s.io/csinodes':
          return this.csiNode(nodeName, attrs);
        case '/nodes':
          return this.node(nodeName, attrs);
        case '/pods':
          return this.pod(nodeName, attrs);
      }
    }
    return rulesAllow(attrs, this.rules) ? ALLOW : noOpinion();
  }

  /** Node permissions are not enumerable (Kubernetes answers the same). */
  async rulesFor(user: UserInfo): Promise<SubjectRulesReviewStatus> {
    if (!nodeIdentity(user).isNode) return { resourceRules: [], nonResourceRules: [], incomplete: false };
    return { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' };
  }

  private async readNamespacedObject(nodeName: string, type: Related, attrs: AuthorizationAttributes): Promise<Decision> {
    if (!['get', 'list', 'watch'].includes(attrs.verb)) return noOpinion('can only read resources of this type');
    if (attrs.subresource) return noOpinion('cannot read subresource');
    if (!attrs.namespace) return noOpinion('can only read namespaced object of this type');
    return this.related(nodeName, type, attrs);
  }

  private async get(nodeName: string, type: Related, attrs: AuthorizationAttributes): Promise<Decision> {
    if (attrs.verb !== 'get') return noOpinion('can only get individual resources of this type');
    if (attrs.subresource) return noOpinion('cannot get subresource');
    return this.related(nodeName, type, attrs);
  }

  private async statusUpdate(nodeName: string, type: Related, attrs: AuthorizationAttributes): Promise<Decision> {
    if (attrs.verb !== 'update' && attrs.verb !== 'patch') return noOpinion('can only get/update/patch this type');
    if (attrs.subresource !== 'status') return noOpinion('can only update status subresource');
    return this.related(nodeName, type, attrs);
  }

  private async createToken(nodeName: string, attrs: AuthorizationAttributes): Promise<Decision> {
    if (attrs.verb !== 'create' || !attrs.name) return noOpinion('can only create tokens for individual service accounts');
    if (attrs.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
    return this.related(nodeName, 'serviceAccount', attrs);
  }

  private lease(nodeName: string, attrs: AuthorizationAttributes): Decision {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(attrs.verb)) return noOpinion('can only get, create, update, patch, or delete a node lease');
    if (attrs.namespace !== NODE_LEASE_NAMESPACE) return noOpinion(`can only access leases in the ${JSON.stringify(NODE_LEASE_NAMESPACE)} system namespace`);
    if (attrs.verb !== 'create' && attrs.name !== nodeName) return noOpinion('can only access node lease with the same name as the requesting node');
    return ALLOW;
  }

  private csiNode(nodeName: string, attrs: AuthorizationAttributes): Decision {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(attrs.verb)) return noOpinion('can only get, create, update, patch, or delete a CSINode');
    if (attrs.subresource) return noOpinion('cannot authorize CSINode subresources');
    if (attrs.verb !== 'create' && attrs.name !== nodeName) return noOpinion('can only access CSINode with the same name as the requesting node');
    return ALLOW;
  }

  private node(nodeName: string, attrs: AuthorizationAttributes): Decision {
    const { verb, subresource, name } = attrs;
    const mutate = verb === 'update' || verb === 'patch';
    if (subresource === '' && (verb === 'create' || verb === 'get' || verb === 'list' || verb === 'watch')) return ALLOW;
    if ((subresource === '' || subresource === 'status') && mutate) {
      if (name === nodeName) return ALLOW;
      return noOpinion(`node '${nodeName}' cannot modify '${name}', only its own Node object`);
    }
    return noOpinion();
  }

  private async pod(nodeName: string, attrs: AuthorizationAttributes): Promise<Decision> {
    const { verb, subresource } = attrs;
    if (subresource === '') {
      if (verb === 'list' || verb === 'watch' || verb === 'create') return ALLOW;
      if (verb === 'get') return this.get(nodeName, 'pod', attrs);
      if (verb === 'delete') return this.related(nodeName, 'pod', attrs);
    } else if (subresource === 'status' && (verb === 'update' || verb === 'patch')) {
      return this.related(nodeName, 'pod', attrs);
    } else if (subresource === 'eviction' && verb === 'create') {
      return this.related(nodeName, 'pod', attrs);
    }
    return noOpinion();
  }

  private async related(nodeName: string, type: Related, attrs: AuthorizationAttributes): Promise<Decision> {
    if (!attrs.name) return noOpinion('No Object name found');
    if (await this.hasPathFrom(nodeName, type, attrs.namespace, attrs.name)) return ALLOW;
    return noOpinion(`no relationship found between node '${nodeName}' and this object`);
  }

  /** Whether `type` `namespace/name` leads to the node: bound to it, or used by a pod bound to it. */
  private async hasPathFrom(nodeName: string, type: Related, namespace: string, name: string): Promise<boolean> {
    const { pods } = this.deps;
    if (type === 'pod') return (await pods.getPod(namespace, name))?.spec?.nodeName === nodeName;
    if (type === 'volumeattachment') return false;
    const onNode: readonly Readonly<Pod>[] = await pods.listPodsOnNode(nodeName);
    if (type === 'pv') {
      if (!pods.getPersistentVolumeClaim) return false;
      for (const p of onNode) {
        if (p.spec?.nodeName !== nodeName) continue;
        for (const claim of podReferences(p).claims) {
          const pvc = await pods.getPersistentVolumeClaim(p.metadata.namespace ?? '', claim);
          if (pvc?.spec?.volumeName === name) return true;
        }
      }
      return false;
    }
    for (const p of onNode) {
      if (p.spec?.nodeName !== nodeName || (p.metadata.namespace ?? '') !== namespace) continue;
      const refs = podReferences(p);
      const hit =
        (type === 'secret' && refs.secrets.has(name)) ||
        (type === 'configmap' && refs.configMaps.has(name)) ||
        (type === 'pvc' && refs.claims.has(name)) ||
        (type === 'serviceAccount' && (refs.serviceAccount || 'default') === name);
      if (hit) return true;
    }
    return false;
  }
}
