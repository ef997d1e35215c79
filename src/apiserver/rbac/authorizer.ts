/**
 * The RBAC authorizer (Kubernetes' plugin/pkg/auth/authorizer/rbac + DefaultRuleResolver): a request is allowed when
 * any rule reachable from a ClusterRoleBinding (anywhere) or a RoleBinding in the request's namespace allows it.
 *
 * Guarantees:
 * - Members of `system:masters` are allowed everything before any lookup (Kubernetes' superuser short-circuit).
 * - RBAC never denies: a request no rule allows gets `{allowed: false}` with reason '' or, when some roles could not
 *   be resolved, `RBAC: <errors>` (e.g. `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`), so a union
 *   authorizer may still ask others. An allow carries `RBAC: allowed by <binding>`.
 * - Bindings are looked up through a subject index kept per `RbacSource.revision()`; aggregated ClusterRoles are
 *   resolved on the fly (unless `aggregate: false`, for when a controller keeps their stored rules current).
 * - Nothing read from the source is modified.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RoleBinding } from '../../api/index.js';
import { notFound } from '../../machinery/index.js';
import type { AuthorizationAttributes, Authorizer, Decision } from '../endpoints/reviews.js';
import type { UserInfo } from '../registry/context.js';
import { aggregatedRules, isAggregated } from './aggregation.js';
import { list, ruleAllows } from './rule-match.js';
import { type BindingMatch, SubjectIndex, describeBinding } from './subjects.js';
import { type RbacSource, type ResolvedRules, type RuleResolver, type RulesLister, type SubjectRulesReviewStatus, RBAC_GROUP, RoleRefError, SYSTEM_MASTERS } from './types.js';

export interface RbacAuthorizerOptions {
  source: RbacSource;
  /** Resolve aggregated ClusterRoles from their selectors (default true). */
  aggregate?: boolean;
}

/** Called with each rule that applies (and where it came from) or each resolution error; return false to stop. */
type Visitor = (origin: (() => string) | undefined, rule: Readonly<PolicyRule> | undefined, err: Error | undefined) => boolean;

interface Snapshot {
  rev: string | number | undefined;
  cluster?: Promise<SubjectIndex<ClusterRoleBinding>>;
  namespaced: Map<string, Promise<SubjectIndex<RoleBinding>>>;
  aggregated?: Promise<Map<string, PolicyRule[]>>;
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/** utilerrors.NewAggregate(...).Error(): one message bare, several de-duplicated inside `[a, b]`. */
export function aggregateMessage(msgs: readonly string[]): string {
  const uniq = [...new Set(msgs)];
  return uniq.length === 1 ? uniq[0]! : `[${uniq.join(', ')}]`;
}

export class RbacAuthorizer implements Authorizer, RuleResolver, RulesLister {
  private snapshot: Snapshot = { rev: undefined, namespaced: new Map() };
  private readonly aggregate: boolean;

  constructor(private readonly deps: RbacAuthorizerOptions) {
    this.aggregate = deps.aggregate ?? true;
  }

  async authorize(attrs: AuthorizationAttributes): Promise<Decision> {
    if ((attrs.user.groups ?? []).includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
    let reason = '';
    const errors: string[] = [];
    await this.visitRulesFor(attrs.user, attrs.namespace, (origin, rule, err) => {
      if (rule && ruleAllows(attrs, rule)) {
        reason = `RBAC: allowed by ${origin!()}`;
        return false;
      }
      if (err) errors.push(err.message);
      return true;
    });
    if (reason) return { allowed: true, reason };
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregateMessage(errors)}` : '' };
  }

  /** Every rule the user holds in `namespace` ('' = cluster-wide bindings only), with resolution errors. */
  async resolveRules(user: UserInfo, namespace: string): Promise<ResolvedRules> {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    await this.visitRulesFor(user, namespace, (_origin, rule, err) => {
      if (rule) rules.push(rule as PolicyRule);
      if (err) errors.push(err.message);
      return true;
    });
    return { rules, errors };
  }

  /** SelfSubjectRulesReview (`kubectl auth can-i --list`): the user's rules in `namespace`, never incomplete. */
  async rulesFor(user: UserInfo, namespace: string): Promise<SubjectRulesReviewStatus> {
    const { rules, errors } = await this.resolveRules(user, namespace);
    const status: SubjectRulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
    for (const r of rules) {
      const verbs = [...list(r.verbs)];
      if (list(r.resources).length > 0) {
        const rr: SubjectRulesReviewStatus['resourceRules'][number] = { verbs };
        if (list(r.apiGroups).length) rr.apiGroups = [...list(r.apiGroups)];
        rr.resources = [...list(r.resources)];
        if (list(r.resourceNames).length) rr.resourceNames = [...list(r.resourceNames)];
        status.resourceRules.push(rr);
      }
      if (list(r.nonResourceURLs).length > 0) status.nonResourceRules.push({ verbs, nonResourceURLs: [...list(r.nonResourceURLs)] });
    }
    if (errors.length) status.evaluationError = aggregateMessage(errors);
    return status;
  }

  async getRoleReferenceRules(roleRef: { kind: string; name: string }, bindingNamespace: string): Promise<PolicyRule[]> {
    return this.roleRefRules(roleRef, bindingNamespace, this.current());
  }

  private current(): Snapshot {
    const rev = this.deps.source.revision?.();
    if (rev === undefined) return { rev: undefined, namespaced: new Map() };
    if (this.snapshot.rev !== rev) this.snapshot = { rev, namespaced: new Map() };
    return this.snapshot;
  }

  /** Caches `make()` in the snapshot; a failure is not cached, so the next request retries the read. */
  private memo<K extends 'cluster' | 'aggregated'>(s: Snapshot, slot: K, make: () => NonNullable<Snapshot[K]>): NonNullable<Snapshot[K]> {
    const cached = s[slot];
    if (cached) return cached;
    const p = make();
    s[slot] = p;
    p.catch(() => {
      if (s[slot] === p) s[slot] = undefined as Snapshot[K];
    });
    return p;
  }

  private clusterIndex(s: Snapshot): Promise<SubjectIndex<ClusterRoleBinding>> {
    return this.memo(s, 'cluster', async () => new SubjectIndex<ClusterRoleBinding>(await this.deps.source.listClusterRoleBindings(), ''));
  }

  private namespaceIndex(s: Snapshot, namespace: string): Promise<SubjectIndex<RoleBinding>> {
    const cached = s.namespaced.get(namespace);
    if (cached) return cached;
    const p = (async () => new SubjectIndex<RoleBinding>(await this.deps.source.listRoleBindings(namespace), namespace))();
    s.namespaced.set(namespace, p);
    p.catch(() => {
      if (s.namespaced.get(namespace) === p) s.namespaced.delete(namespace);
    });
    return p;
  }

  private aggregatedRules(s: Snapshot): Promise<Map<string, PolicyRule[]>> {
    return this.memo(s, 'aggregated', async () => aggregatedRules(await this.deps.source.listClusterRoles()));
  }

  private async roleRefRules(roleRef: { kind: string; name: string }, bindingNamespace: string, s: Snapshot): Promise<PolicyRule[]> {
    switch (roleRef.kind) {
      case 'Role': {
        const role = await this.deps.source.getRole(bindingNamespace, roleRef.name);
        if (!role) throw notFound({ group: RBAC_GROUP, resource: 'role' }, roleRef.name);
        return Array.isArray(role.rules) ? role.rules : [];
      }
      case 'ClusterRole': {
        const role: Readonly<ClusterRole> | undefined = await this.deps.source.getClusterRole(roleRef.name);
        if (!role) throw notFound({ group: RBAC_GROUP, resource: 'clusterrole' }, roleRef.name);
        if (this.aggregate && isAggregated(role)) {
          const agg = (await this.aggregatedRules(s)).get(roleRef.name);
          if (agg) return agg;
        }
        return Array.isArray(role.rules) ? role.rules : [];
      }
      default:
        throw new RoleRefError(`unsupported role reference kind: ${JSON.stringify(roleRef.kind)}`);
    }
  }

  /** VisitRulesFor: cluster-wide bindings first, then the namespace's RoleBindings; stops when `visit` returns false. */
  private async visitRulesFor(user: UserInfo, namespace: string, visit: Visitor): Promise<void> {
    const s = this.current();
    const walk = async <B extends ClusterRoleBinding | RoleBinding>(
      index: () => Promise<SubjectIndex<B>>,
      kind: 'ClusterRoleBinding' | 'RoleBinding',
      bindingNamespace: string,
    ): Promise<boolean> => {
      let matches: BindingMatch<B>[];
      try {
        matches = (await index()).match(user);
      } catch (err) {
        return visit(undefined, undefined, asError(err));
      }
      for (const m of matches) {
        let rules: PolicyRule[];
        try {
          rules = await this.roleRefRules(m.binding.roleRef, bindingNamespace, s);
        } catch (err) {
          if (!visit(undefined, undefined, asError(err))) return false;
          continue;
        }
        const origin = () => describeBinding(m, kind);
        for (const rule of rules) if (!visit(origin, rule, undefined)) return false;
      }
      return true;
    };
    if (!(await walk(() => this.clusterIndex(s), 'ClusterRoleBinding', ''))) return;
    if (namespace) await walk(() => this.namespaceIndex(s, namespace), 'RoleBinding', namespace);
  }
}
