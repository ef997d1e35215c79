/** Pods and pod templates: create, update (the immutable-spec rule), status updates, bindings. */
import { isQualifiedName, nameIsDNSSubdomain, validateLabels } from '../../machinery/index.js';
import {
  type Errs,
  arr,
  child,
  forbidden,
  immutable,
  inclusiveRange,
  index,
  invalid,
  invalids,
  isRecord,
  key,
  notSupported,
  rec,
  required,
  semanticEqual,
  str,
} from './helpers.js';
import { validateAnnotations, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { imageWhitespaceErrors } from './pod-container.js';
import { validateTolerations } from './pod-scheduling.js';
import { validatePodSpec } from './pod-spec.js';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const MAX_INT32 = 2147483647;

/** The fields a pod update may change, as Kubernetes 1.32 lists them in its Forbidden message. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** ValidatePodSpecificAnnotations. */
function podAnnotationErrors(meta: unknown, { spec, path }: { spec: Record<string, unknown>; path: string }): Errs {
  const a = rec(rec(meta).annotations);
  const errs: Errs = [];
  if (MIRROR_ANNOTATION in a && !str(spec.nodeName)) {
    errs.push(invalid(key(path, MIRROR_ANNOTATION), str(a[MIRROR_ANNOTATION]), 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (DELETION_COST_ANNOTATION in a) {
    const v = str(a[DELETION_COST_ANNOTATION]);
    const n = Number(v);
    if (!/^[+-]?\d+$/.test(v) || n < -2147483648 || n > MAX_INT32) errs.push(invalid(key(path, DELETION_COST_ANNOTATION), v, 'must be a 32bit integer'));
  }
  return errs;
}

/** ValidatePodTemplateSpec: a workload's pod template (labels, annotations, spec; no ephemeral containers). */
export function validatePodTemplateSpec(templateIn: unknown, path: string): Errs {
  const template = rec(templateIn);
  const meta = rec(template.metadata);
  const spec = rec(template.spec);
  const errs: Errs = [
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...podAnnotationErrors(meta, { spec, path: child(path, 'annotations') }),
    ...validatePodSpec(spec, { path: child(path, 'spec') }),
  ];
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** validatePodMetadataAndSpec. */
function validatePodMetadataAndSpec(pod: Record<string, unknown>): Errs {
  const spec = rec(pod.spec);
  const errs: Errs = [
    ...validateObjectMeta(pod.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true }),
    ...podAnnotationErrors(pod.metadata, { spec, path: 'metadata.annotations' }),
    ...validatePodSpec(spec, { path: 'spec', resourceIsPod: true }),
  ];
  if (!str(spec.serviceAccountName)) {
    arr(spec.volumes).forEach((v, vi) => {
      arr(rec(rec(v).projected).sources).forEach((s, si) => {
        if (isRecord(rec(s).serviceAccountToken)) {
          errs.push(
            forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'),
          );
        }
      });
    });
  }
  errs.push(...imageWhitespaceErrors(spec.containers, 'spec.containers'));
  errs.push(...imageWhitespaceErrors(spec.initContainers, 'spec.initContainers'));
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: Record<string, unknown>): Errs {
  const spec = rec(pod.spec);
  const errs = validatePodMetadataAndSpec(pod);
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && arr(spec.schedulingGates).length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

function containerUpdateErrors(newList: unknown, { oldList, path }: { oldList: unknown; path: string }): { errs: Errs; stop: boolean } {
  const n = arr(newList);
  if (n.length !== arr(oldList).length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: Errs = [];
  n.forEach((c, i) => {
    const image = str(rec(c).image);
    if (!image) errs.push(required(child(index(path, i), 'image')));
    if (image.trim() !== image) errs.push(invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(newT: unknown, oldT: unknown, path: string): Errs {
  const next = arr(newT).map(rec);
  for (const old of arr(oldT).map(rec)) {
    const found = next.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

/** A compact rendering of what changed between two specs, in the spirit of cmp.Diff. */
export function describeSpecDiff(oldSpec: Record<string, unknown>, newSpec: Record<string, unknown>): string {
  const lines = ['  core.PodSpec{'];
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].sort();
  for (const k of keys) {
    if (semanticEqual(oldSpec[k], newSpec[k])) continue;
    if (oldSpec[k] !== undefined) lines.push(`- \t${k}: ${JSON.stringify(oldSpec[k])},`);
    if (newSpec[k] !== undefined) lines.push(`+ \t${k}: ${JSON.stringify(newSpec[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds (downwards), toleration additions and gate removals may change. */
export function validatePodUpdate(pod: Record<string, unknown>, old: Record<string, unknown>): Errs {
  const spec = rec(pod.spec);
  const oldSpec = rec(old.spec);
  const errs: Errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata, { kubeFinalizers: true }), ...validatePodMetadataAndSpec(pod)];
  const newAnn = rec(rec(pod.metadata).annotations);
  const oldAnn = rec(rec(old.metadata).annotations);
  if (MIRROR_ANNOTATION in oldAnn && newAnn[MIRROR_ANNOTATION] !== oldAnn[MIRROR_ANNOTATION]) {
    errs.push(forbidden(key('metadata.annotations', MIRROR_ANNOTATION), 'may not remove or update mirror pod annotation'));
  }
  if (MIRROR_ANNOTATION in newAnn && !(MIRROR_ANNOTATION in oldAnn)) {
    errs.push(forbidden(key('metadata.annotations', MIRROR_ANNOTATION), 'may not add mirror pod annotation'));
  }
  for (const list of ['containers', 'initContainers'] as const) {
    const r = containerUpdateErrors(spec[list], { oldList: oldSpec[list], path: child('spec', list) });
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > MAX_INT32) return [...errs, invalid('spec.activeDeadlineSeconds', ads, inclusiveRange(0, MAX_INT32))];
    if (typeof oldAds === 'number' && oldAds < ads) return [...errs, invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (typeof oldAds === 'number') {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(spec.tolerations, oldSpec.tolerations, 'spec.tolerations'));
  const oldGates = new Set(arr(oldSpec.schedulingGates).map((g) => str(rec(g).name)));
  arr(spec.schedulingGates).forEach((g, i) => {
    const name = str(rec(g).name);
    if (!oldGates.has(name)) errs.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${name}'`));
  });
  if (semanticEqual(spec, oldSpec)) return errs;
  const munged: Record<string, unknown> = { ...spec };
  for (const list of ['containers', 'initContainers'] as const) {
    if (spec[list] !== undefined) {
      munged[list] = arr(spec[list]).map((c, i) => ({ ...rec(c), image: rec(arr(oldSpec[list])[i]).image }));
    }
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${describeSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

/** ValidatePodStatusUpdate: metadata, custom condition types, nodeName untouched, qosClass immutable. */
export function validatePodStatusUpdate(pod: Record<string, unknown>, old: Record<string, unknown>): Errs {
  const status = rec(pod.status);
  const oldStatus = rec(old.status);
  const errs: Errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata, { kubeFinalizers: true })];
  errs.push(...podAnnotationErrors(pod.metadata, { spec: rec(pod.spec), path: 'metadata.annotations' }));
  arr(status.conditions).forEach((c, i) => {
    const type = str(rec(c).type);
    if (!SYSTEM_CONDITIONS.has(type)) errs.push(...invalids(`metadata.conditions[${i}].Type`, type, isQualifiedName(type)));
  });
  if (str(rec(pod.spec).nodeName) !== str(rec(old.spec).nodeName)) errs.push(forbidden('status.nodeName', 'may not be changed directly'));
  const nominated = str(status.nominatedNodeName);
  if (nominated && nominated !== str(oldStatus.nominatedNodeName)) errs.push(...invalids('status.nominatedNodeName', nominated, nameIsDNSSubdomain(nominated, false)));
  errs.push(...immutable(str(status.qosClass), str(oldStatus.qosClass), 'status.qosClass'));
  return errs;
}

/** ValidatePodBinding. */
export function validateBinding(binding: Record<string, unknown>): Errs {
  const target = rec(binding.target);
  const errs: Errs = [];
  const kind = str(target.kind);
  if (kind && kind !== 'Node') errs.push(notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!str(target.name)) errs.push(required('target.name'));
  return errs;
}

