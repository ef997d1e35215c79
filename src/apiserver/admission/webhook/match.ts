/**
 * Which webhooks a request goes to (Kubernetes' generic.Webhook.ShouldCallHook): a rule must match the operation,
 * group, version, resource/subresource and scope; the namespaceSelector must match the namespace's labels (a namespace
 * request is matched against the namespace's own labels); the objectSelector must match the new or the old object.
 * Built-in kinds have no equivalent resources, so matchPolicy Equivalent matches exactly as Exact does.
 */
import type { KubeObject, LabelSelector, RuleWithOperations, ValidatingWebhook } from '../../../api/index.js';
import { type Selector, everything, internalError, selectorFromLabelSelector } from '../../../machinery/index.js';
import type { AdmissionAttributes } from '../../registry/context.js';
import type { NamespaceLookup } from '../namespace-lifecycle.js';

const ADMISSION_GROUP = 'admissionregistration.k8s.io';
const EXEMPT_RESOURCES = new Set([
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
]);

/**
 * IsExemptAdmissionConfigurationResource: requests for admission configuration itself never go to webhooks, so a
 * broken webhook can always be removed.
 */
export function isExemptFromWebhooks(attrs: AdmissionAttributes): boolean {
  return attrs.group === ADMISSION_GROUP && EXEMPT_RESOURCES.has(attrs.resource);
}

function isNamespaceRequest(attrs: AdmissionAttributes): boolean {
  return attrs.group === '' && attrs.resource === 'namespaces';
}

function exactOrWildcard(items: readonly string[] | undefined, value: string): boolean {
  return (items ?? []).some((i) => i === '*' || i === value);
}

function splitResource(spec: string): [string, string] {
  const i = spec.indexOf('/');
  return i < 0 ? [spec, ''] : [spec.slice(0, i), spec.slice(i + 1)];
}

/** rules.Matcher.Matches: every part of one rule matches the request. */
export function ruleMatches(rule: Readonly<RuleWithOperations>, attrs: AdmissionAttributes): boolean {
  if (!exactOrWildcard(rule.operations, attrs.operation)) return false;
  if (!exactOrWildcard(rule.apiGroups, attrs.group)) return false;
  if (!exactOrWildcard(rule.apiVersions, attrs.version)) return false;
  const resourceOk = (rule.resources ?? []).some((spec) => {
    const [res, sub] = splitResource(spec);
    return (res === '*' || res === attrs.resource) && (sub === '*' || sub === attrs.subresource);
  });
  if (!resourceOk) return false;
  const scope = rule.scope ?? '*';
  // A namespace object is cluster-scoped even though the request names a namespace.
  const clusterScoped = isNamespaceRequest(attrs) || attrs.namespace === '';
  if (scope === 'Cluster') return clusterScoped;
  if (scope === 'Namespaced') return !clusterScoped;
  return scope === '*';
}

function parseSelector(sel: LabelSelector | undefined, what: string, hook: string): Selector {
  // An absent selector is the API default `{}`: everything.
  if (sel === undefined || sel === null) return everything();
  try {
    return selectorFromLabelSelector(sel);
  } catch (err) {
    throw internalError(new Error(`webhook ${JSON.stringify(hook)}: invalid ${what}: ${(err as Error).message}`));
  }
}

/** The labels a namespaceSelector is matched against; `undefined` when the request is cluster-scoped. */
async function namespaceLabels(attrs: AdmissionAttributes, lookup: NamespaceLookup): Promise<Record<string, string> | undefined> {
  const nsRequest = isNamespaceRequest(attrs);
  if (nsRequest && attrs.subresource === '' && (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE')) {
    return attrs.object?.metadata.labels ?? {};
  }
  const name = nsRequest ? attrs.name || (attrs.object ?? attrs.oldObject)?.metadata.name || '' : attrs.namespace;
  if (!name) return undefined;
  const ns = await lookup.getNamespace(name);
  if (!ns) throw internalError(new Error(`namespaces ${JSON.stringify(name)} not found`));
  return ns.metadata.labels ?? {};
}

/** MatchNamespaceSelector: cluster-scoped requests (other than namespaces) always match. */
export async function namespaceSelectorMatches(hook: Readonly<ValidatingWebhook>, attrs: AdmissionAttributes, lookup: NamespaceLookup): Promise<boolean> {
  const selector = parseSelector(hook.namespaceSelector, 'namespaceSelector', hook.name);
  if (selector.empty()) return true;
  const labels = await namespaceLabels(attrs, lookup);
  return labels === undefined ? true : selector.matches(labels);
}

function objectLabelsMatch(obj: KubeObject | null, selector: Selector): boolean {
  return obj !== null && selector.matches(obj.metadata?.labels ?? {});
}

/** MatchObjectSelector: the new object or the old one matches. */
export function objectSelectorMatches(hook: Readonly<ValidatingWebhook>, attrs: AdmissionAttributes): boolean {
  const selector = parseSelector(hook.objectSelector, 'objectSelector', hook.name);
  if (selector.empty()) return true;
  return objectLabelsMatch(attrs.object, selector) || objectLabelsMatch(attrs.oldObject, selector);
}

/**
 * ShouldCallHook. Throws ApiError InternalError when a selector is invalid or the namespace cannot be found; those
 * are only looked at once a rule matched, so a broken webhook only affects the requests it would intercept.
 */
export async function shouldCallHook(hook: Readonly<ValidatingWebhook>, attrs: AdmissionAttributes, lookup: NamespaceLookup): Promise<boolean> {
  if (!(hook.rules ?? []).some((r) => ruleMatches(r, attrs))) return false;
  if (!objectSelectorMatches(hook, attrs)) return false;
  return namespaceSelectorMatches(hook, attrs, lookup);
}
