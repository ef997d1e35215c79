/**
 * The seams of the RBAC package: where roles, bindings and pods come from, and what a rule resolver answers.
 * Everything here is read-only: implementations hand out objects the authorizer never mutates.
 */
import type { ClusterRole, ClusterRoleBinding, KubeObject, Pod, PolicyRule, Role, RoleBinding } from '../../api/index.js';
import type { UserInfo } from '../registry/context.js';

export type MaybePromise<T> = T | Promise<T>;

/** The part of a PersistentVolumeClaim the node authorizer reads. */
export interface ClaimView extends KubeObject {
  spec?: { volumeName?: string };
}

/** The API group of every RBAC object. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** Members of this group may do anything (Kubernetes' `user.SystemPrivilegedGroup`). */
export const SYSTEM_MASTERS = 'system:masters';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';

/**
 * Where the RBAC authorizer reads roles and bindings. The lead backs it with the watch caches (synchronous reads);
 * a store-backed implementation may return promises.
 *
 * Contract:
 * - Reads reflect one consistent-enough view: a binding may briefly refer to a role the source has not seen yet, which
 *   the authorizer reports as a resolution error, never as an allow.
 * - `revision()`, when provided, changes whenever any Role, ClusterRole, RoleBinding or ClusterRoleBinding changes
 *   (a watch cache's resourceVersion qualifies; spurious changes only cost a rebuild). The authorizer keeps its subject
 *   index and its aggregated-role rules for as long as the revision stays the same. Without it, both are rebuilt on
 *   every call: correct, but linear in the number of bindings per request.
 */
export interface RbacSource {
  getRole(namespace: string, name: string): MaybePromise<Readonly<Role> | undefined>;
  /** Roles of one namespace. Not needed to authorize; tools that describe a namespace's policy use it. */
  listRoles?(namespace: string): MaybePromise<readonly Readonly<Role>[]>;
  getClusterRole(name: string): MaybePromise<Readonly<ClusterRole> | undefined>;
  listClusterRoles(): MaybePromise<readonly Readonly<ClusterRole>[]>;
  listRoleBindings(namespace: string): MaybePromise<readonly Readonly<RoleBinding>[]>;
  listClusterRoleBindings(): MaybePromise<readonly Readonly<ClusterRoleBinding>[]>;
  revision?(): string | number;
}

/**
 * What the node authorizer reads about pods (and, optionally, claims) to decide whether an object is related to a node.
 */
export interface PodSource {
  getPod(namespace: string, name: string): MaybePromise<Readonly<Pod> | undefined>;
  /** Pods whose `spec.nodeName` is `nodeName`, in every namespace. */
  listPodsOnNode(nodeName: string): MaybePromise<readonly Readonly<Pod>[]>;
  /** Needed only to relate PersistentVolumes to a node (node ← pod ← pvc ← pv); without it PV reads are refused. */
  getPersistentVolumeClaim?(namespace: string, name: string): MaybePromise<Readonly<ClaimView> | undefined>;
}

/** The rules a user holds, as Kubernetes' AuthorizationRuleResolver.RulesFor returns them. */
export interface ResolvedRules {
  /** Every rule that could be resolved; rules are additive, so a partial list is still safe to use for allows. */
  rules: PolicyRule[];
  /** Why some rules could not be resolved (missing roles, unreadable sources), worded as Kubernetes words them. */
  errors: string[];
}

/** What escalation checks need from RBAC: the user's own rules and the rules a roleRef grants. */
export interface RuleResolver {
  resolveRules(user: UserInfo, namespace: string): Promise<ResolvedRules>;
  /**
   * The rules of the Role (in `bindingNamespace`) or ClusterRole a binding refers to. Throws 404 NotFound ApiError
   * (`clusterrole.rbac.authorization.k8s.io "x" not found`) when it does not exist, RoleRefError for an unknown kind.
   */
  getRoleReferenceRules(roleRef: { kind: string; name: string }, bindingNamespace: string): Promise<PolicyRule[]>;
}

/** SelfSubjectRulesReview's status (authorization.k8s.io/v1 SubjectRulesReviewStatus). */
export interface SubjectRulesReviewStatus {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
  evaluationError?: string;
}

/** An authorizer that can also enumerate a user's rules (Kubernetes' authorizer.RuleResolver). */
export interface RulesLister {
  rulesFor(user: UserInfo, namespace: string): Promise<SubjectRulesReviewStatus>;
}

/** A roleRef whose kind is neither Role nor ClusterRole. */
export class RoleRefError extends Error {
  override readonly name = 'RoleRefError';
}
