/** Scheduling constraints in a PodSpec: tolerations, node/pod affinity, topology spread (core validation). */
import { isValidLabelValue, nameIsDNSSubdomain, validateNamespaceName, validateQualifiedName } from '../../machinery/index.js';
import {
  type Errs,
  arr,
  child,
  duplicate,
  forbidden,
  index,
  invalid,
  invalids,
  isRecord,
  notSupported,
  rec,
  required,
  str,
} from './helpers.js';
import { validateLabelSelector } from './selectors.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTaintEffect. */
export function taintEffectErrors(effect: unknown, { allowEmpty, path }: { allowEmpty: boolean; path: string }): Errs {
  const e = str(effect);
  if (!allowEmpty && !e) return [required(path)];
  return TAINT_EFFECTS.includes(e) ? [] : [notSupported(path, e, TAINT_EFFECTS)];
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(tolerations).forEach((raw, i) => {
    const t = rec(raw);
    const p = index(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    const value = str(t.value);
    if (k) errs.push(...validateQualifiedName(k, child(p, 'key')));
    if (!k && op !== 'Exists') {
      errs.push(invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(child(p, 'effect'), str(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length) errs.push(invalid(child(p, 'operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value) errs.push(invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (str(t.effect)) errs.push(...taintEffectErrors(t.effect, { allowEmpty: true, path: child(p, 'effect') }));
  });
  return errs;
}

function nodeSelectorRequirementErrors(rq: Record<string, unknown>, { checkValues, path }: TermRules): Errs {
  const errs: Errs = [];
  const values = arr(rq.values).map(str);
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(path, 'operator'), str(rq.operator), 'not a valid selector operator'));
  }
  errs.push(...validateQualifiedName(str(rq.key), child(path, 'key')));
  if (checkValues) values.forEach((v, i) => errs.push(...invalids(index(child(path, 'values'), i), v, isValidLabelValue(v))));
  return errs;
}

/** Where a node selector term sits, and whether its values must be valid label values (not for preferences). */
interface TermRules {
  checkValues: boolean;
  path: string;
}

function nodeSelectorTermErrors(term: Record<string, unknown>, { checkValues, path }: TermRules): Errs {
  const errs: Errs = [];
  arr(term.matchExpressions).forEach((r, j) => errs.push(...nodeSelectorRequirementErrors(rec(r), { checkValues, path: index(child(path, 'matchExpressions'), j) })));
  arr(term.matchFields).forEach((raw, j) => {
    const r = rec(raw);
    const p = index(child(path, 'matchFields'), j);
    const values = arr(r.values).map(str);
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if (values.length !== 1) errs.push(required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else errs.push(invalid(child(p, 'operator'), str(r.operator), 'not a valid selector operator'));
    if (r.key !== 'metadata.name') errs.push(invalid(child(p, 'key'), str(r.key), 'not a valid field selector key'));
    else values.forEach((v, i) => errs.push(...invalids(index(child(p, 'values'), i), v, nameIsDNSSubdomain(v, false))));
  });
  return errs;
}

function podAffinityTermErrors(term: Record<string, unknown>, path: string): Errs {
  const errs = [...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')), ...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector'))];
  for (const ns of arr(term.namespaces).map(str)) errs.push(...invalids(child(path, 'namespace'), ns, validateNamespaceName(ns, false)));
  const topologyKey = str(term.topologyKey);
  if (!topologyKey) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateQualifiedName(topologyKey, child(path, 'topologyKey')));
  return errs;
}

function weightErrors(weight: unknown, path: string): Errs {
  return typeof weight === 'number' && weight >= 1 && weight <= 100 ? [] : [invalid(path, weight ?? 0, 'must be in the range 1-100')];
}

function podAffinityErrors(aff: Record<string, unknown>, path: string): Errs {
  const errs: Errs = [];
  const req = child(path, 'requiredDuringSchedulingIgnoredDuringExecution');
  arr(aff.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => errs.push(...podAffinityTermErrors(rec(t), index(req, i))));
  const pref = child(path, 'preferredDuringSchedulingIgnoredDuringExecution');
  arr(aff.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
    const w = rec(raw);
    errs.push(...weightErrors(w.weight, child(index(pref, i), 'weight')));
    errs.push(...podAffinityTermErrors(rec(w.podAffinityTerm), child(index(pref, i), 'podAffinityTerm')));
  });
  return errs;
}

/** validateAffinity. */
export function validateAffinity(affinity: unknown, path: string): Errs {
  if (!isRecord(affinity)) return [];
  const errs: Errs = [];
  if (isRecord(affinity.nodeAffinity)) {
    const na = affinity.nodeAffinity;
    const np = child(path, 'nodeAffinity');
    if (isRecord(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      const termsPath = child(np, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      const terms = arr(na.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms);
      if (terms.length === 0) errs.push(required(termsPath, 'must have at least one node selector term'));
      terms.forEach((t, i) => errs.push(...nodeSelectorTermErrors(rec(t), { checkValues: true, path: index(termsPath, i) })));
    }
    const pref = child(np, 'preferredDuringSchedulingIgnoredDuringExecution');
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
      const t = rec(raw);
      errs.push(...weightErrors(t.weight, child(index(pref, i), 'weight')));
      errs.push(...nodeSelectorTermErrors(rec(t.preference), { checkValues: false, path: child(index(pref, i), 'preference') }));
    });
  }
  if (isRecord(affinity.podAffinity)) errs.push(...podAffinityErrors(affinity.podAffinity, child(path, 'podAffinity')));
  if (isRecord(affinity.podAntiAffinity)) errs.push(...podAffinityErrors(affinity.podAntiAffinity, child(path, 'podAntiAffinity')));
  return errs;
}

/** validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(constraints: unknown, path: string): Errs {
  const errs: Errs = [];
  const list = arr(constraints).map(rec);
  list.forEach((c, i) => {
    const p = index(path, i);
    if (typeof c.maxSkew !== 'number' || c.maxSkew <= 0) errs.push(invalid(child(p, 'maxSkew'), c.maxSkew ?? 0, 'must be greater than zero'));
    if (!str(c.topologyKey)) errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(child(p, 'whenUnsatisfiable'), str(c.whenUnsatisfiable), ['DoNotSchedule', 'ScheduleAnyway']));
    }
    const dup = list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (dup) errs.push(duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${str(c.topologyKey)}, ${str(c.whenUnsatisfiable)}}`));
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (typeof c.minDomains !== 'number' || c.minDomains <= 0) errs.push(invalid(child(p, 'minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(invalid(child(p, 'minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${str(c.whenUnsatisfiable)}`));
      }
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[f] !== undefined && c[f] !== null && c[f] !== 'Honor' && c[f] !== 'Ignore') errs.push(notSupported(child(p, f), c[f], ['Honor', 'Ignore']));
    }
    errs.push(...validateLabelSelector(c.labelSelector, child(p, 'labelSelector')));
  });
  return errs;
}
