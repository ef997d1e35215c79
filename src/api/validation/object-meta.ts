/**
 * ObjectMeta validation on create and update, as k8s.io/apimachinery/pkg/api/validation/objectmeta.go (1.32) and
 * core's ValidateObjectMeta wrapper (which also checks finalizer names) do it.
 */
import { isQualifiedName, type NameValidator, validateLabels, validateNamespaceName } from '../../machinery/index.js';
import type { ObjectMeta } from '../meta.js';
import { parseApiVersion } from '../meta.js';
import {
  type Errs,
  arr,
  child,
  forbidden,
  immutable,
  index,
  invalid,
  invalids,
  isRecord,
  nonNegative,
  required,
  rec,
  str,
  tooLong,
  asGo,
} from './helpers.js';

/** TotalAnnotationSizeLimitB: 256 KiB over all keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const FIELD_MANAGER_MAX_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;
/** Finalizers Kubernetes itself defines; others need a domain prefix. */
export const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export interface MetaRules {
  namespaced: boolean;
  nameFn: NameValidator;
  /**
   * Core's wrapper (used by core, apps, discovery, ...) also requires every finalizer without a '/' to be a standard
   * one. Plain apimachinery validation (coordination, rbac, ...) does not.
   */
  kubeFinalizers?: boolean;
  /** Where the metadata sits; `metadata` unless given. */
  path?: string;
}

/** ValidateAnnotations: keys are qualified names (case-insensitively); total size ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): Errs {
  if (!isRecord(annotations)) return [];
  const errs: Errs = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    errs.push(...invalids(path, k, isQualifiedName(k.toLowerCase())));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: unknown, path: string): Errs {
  const errs: Errs = [];
  let firstController = '';
  for (const raw of arr(refs)) {
    const ref = rec(raw);
    const { version } = parseApiVersion(str(ref.apiVersion));
    if (!version) errs.push(invalid(child(path, 'apiVersion'), str(ref.apiVersion), 'version must not be empty'));
    if (!str(ref.kind)) errs.push(invalid(child(path, 'kind'), str(ref.kind), 'kind must not be empty'));
    if (!str(ref.name)) errs.push(invalid(child(path, 'name'), str(ref.name), 'name must not be empty'));
    if (!str(ref.uid)) errs.push(invalid(child(path, 'uid'), str(ref.uid), 'uid must not be empty'));
    if (str(ref.apiVersion) === 'v1' && str(ref.kind) === 'Event') {
      errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const name = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController) {
        errs.push(
          invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`),
        );
      } else firstController = name;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: unknown, path: string): Errs {
  const list = arr(finalizers).map(str);
  const errs: Errs = [];
  for (const f of list) errs.push(...invalids(path, f, isQualifiedName(f)));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, asGo(list, 'stringSlice'), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function validateFieldManager(manager: string, path: string): Errs {
  const errs: Errs = [];
  if (manager.length > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(path, FIELD_MANAGER_MAX_LENGTH));
  [...manager].forEach((ch, i) => {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) {
      const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      errs.push(invalid(path, manager, `invalid character U+${cp} (at position ${i})`));
    }
  });
  return errs;
}

function validateManagedFields(entries: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(entries).forEach((raw, i) => {
    const e = rec(raw);
    const p = index(path, i);
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      errs.push(invalid(child(p, 'operation'), str(e.operation), 'must be `Apply` or `Update`'));
    }
    if (str(e.fieldsType) && e.fieldsType !== 'FieldsV1') errs.push(invalid(child(p, 'fieldsType'), str(e.fieldsType), 'must be `FieldsV1`'));
    errs.push(...validateFieldManager(str(e.manager), child(p, 'manager')));
    if (str(e.subresource).length > MAX_SUBRESOURCE_NAME_LENGTH) errs.push(tooLong(child(p, 'subresource'), MAX_SUBRESOURCE_NAME_LENGTH));
  });
  return errs;
}

/** The checks create and update share after the name and namespace. */
function validateMetaCommon(meta: ObjectMeta, path: string): Errs {
  return [
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')),
  ];
}

/**
 * ValidateObjectMeta on create. Expects name generation to have happened already; a remaining generateName is
 * still checked as a prefix.
 */
export function validateObjectMeta(metaIn: unknown, rules: MetaRules): Errs {
  const path = rules.path ?? 'metadata';
  const meta = rec(metaIn) as ObjectMeta;
  const errs: Errs = [];
  const generateName = str(meta.generateName);
  const name = str(meta.name);
  if (generateName) errs.push(...invalids(child(path, 'generateName'), generateName, rules.nameFn(generateName, true)));
  if (!name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else errs.push(...invalids(child(path, 'name'), name, rules.nameFn(name, false)));
  const namespace = str(meta.namespace);
  if (rules.namespaced) {
    if (!namespace) errs.push(required(child(path, 'namespace')));
    else errs.push(...invalids(child(path, 'namespace'), namespace, validateNamespaceName(namespace, false)));
  } else if (namespace) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...nonNegative(meta.generation, child(path, 'generation')));
  errs.push(...validateMetaCommon(meta, path));
  errs.push(...validateFinalizers(meta.finalizers, child(path, 'finalizers')));
  errs.push(...validateManagedFields(meta.managedFields, child(path, 'managedFields')));
  if (rules.kubeFinalizers) errs.push(...kubeFinalizerErrors(meta.finalizers, child(path, 'finalizers')));
  return errs;
}

/** validateKubeFinalizerName: a finalizer without '/' must be one of Kubernetes' own. */
export function kubeFinalizerErrors(finalizers: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(finalizers).forEach((raw, i) => {
    const f = str(raw);
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/** ValidateObjectMetaUpdate: immutable identity fields, no new finalizers while deleting, and the common checks. */
export function validateObjectMetaUpdate(newIn: unknown, oldIn: unknown, rules: Pick<MetaRules, 'kubeFinalizers' | 'path'> = {}): Errs {
  const path = rules.path ?? 'metadata';
  const meta = rec(newIn) as ObjectMeta;
  const old = rec(oldIn) as ObjectMeta;
  const errs: Errs = [];
  if (old.deletionTimestamp) {
    const before = new Set(arr(old.finalizers).map(str));
    const extra = [...new Set(arr(meta.finalizers).map(str))].filter((f) => !before.has(f)).sort();
    if (extra.length) {
      errs.push(
        forbidden(
          child(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
    }
  }
  if (!str(meta.resourceVersion)) errs.push(invalid(child(path, 'resourceVersion'), str(meta.resourceVersion), 'must be specified for an update'));
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid(child(path, 'generation'), meta.generation ?? 0, 'must not be decremented'));
  errs.push(...immutable(str(meta.name), str(old.name), child(path, 'name')));
  errs.push(...immutable(str(meta.namespace), str(old.namespace), child(path, 'namespace')));
  errs.push(...immutable(str(meta.uid), str(old.uid), child(path, 'uid')));
  errs.push(...immutable(meta.creationTimestamp ?? null, old.creationTimestamp ?? null, child(path, 'creationTimestamp')));
  errs.push(...immutable(meta.deletionTimestamp ?? null, old.deletionTimestamp ?? null, child(path, 'deletionTimestamp')));
  errs.push(
    ...immutable(meta.deletionGracePeriodSeconds ?? null, old.deletionGracePeriodSeconds ?? null, child(path, 'deletionGracePeriodSeconds')),
  );
  errs.push(...validateMetaCommon(meta, path));
  errs.push(...validateManagedFields(meta.managedFields, child(path, 'managedFields')));
  if (rules.kubeFinalizers) errs.push(...kubeFinalizerErrors(meta.finalizers, child(path, 'finalizers')));
  return errs;
}
