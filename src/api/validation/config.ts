/** ConfigMaps, Secrets, ServiceAccounts, LimitRanges and ResourceQuotas (core validation). */
import { nameIsDNSSubdomain } from '../../machinery/index.js';
import { type Errs, arr, duplicate, forbidden, invalid, invalids, isRecord, key, rec, required, semanticEqual, str, tooLong, asGo } from './helpers.js';
import { isConfigMapKey } from './formats.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { quantityAt, validateContainerResourceName, validateResourceName, validateResourceQuantityValue } from './resources.js';

type Obj = Record<string, unknown>;

const META = { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true };
/** MaxSecretSize: 1 MiB, for Secret data and for ConfigMap data + binaryData. */
export const MAX_SECRET_SIZE = 1024 * 1024;

/** Decoded length of a base64 value (Kubernetes counts bytes after decoding). */
function base64Length(v: unknown): number {
  return Buffer.from(str(v), 'base64').length;
}

export function validateConfigMapCreate(cm: Obj): Errs {
  const errs = validateObjectMeta(cm.metadata, META);
  const data = rec(cm.data);
  const binary = rec(cm.binaryData);
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...invalids(key('data', k), k, isConfigMapKey(k)));
    if (k in binary) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(str(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    errs.push(...invalids(key('binaryData', k), k, isConfigMapKey(k)));
    size += base64Length(v);
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE));
  return errs;
}

function immutableDataErrors(obj: Obj, old: Obj, { fields }: { fields: readonly string[] }): Errs {
  if (old.immutable !== true) return [];
  const errs: Errs = [];
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!semanticEqual(obj[f], old[f])) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

export function validateConfigMapUpdate(cm: Obj, old: Obj): Errs {
  return [...validateObjectMetaUpdate(cm.metadata, old.metadata, META), ...immutableDataErrors(cm, old, { fields: ['data', 'binaryData'] }), ...validateConfigMapCreate(cm)];
}

const SA_TOKEN = 'kubernetes.io/service-account-token';

/** ValidateSecret, including the per-type required keys. */
export function validateSecretCreate(secret: Obj): Errs {
  const errs = validateObjectMeta(secret.metadata, META);
  const data = rec(secret.data);
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...invalids(key('data', k), k, isConfigMapKey(k)));
    size += base64Length(v);
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const need = (k: string) => {
    if (!(k in data)) errs.push(required(key('data', k)));
  };
  switch (str(secret.type)) {
    case SA_TOKEN:
      if (!str(rec(rec(secret.metadata).annotations)['kubernetes.io/service-account.name'])) {
        errs.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      need('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      need('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) {
        need('username');
        need('password');
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!str(data['ssh-privatekey'])) errs.push(required(key('data', 'ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      need('tls.crt');
      need('tls.key');
      break;
    default:
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata, META);
  if (str(secret.type) !== str(old.type)) errs.push(invalid('type', str(secret.type), 'field is immutable'));
  return [...errs, ...immutableDataErrors(secret, old, { fields: ['data'] }), ...validateSecretCreate(secret)];
}

export const validateServiceAccountCreate = (sa: Obj): Errs => validateObjectMeta(sa.metadata, META);
export const validateServiceAccountUpdate = (sa: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(sa.metadata, old.metadata, META), ...validateServiceAccountCreate(sa)];

const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

/** ValidateLimitRange: names, and min ≤ defaultRequest ≤ default ≤ max per resource. */
export function validateLimitRangeCreate(lr: Obj): Errs {
  const errs = validateObjectMeta(lr.metadata, META);
  const seenTypes = new Set<string>();
  arr(rec(lr.spec).limits).forEach((raw, i) => {
    const item = rec(raw);
    const p = `spec.limits[${i}]`;
    const type = str(item.type);
    if (!type.includes('/') && !LIMIT_TYPES.has(type)) errs.push(invalid(`${p}.type`, type, 'must be a standard limit type or fully qualified'));
    if (seenTypes.has(type)) errs.push(duplicate(`${p}.type`, type));
    seenTypes.add(type);
    const nameCheck = type === 'Pod' || type === 'Container' ? validateContainerResourceName : validateResourceName;
    const lists: Record<string, Map<string, ReturnType<typeof quantityAt>>> = {};
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      lists[f] = new Map();
      if (type === 'Pod' && (f === 'default' || f === 'defaultRequest')) {
        if (Object.keys(rec(item[f])).length) errs.push(forbidden(`${p}.${f}`, "may not be specified when `type` is 'Pod'"));
        continue;
      }
      for (const [name, v] of Object.entries(rec(item[f]))) {
        errs.push(...nameCheck(name, key(`${p}.${f}`, name)));
        lists[f]!.set(name, quantityAt(v, key(`${p}.${f}`, name), errs));
      }
    }
    // [lower, higher, field reported at, value reported (a = lower, b = higher), message]
    const checks: [string, string, string, 'a' | 'b', string][] = [
      ['min', 'max', 'min', 'a', 'min value %a is greater than max value %b'],
      ['min', 'defaultRequest', 'defaultRequest', 'b', 'min value %a is greater than default request value %b'],
      ['defaultRequest', 'max', 'defaultRequest', 'a', 'default request value %a is greater than max value %b'],
      ['defaultRequest', 'default', 'defaultRequest', 'a', 'default request value %a is greater than default limit value %b'],
      ['min', 'default', 'default', 'a', 'min value %a is greater than default value %b'],
      ['default', 'max', 'default', 'b', 'default value %a is greater than max value %b'],
    ];
    for (const [lo, hi, at, which, msg] of checks) {
      for (const [name, a] of lists[lo]!) {
        const b = lists[hi]!.get(name);
        if (a && b && a.cmp(b) > 0) {
          errs.push(invalid(key(`${p}.${at}`, name), (which === 'a' ? a : b).toString(), msg.replace('%a', a.toString()).replace('%b', b.toString())));
        }
      }
    }
    for (const [name, r] of lists.maxLimitRequestRatio!) {
      if (r && r.scaledValue(-3) < 1000n) errs.push(invalid(key(`${p}.maxLimitRequestRatio`, name), r.toString(), `ratio ${r.toString()} is less than 1`));
    }
  });
  return errs;
}

export const validateLimitRangeUpdate = (lr: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(lr.metadata, old.metadata, META), ...validateLimitRangeCreate(lr)];

function quotaListErrors(list: unknown, path: string): Errs {
  const errs: Errs = [];
  for (const [name, v] of Object.entries(rec(list))) {
    const p = key(path, name);
    errs.push(...validateResourceName(name, p));
    if (!name.includes('/') && validateResourceName(name, p).length === 0 && !isQuotaResource(name)) {
      errs.push(invalid(p, name, 'must be a standard resource for quota'));
    }
    const q = quantityAt(v, p, errs);
    if (q) errs.push(...validateResourceQuantityValue(name, q, p));
  }
  return errs;
}

const QUOTA_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);
const isQuotaResource = (name: string): boolean => QUOTA_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

const QUOTA_SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);

export function validateResourceQuotaCreate(rq: Obj): Errs {
  const spec = rec(rq.spec);
  const errs = [...validateObjectMeta(rq.metadata, META), ...quotaListErrors(spec.hard, 'spec.hard')];
  const scopes = arr(spec.scopes).map(str);
  for (const s of scopes) if (!QUOTA_SCOPES.has(s)) errs.push(invalid('spec.scopes', asGo(scopes, 'stringSlice'), 'unsupported scope'));
  const has = (s: string) => scopes.includes(s);
  if ((has('BestEffort') && has('NotBestEffort')) || (has('Terminating') && has('NotTerminating'))) {
    errs.push(invalid('spec.scopes', asGo(scopes, 'stringSlice'), 'conflicting scopes'));
  }
  if (isRecord(spec.scopeSelector)) {
    arr(spec.scopeSelector.matchExpressions).forEach((raw) => {
      const req = rec(raw);
      const p = 'spec.scopeSelector.matchExpressions';
      if (!QUOTA_SCOPES.has(str(req.scopeName))) errs.push(invalid(`${p}.scopeName`, str(req.scopeName), 'unsupported scope'));
      const values = arr(req.values);
      if (req.operator === 'In' || req.operator === 'NotIn') {
        if (values.length === 0) errs.push(required(`${p}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
      } else if (req.operator === 'Exists' || req.operator === 'DoesNotExist') {
        if (values.length) errs.push(invalid(`${p}.values`, asGo(values, 'stringSlice'), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      } else errs.push(invalid(`${p}.operator`, str(req.operator), 'not a valid selector operator'));
    });
  }
  errs.push(...quotaListErrors(rec(rq.status).hard, 'status.hard'), ...quotaListErrors(rec(rq.status).used, 'status.used'));
  return errs;
}

export function validateResourceQuotaUpdate(rq: Obj, old: Obj): Errs {
  const errs = [...validateObjectMetaUpdate(rq.metadata, old.metadata, META), ...quotaListErrors(rec(rq.spec).hard, 'spec.hard')];
  const scopes = new Set(arr(rec(rq.spec).scopes).map(str));
  const oldScopes = new Set(arr(rec(old.spec).scopes).map(str));
  if (scopes.size !== oldScopes.size || [...scopes].some((s) => !oldScopes.has(s))) {
    errs.push(invalid('spec.scopes', asGo(arr(rec(rq.spec).scopes), 'stringSlice'), 'field is immutable'));
  }
  return errs;
}

export function validateResourceQuotaStatusUpdate(rq: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata, META);
  if (!str(rec(rq.metadata).resourceVersion)) errs.push(required('resourceVersion'));
  return [...errs, ...quotaListErrors(rec(rq.status).hard, 'status.hard'), ...quotaListErrors(rec(rq.status).used, 'status.used')];
}
