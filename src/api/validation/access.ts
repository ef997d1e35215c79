/** rbac.authorization.k8s.io, authorization.k8s.io reviews, admissionregistration.k8s.io webhooks. */
import { parse as parseCel } from '@marcbachmann/cel-js';
import { isDNS1123Subdomain, nameIsDNSSubdomain, nameIsPathSegment, validateQualifiedName } from '../../machinery/index.js';
import {
  type Errs,
  arr,
  child,
  duplicate,
  index,
  invalid,
  invalids,
  isRecord,
  notSupported,
  portNumErrors,
  rec,
  required,
  semanticEqual,
  str,
  asGo,
  tooMany,
} from './helpers.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validateLabelSelector } from './selectors.js';

type Obj = Record<string, unknown>;

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function policyRuleErrors(rule: Obj, { namespaced, path }: { namespaced: boolean; path: string }): Errs {
  const errs: Errs = [];
  if (arr(rule.verbs).length === 0) errs.push(required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls = arr(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(child(path, 'nonResourceURLs'), asGo(urls, 'stringSlice'), 'namespaced rules cannot apply to non-resource URLs'));
    if (arr(rule.apiGroups).length || arr(rule.resources).length || arr(rule.resourceNames).length) {
      errs.push(invalid(child(path, 'nonResourceURLs'), asGo(urls, 'stringSlice'), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (arr(rule.apiGroups).length === 0) errs.push(required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (arr(rule.resources).length === 0) errs.push(required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

const rulesErrors = (obj: Obj, namespaced: boolean): Errs => arr(obj.rules).flatMap((r, i) => policyRuleErrors(rec(r), { namespaced, path: `rules[${i}]` }));

export const validateRoleCreate = (r: Obj): Errs => [...validateObjectMeta(r.metadata, { namespaced: true, nameFn: nameIsPathSegment }), ...rulesErrors(r, true)];
export const validateRoleUpdate = (r: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(r.metadata, old.metadata), ...validateRoleCreate(r)];

export function validateClusterRoleCreate(r: Obj): Errs {
  const errs = [...validateObjectMeta(r.metadata, { namespaced: false, nameFn: nameIsPathSegment }), ...rulesErrors(r, false)];
  if (isRecord(r.aggregationRule)) {
    const selectors = arr(r.aggregationRule.clusterRoleSelectors);
    if (selectors.length === 0) errs.push(required('aggregationRule', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  return errs;
}
export const validateClusterRoleUpdate = (r: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(r.metadata, old.metadata), ...validateClusterRoleCreate(r)];

function subjectErrors(s: Obj, { namespaced, path }: { namespaced: boolean; path: string }): Errs {
  const errs: Errs = [];
  const name = str(s.name);
  if (!name) errs.push(required(child(path, 'name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name) errs.push(...invalids(child(path, 'name'), name, nameIsDNSSubdomain(name, false)));
      if (str(s.apiGroup)) errs.push(notSupported(child(path, 'apiGroup'), s.apiGroup, ['']));
      if (!namespaced && !str(s.namespace)) errs.push(required(child(path, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(child(path, 'apiGroup'), str(s.apiGroup), [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(child(path, 'kind'), str(s.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function bindingErrors(b: Obj, namespaced: boolean): Errs {
  const errs = validateObjectMeta(b.metadata, { namespaced, nameFn: nameIsPathSegment });
  const ref = rec(b.roleRef);
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', str(ref.apiGroup), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) errs.push(notSupported('roleRef.kind', str(ref.kind), kinds));
  const name = str(ref.name);
  if (!name) errs.push(required('roleRef.name'));
  else errs.push(...invalids('roleRef.name', name, nameIsPathSegment(name, false)));
  arr(b.subjects).forEach((s, i) => errs.push(...subjectErrors(rec(s), { namespaced, path: `subjects[${i}]` })));
  return errs;
}

function bindingUpdateErrors(b: Obj, old: Obj, { namespaced }: { namespaced: boolean }): Errs {
  const errs = [...validateObjectMetaUpdate(b.metadata, old.metadata), ...bindingErrors(b, namespaced)];
  if (!semanticEqual(b.roleRef, old.roleRef)) errs.push(invalid('roleRef', b.roleRef, 'cannot change roleRef'));
  return errs;
}

export const validateRoleBindingCreate = (b: Obj): Errs => bindingErrors(b, true);
export const validateRoleBindingUpdate = (b: Obj, old: Obj): Errs => bindingUpdateErrors(b, old, { namespaced: true });
export const validateClusterRoleBindingCreate = (b: Obj): Errs => bindingErrors(b, false);
export const validateClusterRoleBindingUpdate = (b: Obj, old: Obj): Errs => bindingUpdateErrors(b, old, { namespaced: false });

function reviewMetaErrors(review: Obj): Errs {
  return semanticEqual(review.metadata, {}) ? [] : [invalid('metadata', review.metadata, 'must be empty')];
}

function attributesErrors(spec: Obj): Errs {
  const hasRes = isRecord(spec.resourceAttributes);
  const hasNonRes = isRecord(spec.nonResourceAttributes);
  if (hasRes && hasNonRes) return [invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes')];
  if (!hasRes && !hasNonRes) return [invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  return [];
}

/** ValidateSubjectAccessReview: empty metadata, one kind of attributes, a user or a group. */
export function validateSubjectAccessReview(r: Obj): Errs {
  const spec = rec(r.spec);
  const errs = [...attributesErrors(spec)];
  if (!str(spec.user) && arr(spec.groups).length === 0) errs.push(invalid('spec.user', str(spec.user), 'at least one of user or group must be specified'));
  return [...errs, ...reviewMetaErrors(r)];
}

/** ValidateSelfSubjectAccessReview: empty metadata and one kind of attributes. */
export const validateSelfSubjectAccessReview = (r: Obj): Errs => [...attributesErrors(rec(r.spec)), ...reviewMetaErrors(r)];

/** SelfSubjectRulesReview has no validation beyond decoding in Kubernetes; the namespace is checked by the REST handler. */
export const validateSelfSubjectRulesReview = (_r: Obj): Errs => [];

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];

function fullyQualifiedNameErrors(name: string, path: string): Errs {
  if (!name) return [required(path)];
  const sub = isDNS1123Subdomain(name);
  if (sub.length) return [invalid(path, name, sub.join(','))];
  if (name.split('.').length < 3) return [invalid(path, name, 'should be a domain with at least three segments separated by dots')];
  return [];
}

function ruleErrors(rule: Obj, path: string): Errs {
  const errs: Errs = [];
  const ops = arr(rule.operations).map(str);
  if (ops.length === 0) errs.push(required(child(path, 'operations')));
  if (ops.length > 1 && ops.includes('*')) errs.push(invalid(child(path, 'operations'), asGo(ops, 'stringSlice'), "if '*' is present, must not specify other operations"));
  ops.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errs.push(notSupported(index(child(path, 'operations'), i), op, OPERATIONS));
  });
  for (const f of ['apiGroups', 'apiVersions', 'resources']) if (arr(rule[f]).length === 0) errs.push(required(child(path, f)));
  if (rule.scope !== undefined && rule.scope !== null && !['*', 'Cluster', 'Namespaced'].includes(str(rule.scope))) {
    errs.push(notSupported(child(path, 'scope'), rule.scope, ['*', 'Cluster', 'Namespaced']));
  }
  return errs;
}

function clientConfigErrors(cc: Obj, path: string): Errs {
  const hasUrl = typeof cc.url === 'string';
  const hasSvc = isRecord(cc.service);
  if (hasUrl === hasSvc) return [required(path, 'exactly one of url or service is required')];
  if (hasUrl) {
    const url = str(cc.url);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      return [invalid(child(path, 'url'), url, 'host must be specified')];
    }
    if (parsed.protocol !== 'https:') return [invalid(child(path, 'url'), url, "'https' is the only allowed URL scheme")];
    return [];
  }
  const svc = rec(cc.service);
  const sp = child(path, 'service');
  const errs: Errs = [];
  if (!str(svc.name)) errs.push(required(child(sp, 'name'), 'service name is required'));
  if (!str(svc.namespace)) errs.push(required(child(sp, 'namespace'), 'service namespace is required'));
  if (svc.port !== undefined) errs.push(...invalids(child(sp, 'port'), svc.port, portNumErrors(svc.port).map(() => 'port is not valid: must be between 1 and 65535, inclusive')));
  if (typeof svc.path === 'string' && !svc.path.startsWith('/')) errs.push(invalid(child(sp, 'path'), svc.path, "must start with a '/'"));
  return errs;
}

function webhookErrors(hook: Obj, { mutating, path }: { mutating: boolean; path: string }): Errs {
  const errs = [...fullyQualifiedNameErrors(str(hook.name), child(path, 'name'))];
  arr(hook.rules).forEach((r, i) => errs.push(...ruleErrors(rec(r), index(child(path, 'rules'), i))));
  if (hook.failurePolicy !== undefined && !['Fail', 'Ignore'].includes(str(hook.failurePolicy))) {
    errs.push(notSupported(child(path, 'failurePolicy'), hook.failurePolicy, ['Fail', 'Ignore']));
  }
  if (hook.matchPolicy !== undefined && !['Equivalent', 'Exact'].includes(str(hook.matchPolicy))) {
    errs.push(notSupported(child(path, 'matchPolicy'), hook.matchPolicy, ['Equivalent', 'Exact']));
  }
  if (hook.sideEffects === undefined || hook.sideEffects === null) errs.push(required(child(path, 'sideEffects'), 'must specify one of None, NoneOnDryRun'));
  else if (!['None', 'NoneOnDryRun'].includes(str(hook.sideEffects))) errs.push(notSupported(child(path, 'sideEffects'), hook.sideEffects, ['None', 'NoneOnDryRun']));
  const versions = arr(hook.admissionReviewVersions).map(str);
  if (versions.length === 0) errs.push(required(child(path, 'admissionReviewVersions'), 'must specify one of v1, v1beta1'));
  else if (!versions.some((v) => v === 'v1' || v === 'v1beta1')) errs.push(invalid(child(path, 'admissionReviewVersions'), asGo(versions, 'stringSlice'), 'must include at least one of v1, v1beta1'));
  if (typeof hook.timeoutSeconds === 'number' && (hook.timeoutSeconds < 1 || hook.timeoutSeconds > 30)) {
    errs.push(invalid(child(path, 'timeoutSeconds'), hook.timeoutSeconds, 'the timeout value must be between 1 and 30 seconds'));
  }
  if (mutating && hook.reinvocationPolicy !== undefined && !['IfNeeded', 'Never'].includes(str(hook.reinvocationPolicy))) {
    errs.push(notSupported(child(path, 'reinvocationPolicy'), hook.reinvocationPolicy, ['IfNeeded', 'Never']));
  }
  errs.push(...validateLabelSelector(hook.namespaceSelector, child(path, 'namespaceSelector')));
  errs.push(...validateLabelSelector(hook.objectSelector, child(path, 'objectSelector')));
  errs.push(...clientConfigErrors(rec(hook.clientConfig), child(path, 'clientConfig')));
  errs.push(...matchConditionErrors(arr(hook.matchConditions), child(path, 'matchConditions')));
  return errs;
}

/** The most matchConditions a webhook may have. */
const MAX_MATCH_CONDITIONS = 64;

/** validateMatchConditions: named (qualified, unique), at most 64, each a CEL expression that parses. */
function matchConditionErrors(conds: readonly unknown[], path: string): Errs {
  const errs: Errs = [];
  if (conds.length > MAX_MATCH_CONDITIONS) errs.push(tooMany(path, conds.length, MAX_MATCH_CONDITIONS));
  const names = new Set<string>();
  conds.forEach((raw, i) => {
    const c = rec(raw);
    const p = index(path, i);
    const name = str(c.name);
    if (!name) errs.push(required(child(p, 'name'), ''));
    else {
      errs.push(...validateQualifiedName(name, child(p, 'name')));
      if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      names.add(name);
    }
    const expression = str(c.expression);
    if (!expression) {
      errs.push(required(child(p, 'expression'), ''));
      return;
    }
    try {
      parseCel(expression);
    } catch (err) {
      errs.push(invalid(child(p, 'expression'), expression, `compilation failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`));
    }
  });
  return errs;
}

function webhookConfigErrors(cfg: Obj, mutating: boolean): Errs {
  const errs = validateObjectMeta(cfg.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain });
  const names = new Set<string>();
  arr(cfg.webhooks).forEach((raw, i) => {
    const hook = rec(raw);
    const p = `webhooks[${i}]`;
    errs.push(...webhookErrors(hook, { mutating, path: p }));
    const name = str(hook.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    names.add(name);
  });
  return errs;
}

export const validateMutatingWebhookConfigurationCreate = (c: Obj): Errs => webhookConfigErrors(c, true);
export const validateMutatingWebhookConfigurationUpdate = (c: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(c.metadata, old.metadata), ...webhookConfigErrors(c, true)];
export const validateValidatingWebhookConfigurationCreate = (c: Obj): Errs => webhookConfigErrors(c, false);
export const validateValidatingWebhookConfigurationUpdate = (c: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(c.metadata, old.metadata), ...webhookConfigErrors(c, false)];
