/**
 * The default Strategy for a resource, built from its ResourceInfo and the api layer's defaulting and validation.
 * Resource-specific strategies override only what differs (see pods.ts, services.ts, ...).
 */
import {
  type KubeObject,
  type ResourceInfo,
  applyDefaults,
  hasValidation,
  validateCreate,
  validateStatusUpdate,
  validateUpdate,
} from '../../../api/index.js';
import { deepCopy } from '../../../machinery/index.js';
import type { Strategy, WriteTarget } from '../strategy.js';

export type StrategyOverrides = Partial<Omit<Strategy, 'gr' | 'gvk' | 'namespaced'>>;

/** Resources whose spec changes bump metadata.generation in Kubernetes. */
const GENERATION_KINDS = new Set([
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'batch/Job',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
  'policy/PodDisruptionBudget',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
]);

/** Resources that may be created by PUT (Kubernetes' AllowCreateOnUpdate). */
const CREATE_ON_UPDATE = new Set(['/Endpoints', '/Event', 'events.k8s.io/Event', 'coordination.k8s.io/Lease', 'discovery.k8s.io/EndpointSlice', 'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding']);

export function baseStrategy(info: ResourceInfo, overrides: StrategyOverrides = {}): Strategy {
  const gvk = { group: info.group, version: info.version, kind: info.kind };
  const gk = `${info.group}/${info.kind}`;
  const hasStatus = info.subresources.some((s) => s.name === 'status');
  const s: Strategy = {
    gr: { group: info.group, resource: info.resource },
    gvk,
    namespaced: info.namespaced,
    tracksGeneration: GENERATION_KINDS.has(gk),
    hasStatus,
    allowCreateOnUpdate: CREATE_ON_UPDATE.has(gk),
    allowUnconditionalUpdate: true,
    defaultPropagation: 'Background',
    fieldSelectorFields: [],
    applyDefaults: (obj) => applyDefaults(gvk, obj),
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status;
    },
    prepareForUpdate(obj: KubeObject, old: KubeObject, target: WriteTarget) {
      if (!hasStatus) return;
      if (target === 'main') {
        if (old.status === undefined) delete obj.status;
        else obj.status = deepCopy(old.status);
      } else if (target === 'status') {
        // A status write changes status (and, as in Kubernetes, annotations): everything else comes from the stored
        // object. The Deployment controller records deployment.kubernetes.io/revision this way.
        const status = obj.status;
        const meta = obj.metadata;
        for (const k of Object.keys(obj)) delete obj[k];
        Object.assign(obj, deepCopy(old));
        obj.metadata = { ...obj.metadata, resourceVersion: meta.resourceVersion };
        if (meta.annotations === undefined) delete obj.metadata.annotations;
        else obj.metadata.annotations = meta.annotations;
        if (status === undefined) delete obj.status;
        else obj.status = status;
      }
    },
    validateCreate: (obj) => (hasValidation(gvk) ? validateCreate(gvk, obj) : []),
    validateUpdate: (obj, old, target) => {
      if (!hasValidation(gvk)) return [];
      return target === 'status' ? validateStatusUpdate(gvk, obj, old) : validateUpdate(gvk, obj, old);
    },
    selectableFields: () => ({}),
    gracePeriod: () => 0,
    ...overrides,
  };
  return s;
}
