/**
 * Apply semantics of the built-in kinds skiff serves, transcribed from the Kubernetes API types' markers
 * (`+listType`, `+listMapKey`, `+mapType`, `+structType`, the OpenAPI `default` of list-map keys). Paths name fields
 * only (list items add no segment). Kinds not listed get the common metadata entries and `status.conditions` keyed by
 * type. This table is a stand-in until the api layer derives ApplySchemas from its OpenAPI models.
 */
import type { JsonObject } from './go-json.js';
import { applySchemaFromTable, type ApplySchema, type ApplySchemaTable, type ApplyTypeInfo } from './schema.js';

const freeForm: ApplyTypeInfo = { mapKind: 'map' };
const atomicFreeForm: ApplyTypeInfo = { mapKind: 'map', mapType: 'atomic' };
const atomicList: ApplyTypeInfo = { listType: 'atomic' };
const byName: ApplyTypeInfo = { listType: 'map', listMapKeys: ['name'] };
const byType: ApplyTypeInfo = { listType: 'map', listMapKeys: ['type'] };

function prefixed(prefix: string, table: ApplySchemaTable): ApplySchemaTable {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}.${k}`, v]));
}

const objectMeta: ApplySchemaTable = {
  labels: freeForm,
  annotations: freeForm,
  finalizers: { listType: 'set' },
  ownerReferences: { listType: 'map', listMapKeys: ['uid'] },
};

const container: ApplySchemaTable = {
  ports: { listType: 'map', listMapKeys: ['containerPort', 'protocol'], listMapKeyDefaults: { protocol: 'TCP' } },
  env: byName,
  envFrom: atomicList,
  volumeMounts: { listType: 'map', listMapKeys: ['mountPath'] },
  volumeDevices: { listType: 'map', listMapKeys: ['devicePath'] },
  resizePolicy: atomicList,
  'resources.limits': freeForm,
  'resources.requests': freeForm,
  'resources.claims': byName,
  command: atomicList,
  args: atomicList,
};

const podSpec: ApplySchemaTable = {
  ...Object.fromEntries(
    ['containers', 'initContainers', 'ephemeralContainers'].flatMap((list) => [
      [list, byName],
      ...Object.entries(prefixed(list, container)),
    ]),
  ),
  volumes: byName,
  tolerations: atomicList,
  nodeSelector: atomicFreeForm,
  imagePullSecrets: byName,
  hostAliases: { listType: 'map', listMapKeys: ['ip'] },
  topologySpreadConstraints: { listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] },
  readinessGates: atomicList,
  schedulingGates: byName,
  resourceClaims: byName,
  overhead: freeForm,
  'securityContext.supplementalGroups': atomicList,
  'securityContext.sysctls': atomicList,
};

const podTemplateSpec: ApplySchemaTable = {
  ...prefixed('metadata', objectMeta),
  ...prefixed('spec', podSpec),
};

/** LabelSelector is `+structType=atomic`. */
const labelSelector: ApplySchemaTable = { '': { mapType: 'atomic' }, matchLabels: freeForm, matchExpressions: atomicList };

function withSelector(prefix: string): ApplySchemaTable {
  return Object.fromEntries(Object.entries(labelSelector).map(([k, v]) => [k ? `${prefix}.${k}` : prefix, v]));
}

const common: ApplySchemaTable = {
  ...prefixed('metadata', objectMeta),
  'status.conditions': byType,
};

/** Per-kind tables. Exported for the api layer to compare with its OpenAPI-derived schemas. */
export const BUILTIN_APPLY_SCHEMA_TABLES: Readonly<Record<string, ApplySchemaTable>> = {
  Pod: {
    ...common,
    ...prefixed('spec', podSpec),
    'status.podIPs': { listType: 'map', listMapKeys: ['ip'] },
    'status.hostIPs': { listType: 'map', listMapKeys: ['ip'] },
    'status.containerStatuses': atomicList,
    'status.initContainerStatuses': atomicList,
    'status.ephemeralContainerStatuses': atomicList,
  },
  PodTemplate: { ...common, ...prefixed('template', podTemplateSpec) },
  Deployment: { ...common, ...withSelector('spec.selector'), ...prefixed('spec.template', podTemplateSpec) },
  ReplicaSet: { ...common, ...withSelector('spec.selector'), ...prefixed('spec.template', podTemplateSpec) },
  StatefulSet: { ...common, ...withSelector('spec.selector'), ...prefixed('spec.template', podTemplateSpec) },
  DaemonSet: { ...common, ...withSelector('spec.selector'), ...prefixed('spec.template', podTemplateSpec) },
  Job: { ...common, ...withSelector('spec.selector'), ...prefixed('spec.template', podTemplateSpec) },
  Service: {
    ...common,
    'spec.ports': { listType: 'map', listMapKeys: ['port', 'protocol'], listMapKeyDefaults: { protocol: 'TCP' } },
    'spec.selector': atomicFreeForm,
    'spec.clusterIPs': atomicList,
    'spec.ipFamilies': atomicList,
    'spec.externalIPs': atomicList,
    'spec.loadBalancerSourceRanges': atomicList,
    'status.loadBalancer.ingress': atomicList,
  },
  ConfigMap: { ...common, data: freeForm, binaryData: freeForm },
  Secret: { ...common, data: freeForm, stringData: freeForm },
  Namespace: { ...common, 'spec.finalizers': atomicList },
  Node: {
    ...common,
    'spec.taints': atomicList,
    'spec.podCIDRs': { listType: 'set' },
    'status.capacity': freeForm,
    'status.allocatable': freeForm,
    'status.addresses': atomicList,
    'status.images': atomicList,
  },
};

const meta = (): JsonObject => ({ creationTimestamp: null });
const podTemplate = (): JsonObject => ({ metadata: meta(), spec: { containers: null } });

/** The Go zero value of each kind as it serializes (fields without `omitempty` present), the "before" of a create. */
export const BUILTIN_EMPTY_OBJECTS: Readonly<Record<string, JsonObject>> = {
  Pod: { metadata: meta(), spec: { containers: null }, status: {} },
  PodTemplate: { metadata: meta(), template: podTemplate() },
  Deployment: { metadata: meta(), spec: { selector: null, template: podTemplate(), strategy: {} }, status: {} },
  ReplicaSet: { metadata: meta(), spec: { selector: null, template: podTemplate() }, status: { replicas: 0 } },
  StatefulSet: {
    metadata: meta(),
    spec: { selector: null, template: podTemplate(), serviceName: '', updateStrategy: {} },
    status: { replicas: 0, availableReplicas: 0 },
  },
  DaemonSet: {
    metadata: meta(),
    spec: { selector: null, template: podTemplate(), updateStrategy: {} },
    status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  },
  Job: { metadata: meta(), spec: { template: podTemplate() }, status: {} },
  Service: { metadata: meta(), spec: {}, status: { loadBalancer: {} } },
  ConfigMap: { metadata: meta() },
  Secret: { metadata: meta() },
  Namespace: { metadata: meta(), spec: {}, status: {} },
  Node: { metadata: meta(), spec: {}, status: {} },
};

const cache = new Map<string, ApplySchema>();

/** The ApplySchema of a built-in kind (or the common fallback for other kinds). */
export function builtinApplySchema(kind: string): ApplySchema {
  let s = cache.get(kind);
  if (!s) {
    const empty = BUILTIN_EMPTY_OBJECTS[kind];
    s = applySchemaFromTable(BUILTIN_APPLY_SCHEMA_TABLES[kind] ?? common, empty ? { emptyObject: empty } : {});
    cache.set(kind, s);
  }
  return s;
}
