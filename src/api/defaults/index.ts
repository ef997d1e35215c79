/**
 * applyDefaults: Kubernetes' defaulting (SetDefaults_* and `+default` markers) for the built-in kinds.
 *
 * Guarantees:
 * - Mutates `obj` in place and returns it: pass a copy you own (never an object read from a cache or store).
 * - Only fills fields that are absent (or Go's zero value where Kubernetes checks for it); never overwrites a value
 *   the client set, so applying it twice changes nothing the second time.
 * - Kinds without defaulters are returned untouched, as Kubernetes' scheme does for types with none.
 * - Where Go always serializes a non-pointer struct, the empty form is materialized (`resources: {}` on containers,
 *   `metadata.creationTimestamp: null` on pod templates) so objects read back as from a real API server.
 */
import type { GroupVersionKind } from '../meta.js';
import { defaultPod } from './pod.js';
import { defaultEndpointSlice, defaultEndpoints, defaultService } from './networking.js';
import { defaultBinding, defaultLimitRange, defaultNamespace, defaultNode, defaultSecret, defaultWebhookConfiguration } from './other.js';
import { type Obj, isObj } from './util.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './workloads.js';

const defaulters: Readonly<Record<string, (obj: Obj) => void>> = {
  '/Pod': defaultPod,
  '/Service': defaultService,
  '/Endpoints': defaultEndpoints,
  '/Namespace': defaultNamespace,
  '/Node': defaultNode,
  '/Secret': defaultSecret,
  '/LimitRange': defaultLimitRange,
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'discovery.k8s.io/EndpointSlice': defaultEndpointSlice,
  'rbac.authorization.k8s.io/RoleBinding': defaultBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': defaultBinding,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': (o) => defaultWebhookConfiguration(o, true),
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': (o) => defaultWebhookConfiguration(o, false),
};

/** Fills Kubernetes' defaults into `obj` (in place; see the module guarantees) and returns it. */
export function applyDefaults<T>(gvk: GroupVersionKind, obj: T): T {
  const fn = defaulters[`${gvk.group}/${gvk.kind}`];
  if (fn && isObj(obj)) fn(obj);
  return obj;
}

/** True when Kubernetes defines defaults for the kind. */
export function hasDefaults(gvk: GroupVersionKind): boolean {
  return Object.hasOwn(defaulters, `${gvk.group}/${gvk.kind}`);
}

export { defaultPodSpec, defaultPodTemplate, imageTag } from './pod.js';
