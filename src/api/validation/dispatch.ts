/**
 * validateCreate / validateUpdate / validateStatusUpdate: Kubernetes' validation of a built-in kind, chosen by GVK.
 *
 * Guarantees:
 * - Pure: the object is only read, never modified.
 * - Returns every FieldError Kubernetes' strategy Validate/ValidateUpdate would (an empty list means valid), with
 *   Kubernetes' field paths and messages. Objects are expected to be defaulted first, as the API server does.
 * - A kind without a validator throws UnknownKindError rather than passing unchecked.
 */
import type { FieldError } from '../../machinery/index.js';
import type { GroupVersionKind } from '../meta.js';
import * as access from './access.js';
import * as apps from './apps.js';
import * as cluster from './cluster.js';
import * as config from './config.js';
import * as eventsLease from './events-lease.js';
import { isRecord } from './helpers.js';
import * as pod from './pod.js';
import * as service from './service.js';

type Obj = Record<string, unknown>;
type CreateFn = (obj: Obj) => FieldError[];
type UpdateFn = (obj: Obj, old: Obj) => FieldError[];

export class UnknownKindError extends Error {
  override readonly name = 'UnknownKindError';
  constructor(readonly gvk: GroupVersionKind) {
    super(`no validation is registered for ${gvk.group ? `${gvk.group}/` : ''}${gvk.version}, Kind=${gvk.kind}`);
  }
}

interface Validator {
  create: CreateFn;
  update: UpdateFn;
  /** The `status` subresource; defaults to `update` when the kind has no dedicated status rules. */
  status?: UpdateFn;
}

/** Keyed by `group/Kind`: every served version of a kind shares its validation (as internal types do in Kubernetes). */
const validators: Readonly<Record<string, Validator>> = {
  '/Pod': { create: pod.validatePodCreate, update: pod.validatePodUpdate, status: pod.validatePodStatusUpdate },
  '/Service': { create: service.validateServiceCreate, update: service.validateServiceUpdate, status: service.validateServiceStatusUpdate },
  '/Endpoints': { create: service.validateEndpointsCreate, update: service.validateEndpointsUpdate },
  '/Namespace': { create: cluster.validateNamespaceCreate, update: cluster.validateNamespaceUpdate, status: cluster.validateNamespaceStatusUpdate },
  '/Node': { create: cluster.validateNodeCreate, update: cluster.validateNodeUpdate },
  '/ConfigMap': { create: config.validateConfigMapCreate, update: config.validateConfigMapUpdate },
  '/Secret': { create: config.validateSecretCreate, update: config.validateSecretUpdate },
  '/ServiceAccount': { create: config.validateServiceAccountCreate, update: config.validateServiceAccountUpdate },
  '/LimitRange': { create: config.validateLimitRangeCreate, update: config.validateLimitRangeUpdate },
  '/ResourceQuota': {
    create: config.validateResourceQuotaCreate,
    update: config.validateResourceQuotaUpdate,
    status: config.validateResourceQuotaStatusUpdate,
  },
  '/Event': { create: eventsLease.validateCoreEventCreate, update: eventsLease.validateCoreEventUpdate },
  '/Binding': { create: pod.validateBinding, update: pod.validateBinding },
  'apps/Deployment': { create: apps.validateDeploymentCreate, update: apps.validateDeploymentUpdate, status: apps.validateWorkloadStatusUpdate },
  'apps/ReplicaSet': { create: apps.validateReplicaSetCreate, update: apps.validateReplicaSetUpdate, status: apps.validateWorkloadStatusUpdate },
  'apps/StatefulSet': { create: apps.validateStatefulSetCreate, update: apps.validateStatefulSetUpdate, status: apps.validateWorkloadStatusUpdate },
  'apps/DaemonSet': { create: apps.validateDaemonSetCreate, update: apps.validateDaemonSetUpdate, status: apps.validateWorkloadStatusUpdate },
  'autoscaling/Scale': { create: apps.validateScale, update: apps.validateScale },
  'discovery.k8s.io/EndpointSlice': { create: service.validateEndpointSliceCreate, update: service.validateEndpointSliceUpdate },
  'coordination.k8s.io/Lease': { create: eventsLease.validateLeaseCreate, update: eventsLease.validateLeaseUpdate },
  'events.k8s.io/Event': { create: eventsLease.validateEventsV1Create, update: eventsLease.validateEventsV1Update },
  'rbac.authorization.k8s.io/Role': { create: access.validateRoleCreate, update: access.validateRoleUpdate },
  'rbac.authorization.k8s.io/ClusterRole': { create: access.validateClusterRoleCreate, update: access.validateClusterRoleUpdate },
  'rbac.authorization.k8s.io/RoleBinding': { create: access.validateRoleBindingCreate, update: access.validateRoleBindingUpdate },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { create: access.validateClusterRoleBindingCreate, update: access.validateClusterRoleBindingUpdate },
  'authorization.k8s.io/SubjectAccessReview': { create: access.validateSubjectAccessReview, update: access.validateSubjectAccessReview },
  'authorization.k8s.io/SelfSubjectAccessReview': { create: access.validateSelfSubjectAccessReview, update: access.validateSelfSubjectAccessReview },
  'authorization.k8s.io/SelfSubjectRulesReview': { create: access.validateSelfSubjectRulesReview, update: access.validateSelfSubjectRulesReview },
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': {
    create: access.validateMutatingWebhookConfigurationCreate,
    update: access.validateMutatingWebhookConfigurationUpdate,
  },
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': {
    create: access.validateValidatingWebhookConfigurationCreate,
    update: access.validateValidatingWebhookConfigurationUpdate,
  },
};

function validatorFor(gvk: GroupVersionKind): Validator {
  const v = validators[`${gvk.group}/${gvk.kind}`];
  if (!v) throw new UnknownKindError(gvk);
  return v;
}

const asObj = (o: unknown): Obj => (isRecord(o) ? o : {});

/** True when validateCreate/validateUpdate know the kind. */
export function hasValidation(gvk: GroupVersionKind): boolean {
  return Object.hasOwn(validators, `${gvk.group}/${gvk.kind}`);
}

/** Strategy.Validate: the errors creating `obj` would produce. */
export function validateCreate(gvk: GroupVersionKind, obj: unknown): FieldError[] {
  return validatorFor(gvk).create(asObj(obj));
}

/** Strategy.ValidateUpdate: the errors replacing `old` by `obj` would produce (both defaulted). */
export function validateUpdate(gvk: GroupVersionKind, obj: unknown, old: unknown): FieldError[] {
  return validatorFor(gvk).update(asObj(obj), asObj(old));
}

/** The status strategy's ValidateUpdate (writes through the `status` subresource). */
export function validateStatusUpdate(gvk: GroupVersionKind, obj: unknown, old: unknown): FieldError[] {
  const v = validatorFor(gvk);
  return (v.status ?? v.update)(asObj(obj), asObj(old));
}
