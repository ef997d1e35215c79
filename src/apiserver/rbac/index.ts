/** rbac: Kubernetes' RBAC and node authorizers, bootstrap policy, escalation checks and RBAC object validation. */
export { RbacAuthorizer, type RbacAuthorizerOptions } from './authorizer.js';
export { NodeAuthorizer, type NodeAuthorizerOptions, nodeIdentity, NODE_USER_PREFIX, NODES_GROUP, NODE_LEASE_NAMESPACE } from './node-authorizer.js';
export { unionAuthorizer } from './union.js';
export { forbiddenError, forbiddenMessage } from './forbidden.js';
export { aggregateClusterRoles, aggregatedRules, isAggregated, type AggregationUpdate } from './aggregation.js';
export {
  checkRoleEscalation,
  checkBindingEscalation,
  escalationAllowed,
  isOnlyMutatingGCFields,
  type EscalationDeps,
  type RoleWrite,
  type BindingWrite,
} from './escalation.js';
export { covers, breakdownRule, compactRules, compactString } from './covers.js';
export { ruleAllows, rulesAllow } from './rule-match.js';
export { rbacValidators, type RbacKind, type RbacValidator } from './validation.js';
export { bootstrapPolicy, type BootstrapPolicy, BOOTSTRAP_LABEL, AUTOUPDATE_ANNOTATION } from './bootstrap/policy.js';
export { nodeRules } from './bootstrap/rules.js';
export { MemoryRbacSource, memoryPodSource, type RbacObjects } from './memory-source.js';
export { podReferences, type PodReferences } from './pod-references.js';
export {
  type RbacSource,
  type PodSource,
  type ClaimView,
  type RuleResolver,
  type ResolvedRules,
  type RulesLister,
  type SubjectRulesReviewStatus,
  type MaybePromise,
  RoleRefError,
  RBAC_GROUP,
  SYSTEM_MASTERS,
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
} from './types.js';
