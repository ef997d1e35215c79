/**
 * RBAC escalation prevention (Kubernetes' pkg/registry/rbac: escalation_check.go, validation.ConfirmNoEscalation and
 * the policybased storages). Call from the admission/validation hook of rbac writes, after validation.
 *
 * checkRoleEscalation — creating or updating a Role / ClusterRole passes when:
 *   the user is absent (an internal write) or in `system:masters`; or the authorizer allows `escalate` on the
 *   roles/clusterroles being written; or the update only changes finalizers / ownerReferences; or the user already
 *   holds every rule granted (in the request's namespace, '' for ClusterRoles). Setting or changing an
 *   aggregationRule additionally requires holding `*` on everything (`must have cluster-admin privileges to use the
 *   aggregationRule`).
 * checkBindingEscalation — creating or updating a RoleBinding / ClusterRoleBinding passes when:
 *   the user is absent or in `system:masters`; or the update only changes finalizers / ownerReferences; or the
 *   authorizer allows `bind` on the referenced role (in the binding's namespace); or the user holds every rule of the
 *   referenced role. A missing role is the 404 NotFound of its lookup.
 * A refusal throws 403 Forbidden ApiError, worded as Kubernetes words it:
 *   roles.rbac.authorization.k8s.io "r" is forbidden: user "x" (groups=["a" "b"]) is attempting to grant RBAC
 *   permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}
 */
import type { ClusterRole, ClusterRoleBinding, KubeObject, PolicyRule, Role, RoleBinding } from '../../api/index.js';
import { deepEqual, forbidden, internalError, isApiError } from '../../machinery/index.js';
import type { Authorizer } from '../endpoints/reviews.js';
import type { UserInfo } from '../registry/context.js';
import { isAggregated } from './aggregation.js';
import { aggregateMessage } from './authorizer.js';
import { compactRules, compactString, covers, goQuote, goQuoteList } from './covers.js';
import { type RuleResolver, RBAC_GROUP, SYSTEM_MASTERS } from './types.js';

export interface EscalationDeps {
  /** The server's whole authorizer chain: asked whether the user may `escalate` or `bind`. */
  authorizer: Authorizer;
  /** The user's own RBAC rules and the rules a roleRef grants (an RbacAuthorizer). */
  rules: RuleResolver;
}

export interface RoleWrite {
  kind: 'Role' | 'ClusterRole';
  object: Readonly<Role> | Readonly<ClusterRole>;
  /** The stored object on update; absent on create. */
  oldObject?: Readonly<Role> | Readonly<ClusterRole> | null;
  /** The request's namespace ('' for ClusterRoles). */
  namespace: string;
}

export interface BindingWrite {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  object: Readonly<RoleBinding> | Readonly<ClusterRoleBinding>;
  oldObject?: Readonly<RoleBinding> | Readonly<ClusterRoleBinding> | null;
  /** The request's namespace ('' for ClusterRoleBindings). */
  namespace: string;
}

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** EscalationAllowed: no user (an internal write) or a member of system:masters. */
export function escalationAllowed(user: UserInfo | undefined): boolean {
  return !user || (user.groups ?? []).includes(SYSTEM_MASTERS);
}

/** IsOnlyMutatingGCFields: the objects differ at most in finalizers, ownerReferences and bookkeeping metadata. */
export function isOnlyMutatingGCFields(obj: Readonly<KubeObject>, old: Readonly<KubeObject>): boolean {
  const strip = (o: Readonly<KubeObject>) => {
    const { finalizers: _f, ownerReferences: _o, selfLink: _s, resourceVersion: _r, managedFields: _m, ...meta } = o.metadata ?? {};
    return { ...o, metadata: meta };
  };
  return deepEqual(strip(obj), strip(old));
}

/**
 * ConfirmNoEscalation: the Forbidden-worthy message when `user` does not hold `rules` in `namespace`, else undefined.
 */
export async function missingRulesMessage(user: UserInfo, rules: readonly PolicyRule[], opts: { namespace: string; resolver: RuleResolver }): Promise<string | undefined> {
  const owned = await opts.resolver.resolveRules(user, opts.namespace);
  const { covered, uncovered } = covers(owned.rules, rules);
  if (covered) return undefined;
  const missing = [...new Set(compactRules(uncovered).map(compactString))].sort();
  let msg = `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups ?? [])}) is attempting to grant RBAC permissions not currently held:\n${missing.join('\n')}`;
  if (owned.errors.length) msg += `; resolution errors: [${aggregateMessage(owned.errors)}]`;
  return msg;
}

async function allowedTo(
  verb: 'escalate' | 'bind',
  user: UserInfo,
  target: { group: string; resource: string; namespace: string; name: string },
  authorizer: Authorizer,
): Promise<boolean> {
  const d = await authorizer.authorize({
    user,
    verb,
    namespace: target.namespace,
    group: target.group,
    resource: target.resource,
    subresource: '',
    name: target.name,
    path: '',
    isResourceRequest: true,
  });
  return d.allowed;
}

export async function checkRoleEscalation(user: UserInfo | undefined, write: RoleWrite, deps: EscalationDeps): Promise<void> {
  if (escalationAllowed(user)) return;
  const resource = write.kind === 'Role' ? 'roles' : 'clusterroles';
  const name = write.object.metadata?.name ?? '';
  // The request's name is empty on create (the object is not addressed yet), as RequestInfo has it.
  const target = { group: RBAC_GROUP, resource, namespace: write.namespace, name: write.oldObject ? name : '' };
  if (await allowedTo('escalate', user!, target, deps.authorizer)) return;
  if (write.oldObject && isOnlyMutatingGCFields(write.object, write.oldObject)) return;
  const gr = { group: RBAC_GROUP, resource };
  const rules = Array.isArray(write.object.rules) ? write.object.rules : [];
  const missing = await missingRulesMessage(user!, rules, { namespace: write.namespace, resolver: deps.rules });
  if (missing) throw forbidden(gr, name, missing);
  if (write.kind === 'ClusterRole') {
    const aggregated = isAggregated(write.object as ClusterRole) || (write.oldObject ? isAggregated(write.oldObject as ClusterRole) : false);
    if (aggregated && (await missingRulesMessage(user!, FULL_AUTHORITY, { namespace: write.namespace, resolver: deps.rules }))) {
      throw forbidden(gr, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
}

export async function checkBindingEscalation(user: UserInfo | undefined, write: BindingWrite, deps: EscalationDeps): Promise<void> {
  if (escalationAllowed(user)) return;
  if (write.oldObject && isOnlyMutatingGCFields(write.object, write.oldObject)) return;
  const roleRef = write.object.roleRef ?? { kind: '', name: '', apiGroup: '' };
  const roleResource = roleRef.kind === 'ClusterRole' ? 'clusterroles' : roleRef.kind === 'Role' ? 'roles' : '';
  if (roleResource && (await allowedTo('bind', user!, { group: roleRef.apiGroup ?? '', resource: roleResource, namespace: write.namespace, name: roleRef.name }, deps.authorizer))) return;
  let rules: PolicyRule[];
  try {
    rules = await deps.rules.getRoleReferenceRules(roleRef, write.namespace);
  } catch (err) {
    throw isApiError(err) ? err : internalError(err);
  }
  const missing = await missingRulesMessage(user!, rules, { namespace: write.namespace, resolver: deps.rules });
  if (missing) throw forbidden({ group: RBAC_GROUP, resource: write.kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings' }, write.object.metadata?.name ?? '', missing);
}
