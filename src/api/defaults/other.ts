/** Defaulting of the remaining kinds: Namespace, Node, Secret, LimitRange, RBAC bindings, webhook configurations. */
import { type Obj, ensureObj, isObj, objAt, objsAt, defaultFields, defaultStrings } from './util.js';

/**
 * SetDefaults_Namespace (the `kubernetes.io/metadata.name` label), SetDefaults_NamespaceStatus (phase Active), and the
 * `kubernetes` finalizer the Namespace strategy adds on create.
 */
export function defaultNamespace(ns: Obj): void {
  const meta = ensureObj(ns, 'metadata');
  if (meta && typeof meta.name === 'string' && meta.name) {
    const labels = ensureObj(meta, 'labels');
    if (labels) labels['kubernetes.io/metadata.name'] = meta.name;
  }
  const spec = ensureObj(ns, 'spec');
  if (spec && (!Array.isArray(spec.finalizers) || spec.finalizers.length === 0)) spec.finalizers = ['kubernetes'];
  const status = ensureObj(ns, 'status');
  if (status) defaultStrings(status, { phase: 'Active' });
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
export function defaultNode(node: Obj): void {
  const status = objAt(node, 'status');
  if (status && isObj(status.capacity) && (status.allocatable === undefined || status.allocatable === null)) {
    status.allocatable = { ...status.capacity };
  }
}

/** SetDefaults_Secret: type Opaque. */
export function defaultSecret(secret: Obj): void {
  defaultStrings(secret, { type: 'Opaque' });
}

/** SetDefaults_LimitRangeItem: for Container items, default ← max, defaultRequest ← default, then ← min. */
export function defaultLimitRange(lr: Obj): void {
  const spec = objAt(lr, 'spec');
  for (const item of spec ? objsAt(spec, 'limits') : []) {
    if (item.type !== 'Container') continue;
    const def = ensureObj(item, 'default') ?? {};
    const defReq = ensureObj(item, 'defaultRequest') ?? {};
    for (const [k, v] of Object.entries(objAt(item, 'max') ?? {})) defaultFields(def, { [k]: v });
    for (const [k, v] of Object.entries(def)) defaultFields(defReq, { [k]: v });
    for (const [k, v] of Object.entries(objAt(item, 'min') ?? {})) defaultFields(defReq, { [k]: v });
  }
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** SetDefaults_RoleBinding / ClusterRoleBinding / Subject: the rbac API group where it is implied. */
export function defaultBinding(b: Obj): void {
  const ref = objAt(b, 'roleRef');
  if (ref) defaultStrings(ref, { apiGroup: RBAC_GROUP });
  for (const s of objsAt(b, 'subjects')) {
    if (s.apiGroup) continue;
    if (s.kind === 'ServiceAccount') s.apiGroup = '';
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  }
}

/** SetDefaults_{Validating,Mutating}Webhook, SetDefaults_Rule, SetDefaults_ServiceReference. */
export function defaultWebhookConfiguration(cfg: Obj, mutating: boolean): void {
  for (const hook of objsAt(cfg, 'webhooks')) {
    defaultFields(hook, { failurePolicy: 'Fail', matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, sideEffects: 'Unknown', timeoutSeconds: 30 });
    if (mutating) defaultFields(hook, { reinvocationPolicy: 'Never' });
    if (!Array.isArray(hook.admissionReviewVersions) || hook.admissionReviewVersions.length === 0) hook.admissionReviewVersions = ['v1'];
    for (const rule of objsAt(hook, 'rules')) defaultFields(rule, { scope: '*' });
    const svc = objAt(objAt(hook, 'clientConfig') ?? {}, 'service');
    if (svc) defaultFields(svc, { port: 443 });
  }
}
