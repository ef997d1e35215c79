/** Namespaces and Nodes (core validation). */
import { FieldError, isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain, validateQualifiedName } from '../../machinery/index.js';
import { type Errs, arr, duplicate, forbidden, invalid, invalids, rec, str, asGo } from './helpers.js';
import { VALID_CIDR_MESSAGE, isValidCIDR, parseIPFamily } from './formats.js';
import { STANDARD_FINALIZERS, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { taintEffectErrors } from './pod-scheduling.js';
import { quantityAt, validateResourceQuantityValue } from './resources.js';

type Obj = Record<string, unknown>;

const NS_META = { namespaced: false, nameFn: nameIsDNSLabel, kubeFinalizers: true };
const NODE_META = { namespaced: false, nameFn: nameIsDNSSubdomain, kubeFinalizers: true };

/** validateFinalizerName for spec.finalizers: a qualified name and, without a '/', a standard one. */
function finalizerNameErrors(f: string, path: string): Errs {
  const errs = invalids(path, f, isQualifiedName(f));
  if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  return errs;
}

/** On create Kubernetes reports spec.finalizers problems at the list path, not per index. */
function specFinalizerErrors(finalizers: unknown, path: string): Errs {
  return arr(finalizers).flatMap((raw) => finalizerNameErrors(str(raw), path));
}

export function validateNamespaceCreate(ns: Obj): Errs {
  return [...validateObjectMeta(ns.metadata, NS_META), ...specFinalizerErrors(rec(ns.spec).finalizers, 'spec.finalizers')];
}

export const validateNamespaceUpdate = (ns: Obj, old: Obj): Errs => validateObjectMetaUpdate(ns.metadata, old.metadata, NS_META);

/** ValidateNamespaceStatusUpdate: Active unless being deleted, then Terminating. */
export function validateNamespaceStatusUpdate(ns: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata, NS_META);
  const phase = str(rec(ns.status).phase);
  if (!rec(ns.metadata).deletionTimestamp) {
    if (phase !== 'Active') errs.push(invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** ValidateNamespaceFinalizeUpdate (the `finalize` subresource). */
export function validateNamespaceFinalizeUpdate(ns: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata, NS_META);
  arr(rec(ns.spec).finalizers).forEach((raw, i) => errs.push(...finalizerNameErrors(str(raw), `spec.finalizers[${i}]`)));
  return errs;
}

function validateTaints(taints: unknown, path: string): Errs {
  const errs: Errs = [];
  const seen = new Map<string, Set<string>>();
  arr(taints).forEach((raw, i) => {
    const t = rec(raw);
    const p = `${path}[${i}]`;
    errs.push(...validateQualifiedName(str(t.key), `${p}.key`));
    const valueMsgs = isValidLabelValue(str(t.value));
    if (valueMsgs.length) errs.push(invalid(`${p}.value`, str(t.value), valueMsgs.join(';')));
    errs.push(...taintEffectErrors(t.effect, { allowEmpty: false, path: `${p}.effect` }));
    const keys = seen.get(str(t.effect)) ?? new Set<string>();
    if (keys.has(str(t.key))) {
      errs.push(new FieldError('FieldValueDuplicate', p, t, 'taints must be unique by key and effect pair'));
      return;
    }
    keys.add(str(t.key));
    seen.set(str(t.effect), keys);
  });
  return errs;
}

function nodeResourceErrors(node: Obj): Errs {
  const errs: Errs = [];
  for (const list of ['capacity', 'allocatable']) {
    for (const [name, raw] of Object.entries(rec(rec(node.status)[list]))) {
      const p = `status.${list}.${name}`;
      const q = quantityAt(raw, p, errs);
      if (q) errs.push(...validateResourceQuantityValue(name, q, p));
    }
  }
  return errs;
}

function podCIDRErrors(node: Obj): Errs {
  const cidrs = arr(rec(node.spec).podCIDRs).map(str);
  const errs: Errs = [];
  cidrs.forEach((c, i) => {
    if (!isValidCIDR(c)) errs.push(invalid(`spec.podCIDRs[${i}]`, c, VALID_CIDR_MESSAGE));
  });
  if (cidrs.length > 1) {
    const fams = cidrs.map((c) => parseIPFamily(c.split('/')[0] ?? ''));
    if (cidrs.length > 2 || fams[0] === fams[1]) errs.push(invalid('spec.podCIDRs', asGo(cidrs, 'stringSlice'), 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(duplicate(`spec.podCIDRs[${i}]`, c));
      seen.add(c);
    });
  }
  return errs;
}

/** ValidateNode: metadata, taints, resource quantities, pod CIDRs. Status fields are otherwise free. */
export function validateNodeCreate(node: Obj): Errs {
  return [...validateObjectMeta(node.metadata, NODE_META), ...validateTaints(rec(node.spec).taints, 'metadata.taints'), ...nodeResourceErrors(node), ...podCIDRErrors(node)];
}

/** ValidateNodeUpdate: podCIDRs and providerID are write-once; externalID never changes; addresses are unique. */
export function validateNodeUpdate(node: Obj, old: Obj): Errs {
  const spec = rec(node.spec);
  const oldSpec = rec(old.spec);
  const errs = [...validateObjectMetaUpdate(node.metadata, old.metadata, NODE_META), ...nodeResourceErrors(node)];
  const seen = new Set<string>();
  arr(rec(node.status).addresses).forEach((raw, i) => {
    const a = rec(raw);
    const k = `${str(a.type)}/${str(a.address)}`;
    if (seen.has(k)) errs.push(duplicate(`status.addresses[${i}]`, a));
    seen.add(k);
  });
  const oldCIDRs = arr(oldSpec.podCIDRs).map(str);
  const cidrs = arr(spec.podCIDRs).map(str);
  if (oldCIDRs.length > 0) {
    const changes = oldCIDRs.length !== cidrs.length ? 1 : oldCIDRs.filter((c, i) => c !== cidrs[i]).length;
    for (let i = 0; i < changes; i++) errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (str(oldSpec.providerID) && oldSpec.providerID !== spec.providerID) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(spec.taints, 'metadata.taints'));
  if (str(spec.externalID) !== str(oldSpec.externalID)) errs.push(forbidden('spec.externalID', 'may not be updated'));
  return errs;
}
