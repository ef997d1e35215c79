/** apps/v1 validation (pkg/apis/apps/validation): Deployment, ReplicaSet, StatefulSet, DaemonSet, and Scale. */
import { nameIsDNSLabel, nameIsDNSSubdomain, validateLabels } from '../../machinery/index.js';
import {
  type Errs,
  child,
  forbidden,
  immutable,
  invalid,
  invalids,
  isRecord,
  nonNegative,
  notSupported,
  rec,
  required,
  semanticEqual,
  str,
  asGo,
} from './helpers.js';
import { isValidPercent } from './formats.js';
import { validateAnnotations, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePodTemplateSpec } from './pod.js';
import { asSelector, isEmptySelector, validateLabelSelector } from './selectors.js';

type Obj = Record<string, unknown>;

const META = { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true };

/** ValidatePositiveIntOrPercent. */
function intOrPercentErrors(v: unknown, path: string): Errs {
  if (typeof v === 'string') return invalids(path, v, isValidPercent(v));
  if (typeof v === 'number') return nonNegative(v, path);
  return [];
}

/** getIntOrPercentValue: `25%` → 25, `3` → 3, anything else → 0. */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  return 0;
}

function notMoreThan100Percent(v: unknown, path: string): Errs {
  return typeof v === 'string' && isValidPercent(v).length === 0 && Number(v.slice(0, -1)) > 100 ? [invalid(path, v, 'must not be greater than 100%')] : [];
}

/**
 * ValidatePodTemplateSpecForReplicaSet (also used by Deployment): selector must match the template labels, the template
 * must be a valid pod template that restarts Always and has no activeDeadlineSeconds.
 */
function validateWorkloadTemplate(spec: Obj, { path, owner }: { path: string; owner: 'ReplicaSet' | 'DaemonSet' }): Errs {
  const errs: Errs = [];
  const selector = asSelector(spec.selector);
  if (!selector) errs.push(invalid(child(path, 'selector'), asGo(spec.selector, 'labelSelector'), 'invalid label selector'));
  const template = rec(spec.template);
  const templatePath = child(path, 'template');
  const labels = rec(rec(template.metadata).labels) as Record<string, string>;
  if (selector && !selector.empty() && !selector.matches(labels)) {
    errs.push(invalid(child(templatePath, 'metadata', 'labels'), asGo(labels, 'stringMap'), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, templatePath));
  const tspec = rec(template.spec);
  if (tspec.restartPolicy !== 'Always') errs.push(notSupported(child(templatePath, 'spec', 'restartPolicy'), str(tspec.restartPolicy), ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(child(templatePath, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${owner} is not Supported`));
  }
  return errs;
}

function requiredSelector(spec: Obj, { path, kind }: { path: string; kind: string }): Errs {
  if (!isRecord(spec.selector)) return [required(child(path, 'selector'))];
  const errs = validateLabelSelector(spec.selector, child(path, 'selector'));
  if (isEmptySelector(spec.selector)) errs.push(invalid(child(path, 'selector'), asGo(spec.selector, 'labelSelector'), `empty selector is invalid for ${kind}`));
  return errs;
}

function validateDeploymentStrategy(strategy: unknown, path: string): Errs {
  const s = rec(strategy);
  switch (s.type) {
    case 'Recreate':
      return isRecord(s.rollingUpdate) ? [forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (!isRecord(s.rollingUpdate)) return [required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      const ru = s.rollingUpdate;
      const p = child(path, 'rollingUpdate');
      const errs = [...intOrPercentErrors(ru.maxUnavailable, child(p, 'maxUnavailable')), ...intOrPercentErrors(ru.maxSurge, child(p, 'maxSurge'))];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(child(p, 'maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(p, 'maxUnavailable')));
      return errs;
    }
    default:
      return [notSupported(path, s, ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec. */
function validateDeploymentSpec(specIn: unknown): Errs {
  const spec = rec(specIn);
  const path = 'spec';
  const errs: Errs = [...nonNegative(spec.replicas, child(path, 'replicas')), ...requiredSelector(spec, { path, kind: 'deployment' })];
  errs.push(...validateWorkloadTemplate(spec, { path, owner: 'ReplicaSet' }));
  errs.push(...validateDeploymentStrategy(spec.strategy, child(path, 'strategy')));
  errs.push(...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, child(path, 'progressDeadlineSeconds')));
    if (spec.progressDeadlineSeconds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
      errs.push(invalid(child(path, 'progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export const validateDeploymentCreate = (d: Obj): Errs => [...validateObjectMeta(d.metadata, META), ...validateDeploymentSpec(d.spec)];

/** ValidateDeploymentUpdate plus the apps/v1 rule that the selector is immutable. */
export function validateDeploymentUpdate(d: Obj, old: Obj): Errs {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata, META),
    ...validateDeploymentSpec(d.spec),
    ...immutable(asGo(rec(d.spec).selector, 'labelSelector'), rec(old.spec).selector, 'spec.selector'),
  ];
}

/** ValidateReplicaSetSpec. */
function validateReplicaSetSpec(specIn: unknown): Errs {
  const spec = rec(specIn);
  return [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...requiredSelector(spec, { path: 'spec', kind: 'deployment' }),
    ...validateWorkloadTemplate(spec, { path: 'spec', owner: 'ReplicaSet' }),
  ];
}

export const validateReplicaSetCreate = (rs: Obj): Errs => [...validateObjectMeta(rs.metadata, META), ...validateReplicaSetSpec(rs.spec)];

export function validateReplicaSetUpdate(rs: Obj, old: Obj): Errs {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata, META),
    ...validateReplicaSetSpec(rs.spec),
    ...immutable(asGo(rec(rs.spec).selector, 'labelSelector'), rec(old.spec).selector, 'spec.selector'),
  ];
}

/** ValidateStatefulSetSpec. The pod template gets only label, annotation and selector checks, as in Kubernetes. */
function validateStatefulSetSpec(specIn: unknown): Errs {
  const spec = rec(specIn);
  const errs: Errs = [];
  const pmp = str(spec.podManagementPolicy);
  if (!pmp) errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = rec(spec.updateStrategy);
  switch (us.type) {
    case undefined:
    case '':
      errs.push(required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (isRecord(us.rollingUpdate)) errs.push(invalid('spec.updateStrategy.rollingUpdate', us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (isRecord(us.rollingUpdate)) {
        errs.push(...nonNegative(us.rollingUpdate.partition, 'spec.updateStrategy.rollingUpdate.partition'));
        const mu = us.rollingUpdate.maxUnavailable;
        if (mu !== undefined && mu !== null) {
          const p = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
          errs.push(...intOrPercentErrors(mu, p));
          if (intOrPercentValue(mu) === 0) errs.push(invalid(p, mu, 'cannot be 0'));
          errs.push(...notMoreThan100Percent(mu, p));
        }
      }
      break;
    default:
      errs.push(invalid('spec.updateStrategy', us, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = rec(spec.persistentVolumeClaimRetentionPolicy);
  for (const f of ['whenDeleted', 'whenScaled']) {
    if (isRecord(spec.persistentVolumeClaimRetentionPolicy) && retention[f] !== 'Retain' && retention[f] !== 'Delete') {
      errs.push(notSupported(child('spec.persistentVolumeClaimRetentionPolicy', f), str(retention[f]), ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (isRecord(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  errs.push(...requiredSelector(spec, { path: 'spec', kind: 'statefulset' }));
  const selector = asSelector(spec.selector);
  const template = rec(spec.template);
  const meta = rec(template.metadata);
  const labels = rec(meta.labels) as Record<string, string>;
  if (!selector) errs.push(invalid('spec.selector', asGo(spec.selector, 'labelSelector'), ''));
  else {
    if (!selector.empty() && !selector.matches(labels)) {
      errs.push(invalid('spec.template.metadata.labels', asGo(labels, 'stringMap'), '`selector` does not match template `labels`'));
    }
    errs.push(...validateLabels(meta.labels, 'spec.template.labels'), ...validateAnnotations(meta.annotations, 'spec.template.annotations'));
  }
  const tspec = rec(template.spec);
  if (tspec.restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', str(tspec.restartPolicy), ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** StatefulSet names are DNS labels (they prefix pod hostnames). */
const STS_META = { ...META, nameFn: nameIsDNSLabel };

export const validateStatefulSetCreate = (s: Obj): Errs => [...validateObjectMeta(s.metadata, STS_META), ...validateStatefulSetSpec(s.spec)];

/** ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, retention policy and minReadySeconds may change. */
export function validateStatefulSetUpdate(s: Obj, old: Obj): Errs {
  const errs = [...validateObjectMetaUpdate(s.metadata, old.metadata, META), ...validateStatefulSetSpec(s.spec)];
  const strip = (spec: unknown) => {
    const { replicas: _r, template: _t, updateStrategy: _u, minReadySeconds: _m, persistentVolumeClaimRetentionPolicy: _p, ordinals: _o, ...rest } = rec(spec);
    return rest;
  };
  if (!semanticEqual(strip(s.spec), strip(old.spec))) {
    errs.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

/** ValidateDaemonSetSpec. */
function validateDaemonSetSpec(specIn: unknown): Errs {
  const spec = rec(specIn);
  const errs: Errs = [...validateLabelSelector(spec.selector, 'spec.selector')];
  if (!isRecord(spec.selector)) errs.push(required('spec.selector'));
  else if (isEmptySelector(spec.selector)) errs.push(invalid('spec.selector', asGo(spec.selector, 'labelSelector'), 'empty selector is invalid for daemonset'));
  errs.push(...validateWorkloadTemplate(spec, { path: 'spec', owner: 'DaemonSet' }));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const us = rec(spec.updateStrategy);
  if (us.type === 'RollingUpdate') {
    if (!isRecord(us.rollingUpdate)) errs.push(required('spec.updateStrategy.rollingUpdate'));
    else {
      const ru = us.rollingUpdate;
      const p = 'spec.updateStrategy.rollingUpdate';
      errs.push(...intOrPercentErrors(ru.maxUnavailable, child(p, 'maxUnavailable')), ...intOrPercentErrors(ru.maxSurge, child(p, 'maxSurge')));
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(p, 'maxUnavailable')), ...notMoreThan100Percent(ru.maxSurge, child(p, 'maxSurge')));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalid(child(p, 'maxSurge'), ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
      if (!hasUnavailable && !hasSurge) errs.push(required(child(p, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
    }
  } else if (us.type !== 'OnDelete') {
    errs.push(notSupported('spec.updateStrategy', us, ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

export const validateDaemonSetCreate = (d: Obj): Errs => [...validateObjectMeta(d.metadata, META), ...validateDaemonSetSpec(d.spec)];

export function validateDaemonSetUpdate(d: Obj, old: Obj): Errs {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata, META),
    ...validateDaemonSetSpec(d.spec),
    ...immutable(asGo(rec(d.spec).selector, 'labelSelector'), rec(old.spec).selector, 'spec.selector'),
  ];
}

/** Status updates of the workloads: metadata rules plus non-negative counters that never exceed status.replicas. */
export function validateWorkloadStatusUpdate(obj: Obj, old: Obj): Errs {
  const status = rec(obj.status);
  const errs = [...validateObjectMetaUpdate(obj.metadata, old.metadata, META)];
  const counters = ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'fullyLabeledReplicas', 'currentReplicas', 'observedGeneration', 'collisionCount'];
  for (const c of counters) errs.push(...nonNegative(status[c], child('status', c)));
  const replicas = typeof status.replicas === 'number' ? status.replicas : 0;
  for (const c of ['updatedReplicas', 'readyReplicas', 'availableReplicas', 'fullyLabeledReplicas', 'currentReplicas']) {
    const v = status[c];
    if (typeof v === 'number' && v > replicas) errs.push(invalid(child('status', c), v, 'cannot be greater than status.replicas'));
  }
  const available = status.availableReplicas;
  if (typeof available === 'number' && typeof status.readyReplicas === 'number' && available > status.readyReplicas) {
    errs.push(invalid('status.availableReplicas', available, 'cannot be greater than readyReplicas'));
  }
  const cc = status.collisionCount;
  const oldCc = rec(old.status).collisionCount;
  if (typeof oldCc === 'number' && (typeof cc !== 'number' || cc < oldCc)) errs.push(invalid('status.collisionCount', typeof cc === 'number' ? cc : 0, 'cannot be decremented'));
  return errs;
}

/** ValidateScale: `spec.replicas` must not be negative. */
export function validateScale(scale: Obj): Errs {
  return [...nonNegative(rec(scale.spec).replicas, 'spec.replicas')];
}

