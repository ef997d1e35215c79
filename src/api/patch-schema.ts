/**
 * Strategic merge patch schemas for the built-in kinds skiff serves: the `patchStrategy` / `patchMergeKey` struct
 * tags of k8s.io/api (core/v1, apps/v1, admissionregistration/v1) and k8s.io/apimachinery (ObjectMeta), plus the
 * nesting that leads to them (Deployment → spec.template → spec.containers → env). Fields not listed have no tag:
 * maps merge key by key and lists are replaced whole (the atomic lists such as tolerations, envFrom and resizePolicy
 * are listed anyway, without a strategy, to document that they are atomic on purpose).
 *
 * Kubernetes accepts strategic merge patches for built-in kinds only; `hasBuiltinPatchSchema` tells the API server
 * whether to accept one (it answers 415 for custom resources).
 */
import { definePatchSchema, type PatchFieldSpec, type PatchSchema } from '../machinery/index.js';

/** A list merged by `key` (Go: `patchStrategy:"merge" patchMergeKey:"<key>"`). */
function mergeBy(key: string, schema?: PatchSchema, retainKeys = false): PatchFieldSpec {
  return {
    patchStrategy: retainKeys ? 'merge,retainKeys' : 'merge',
    patchMergeKey: key,
    list: 'maps',
    ...(schema ? { schema } : {}),
  };
}

/** A list of primitives merged as a set (Go: `patchStrategy:"merge"` on a []string). */
const mergedSet: PatchFieldSpec = { patchStrategy: 'merge', list: 'primitives' };
/** A list replaced whole (`+listType=atomic`, no patchStrategy tag). */
const atomicList: PatchFieldSpec = { list: 'maps' };
const nested = (schema: PatchSchema): PatchFieldSpec => ({ schema });

// k8s.io/apimachinery pkg/apis/meta/v1 ObjectMeta.
const objectMeta = definePatchSchema('ObjectMeta', {
  finalizers: mergedSet,
  ownerReferences: mergeBy('uid'),
  managedFields: atomicList,
});

// core/v1 Container and EphemeralContainer (EphemeralContainerCommon carries the same tags).
const containerFields: Record<string, PatchFieldSpec> = {
  ports: mergeBy('containerPort'),
  env: mergeBy('name'),
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
  envFrom: atomicList,
  resizePolicy: atomicList,
  restartPolicyRules: atomicList,
};
const container = definePatchSchema('Container', containerFields);
const ephemeralContainer = definePatchSchema('EphemeralContainer', containerFields);

const podSpec = definePatchSchema('PodSpec', {
  volumes: mergeBy('name', undefined, true),
  initContainers: mergeBy('name', container),
  containers: mergeBy('name', container),
  ephemeralContainers: mergeBy('name', ephemeralContainer),
  imagePullSecrets: mergeBy('name'),
  hostAliases: mergeBy('ip'),
  topologySpreadConstraints: mergeBy('topologyKey'),
  schedulingGates: mergeBy('name'),
  resourceClaims: mergeBy('name', undefined, true),
  tolerations: atomicList,
});

const containerStatus = definePatchSchema('ContainerStatus', {
  volumeMounts: mergeBy('mountPath'),
  allocatedResourcesStatus: mergeBy('name'),
});

const podStatus = definePatchSchema('PodStatus', {
  conditions: mergeBy('type'),
  hostIPs: mergeBy('ip'),
  podIPs: mergeBy('ip'),
  resourceClaimStatuses: mergeBy('name', undefined, true),
  containerStatuses: { list: 'maps', schema: containerStatus },
  initContainerStatuses: { list: 'maps', schema: containerStatus },
  ephemeralContainerStatuses: { list: 'maps', schema: containerStatus },
});

const podTemplateSpec = definePatchSchema('PodTemplateSpec', { metadata: nested(objectMeta), spec: nested(podSpec) });

/** The conditions-by-type status shared by most workload and cluster kinds. */
const conditionsStatus = (name: string): PatchSchema => definePatchSchema(name, { conditions: mergeBy('type') });

/** An object: ObjectMeta plus the given top-level fields. */
function objectKind(name: string, fields: Record<string, PatchFieldSpec> = {}): PatchSchema {
  return definePatchSchema(name, { metadata: nested(objectMeta), ...fields });
}

/** Workload kinds: `spec.template` is a pod template, plus extra spec fields. */
function workload(name: string, spec: Record<string, PatchFieldSpec> = {}): PatchSchema {
  return objectKind(name, {
    spec: nested(definePatchSchema(`${name}Spec`, { template: nested(podTemplateSpec), ...spec })),
    status: nested(conditionsStatus(`${name}Status`)),
  });
}

const matchConditions = definePatchSchema('Webhook', { matchConditions: mergeBy('name') });
const webhookConfiguration = (name: string): PatchSchema => objectKind(name, { webhooks: mergeBy('name', matchConditions) });

/** The schema of a kind with no tagged field but ObjectMeta's (ConfigMap, Secret, Role, Lease, ...). */
const OBJECT = objectKind('Object');

const BUILTIN: ReadonlyMap<string, PatchSchema> = new Map<string, PatchSchema>([
  // core/v1
  ['/v1/Pod', objectKind('Pod', { spec: nested(podSpec), status: nested(podStatus) })],
  ['/v1/Node', objectKind('Node', {
    spec: nested(definePatchSchema('NodeSpec', { podCIDRs: mergedSet })),
    status: nested(definePatchSchema('NodeStatus', { conditions: mergeBy('type'), addresses: mergeBy('type') })),
  })],
  ['/v1/Namespace', objectKind('Namespace', { status: nested(conditionsStatus('NamespaceStatus')) })],
  ['/v1/Service', objectKind('Service', {
    spec: nested(definePatchSchema('ServiceSpec', { ports: mergeBy('port') })),
    status: nested(conditionsStatus('ServiceStatus')),
  })],
  ['/v1/ServiceAccount', objectKind('ServiceAccount', { secrets: mergeBy('name'), imagePullSecrets: atomicList })],
  ...['ConfigMap', 'Secret', 'Endpoints', 'Event', 'LimitRange', 'ResourceQuota'].map((k) => [`/v1/${k}`, OBJECT] as const),
  // apps/v1
  ['apps/v1/Deployment', workload('Deployment', { strategy: { patchStrategy: 'retainKeys' } })],
  ['apps/v1/ReplicaSet', workload('ReplicaSet')],
  ['apps/v1/StatefulSet', workload('StatefulSet', { volumeClaimTemplates: atomicList })],
  ['apps/v1/DaemonSet', workload('DaemonSet')],
  // admissionregistration.k8s.io/v1
  ['admissionregistration.k8s.io/v1/MutatingWebhookConfiguration', webhookConfiguration('MutatingWebhookConfiguration')],
  ['admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration', webhookConfiguration('ValidatingWebhookConfiguration')],
  // kinds whose only tagged fields are ObjectMeta's
  ...[
    'rbac.authorization.k8s.io/v1/Role',
    'rbac.authorization.k8s.io/v1/RoleBinding',
    'rbac.authorization.k8s.io/v1/ClusterRole',
    'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
    'coordination.k8s.io/v1/Lease',
    'discovery.k8s.io/v1/EndpointSlice',
    'events.k8s.io/v1/Event',
    'autoscaling/v1/Scale',
    'policy/v1/Eviction',
  ].map((k) => [k, OBJECT] as const),
]);

/** True when Kubernetes would accept a strategic merge patch for this kind (a built-in kind skiff serves). */
export function hasBuiltinPatchSchema(group: string, version: string, kind: string): boolean {
  return BUILTIN.has(`${group}/${version}/${kind}`);
}

/**
 * The strategic merge patch schema of a built-in kind. For any other kind the answer is the ObjectMeta-only schema
 * (everything else merges as a JSON merge patch); callers that follow Kubernetes reject strategic merge patches for
 * such kinds first (see hasBuiltinPatchSchema).
 */
export function patchSchemaFor(group: string, version: string, kind: string): PatchSchema {
  return BUILTIN.get(`${group}/${version}/${kind}`) ?? OBJECT;
}
