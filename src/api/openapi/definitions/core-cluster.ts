/** core/v1 Node, Namespace, Event, ConfigMap, Secret, ServiceAccount, LimitRange, ResourceQuota, references. */
import { OBJECT_METADATA, type CompactTable } from '../compact.js';

export const coreClusterDefinitions: CompactTable = {
  'core.Node': {
    d: 'Node is a worker machine in the cluster, reported by its kubelet.',
    gvk: ['', 'v1', 'Node'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['core.NodeSpec', 'Desired configuration of the node.'],
      status: ['core.NodeStatus', 'Most recently observed status of the node; read-only.'],
    },
  },
  'core.Namespace': {
    d: 'Namespace is a scope for names; most objects live in one.',
    gvk: ['', 'v1', 'Namespace'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['core.NamespaceSpec', 'Desired behavior of the namespace.'],
      status: ['core.NamespaceStatus', 'Current status of the namespace; read-only.'],
    },
  },
  'core.Event': {
    d: 'Event reports something that happened to an object in the cluster.',
    gvk: ['', 'v1', 'Event'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      involvedObject: ['core.ObjectReference', 'The object the event is about.'],
      reason: ['string', 'Short CamelCase reason for the event, such as Scheduled or Pulled.'],
      message: ['string', 'Human-readable description of what happened.'],
      source: ['core.EventSource', 'Component and host that reported the event.'],
      firstTimestamp: ['meta.Time', 'Time the event was first seen.'],
      lastTimestamp: ['meta.Time', 'Time of the latest occurrence of the event.'],
      count: ['int32', 'Number of times the event has occurred.'],
      type: ['string', 'Type of the event: Normal or Warning.'],
      eventTime: ['meta.MicroTime', 'Time the event was first observed, with microsecond precision.'],
      series: ['core.EventSeries', 'Data about the series this event belongs to, when it recurs.'],
      action: ['string', 'What action was taken or failed on the object.'],
      related: ['core.ObjectReference', 'A secondary object involved in the event.'],
      reportingComponent: ['string', 'Name of the controller that emitted the event, e.g. kubernetes.io/kubelet.'],
      reportingInstance: ['string', 'ID of the controller instance that emitted the event.'],
    },
    req: ['metadata', 'involvedObject'],
  },
  'core.ConfigMap': {
    d: 'ConfigMap holds non-confidential configuration data for pods to consume.',
    gvk: ['', 'v1', 'ConfigMap'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      immutable: ['boolean', 'If true, data and binaryData can no longer be changed; only metadata can.'],
      data: ['{string}', 'Configuration data as UTF-8 strings; keys must be valid file names.'],
      binaryData: ['{byte}', 'Binary configuration data, base64-encoded; keys must not also appear in data.'],
    },
  },
  'core.Secret': {
    d: 'Secret holds confidential data, such as passwords, tokens or keys.',
    gvk: ['', 'v1', 'Secret'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      immutable: ['boolean', 'If true, the data can no longer be changed; only metadata can.'],
      data: ['{byte}', 'Secret data, base64-encoded; keys must be valid file names.'],
      stringData: ['{string}', 'Write-only convenience: plain strings merged into data on write, winning over it.'],
      type: ['string', 'Type of the secret, which constrains its keys, e.g. Opaque or kubernetes.io/tls.'],
    },
  },
  'core.ServiceAccount': {
    d: 'ServiceAccount is an identity for processes running in pods.',
    gvk: ['', 'v1', 'ServiceAccount'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      secrets: ['core.ObjectReference[]', 'Secrets pods of this account may use (legacy token secrets).', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      imagePullSecrets: ['core.LocalObjectReference[]', 'Secrets used to pull images for pods of this account, added to their imagePullSecrets.', { list: 'atomic' }],
      automountServiceAccountToken: ['boolean', 'Whether pods of this account get a token mounted by default.'],
    },
  },
  'core.LimitRange': {
    d: 'LimitRange sets per-object resource limits and defaults in a namespace.',
    gvk: ['', 'v1', 'LimitRange'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['core.LimitRangeSpec', 'The limits enforced.'],
    },
  },
  'core.ResourceQuota': {
    d: 'ResourceQuota caps the total resources used in a namespace.',
    gvk: ['', 'v1', 'ResourceQuota'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['core.ResourceQuotaSpec', 'The desired hard limits.'],
      status: ['core.ResourceQuotaStatus', 'Enforced limits and current usage; read-only.'],
    },
  },
  'core.NodeSpec': {
    d: 'NodeSpec holds the configuration of a node.',
    p: {
      podCIDR: ['string', 'Pod IP range assigned to the node.'],
      podCIDRs: ['string[]', 'Pod IP ranges assigned to the node, at most one per IP family.', { list: 'set', strategy: 'merge' }],
      providerID: ['string', 'ID of the node at the cloud provider, as <provider>://<id>.'],
      unschedulable: ['boolean', 'If true, no new pods are scheduled onto the node (kubectl cordon).'],
      taints: ['core.Taint[]', 'Taints of the node; pods that do not tolerate them are kept away.', { list: 'atomic' }],
      configSource: ['core.NodeConfigSource', "Deprecated: source of the node's dynamic kubelet configuration."],
      externalID: ['string', 'Deprecated and ignored.'],
    },
  },
  'core.NodeStatus': {
    d: 'NodeStatus is the observed state of a node.',
    p: {
      capacity: ['{resource.Quantity}', 'Total resources of the node.'],
      allocatable: ['{resource.Quantity}', 'Resources of the node available to pods; defaults to capacity.'],
      phase: ['string', 'Deprecated lifecycle phase of the node.', { enum: ['Pending', 'Running', 'Terminated'] }],
      conditions: ['core.NodeCondition[]', 'Current conditions of the node, such as Ready, MemoryPressure and DiskPressure.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
      addresses: ['core.NodeAddress[]', 'Addresses of the node.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
      daemonEndpoints: ['core.NodeDaemonEndpoints', 'Ports of the daemons running on the node.'],
      nodeInfo: ['core.NodeSystemInfo', 'Identifiers and versions reported by the node.'],
      images: ['core.ContainerImage[]', 'Container images present on the node.', { list: 'atomic' }],
      volumesInUse: ['string[]', 'Attachable volumes mounted on the node.', { list: 'atomic' }],
      volumesAttached: ['core.AttachedVolume[]', 'Volumes attached to the node.', { list: 'atomic' }],
      config: ['core.NodeConfigStatus', 'Deprecated: status of the dynamic kubelet configuration.'],
      runtimeHandlers: ['core.NodeRuntimeHandler[]', 'Runtime handlers available on the node.', { list: 'atomic' }],
      features: ['core.NodeFeatures', "CRI features the node's runtime implements."],
    },
  },
  'core.NamespaceSpec': {
    d: 'NamespaceSpec holds the finalizers of a namespace.',
    p: {
      finalizers: ['string[]', 'Values that must be removed before the namespace is deleted from storage.', { list: 'atomic' }],
    },
  },
  'core.NamespaceStatus': {
    d: 'NamespaceStatus is the observed state of a namespace.',
    p: {
      phase: ['string', 'Lifecycle phase of the namespace: Active or Terminating.', { enum: ['Active', 'Terminating'] }],
      conditions: ['core.NamespaceCondition[]', 'Current conditions of the namespace.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
    },
  },
  'core.ObjectReference': {
    d: 'ObjectReference identifies an object, or a field of one.',
    mapType: 'atomic',
    p: {
      kind: ['string', 'Kind of the object.'],
      namespace: ['string', 'Namespace of the object.'],
      name: ['string', 'Name of the object.'],
      uid: ['string', 'UID of the object.'],
      apiVersion: ['string', 'API version of the object.'],
      resourceVersion: ['string', 'Version of the object the reference was made to, if any.'],
      fieldPath: ['string', 'Field of the object meant, when not the whole object, e.g. spec.containers{name}.'],
    },
  },
  'core.EventSource': {
    d: 'EventSource names the component that reported an event.',
    p: {
      component: ['string', 'Component that reported the event.'],
      host: ['string', 'Node on which the event was generated.'],
    },
  },
  'core.EventSeries': {
    d: 'EventSeries describes a recurring event.',
    p: {
      count: ['int32', 'Number of occurrences so far.'],
      lastObservedTime: ['meta.MicroTime', 'Time of the last occurrence.'],
    },
  },
  'core.LocalObjectReference': {
    d: 'LocalObjectReference names an object in the same namespace.',
    mapType: 'atomic',
    p: {
      name: ['string', 'Name of the object.', { default: '' }],
    },
  },
  'core.LimitRangeSpec': {
    d: 'LimitRangeSpec lists the limits of a LimitRange.',
    p: {
      limits: ['core.LimitRangeItem[]', 'The limits, one item per kind of object.', { list: 'atomic' }],
    },
    req: ['limits'],
  },
  'core.ResourceQuotaSpec': {
    d: 'ResourceQuotaSpec sets the hard limits of a quota and the objects it tracks.',
    p: {
      hard: ['{resource.Quantity}', 'Hard limit per resource name.'],
      scopes: ['string[]', 'Filters all tracked objects must match, such as BestEffort or Terminating.', { list: 'atomic', enum: ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'] }],
      scopeSelector: ['core.ScopeSelector', 'Filters on scopes, expressed as selector requirements.'],
    },
  },
  'core.ResourceQuotaStatus': {
    d: 'ResourceQuotaStatus reports the enforced limits and current usage.',
    p: {
      hard: ['{resource.Quantity}', 'Enforced hard limit per resource name.'],
      used: ['{resource.Quantity}', 'Current usage per resource name.'],
    },
  },
  'core.NodeConfigSource': {
    d: "NodeConfigSource points at a node's dynamic kubelet configuration (deprecated).",
    p: {
      configMap: ['core.ConfigMapNodeConfigSource', 'The ConfigMap holding the configuration.'],
    },
  },
  'core.NodeCondition': {
    d: 'NodeCondition is one condition of a node.',
    p: {
      type: ['string', 'Type of the condition, such as Ready or DiskPressure.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastHeartbeatTime: ['meta.Time', 'Last time the kubelet reported this condition.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'core.NodeAddress': {
    d: 'NodeAddress is one address of a node.',
    p: {
      type: ['string', 'Kind of address: Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.'],
      address: ['string', 'The address.'],
    },
    req: ['type', 'address'],
  },
  'core.NodeDaemonEndpoints': {
    d: 'NodeDaemonEndpoints lists the ports of daemons running on a node.',
    p: {
      kubeletEndpoint: ['core.DaemonEndpoint', 'Port the kubelet listens on.'],
    },
  },
  'core.NodeSystemInfo': {
    d: 'NodeSystemInfo holds identifiers and versions reported by a node.',
    p: {
      machineID: ['string', 'Machine ID of the node.'],
      systemUUID: ['string', 'System UUID of the node.'],
      bootID: ['string', 'Boot ID of the node.'],
      kernelVersion: ['string', 'Kernel version, as from uname -r.'],
      osImage: ['string', 'Operating system image, as from /etc/os-release.'],
      containerRuntimeVersion: ['string', 'Container runtime and version, such as containerd://1.7.0.'],
      kubeletVersion: ['string', 'Version of the kubelet.'],
      kubeProxyVersion: ['string', 'Deprecated: version of kube-proxy, no longer reliable.'],
      operatingSystem: ['string', 'Operating system, such as linux.'],
      architecture: ['string', 'CPU architecture, such as amd64.'],
    },
    req: ['machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion', 'kubeletVersion', 'kubeProxyVersion', 'operatingSystem', 'architecture'],
  },
  'core.ContainerImage': {
    d: 'ContainerImage is an image present on a node.',
    p: {
      names: ['string[]', 'Names the image is known by.', { list: 'atomic' }],
      sizeBytes: ['int64', 'Size of the image in bytes.'],
    },
  },
  'core.AttachedVolume': {
    d: 'AttachedVolume is a volume attached to a node.',
    p: {
      name: ['string', 'Name of the attached volume.'],
      devicePath: ['string', 'Device path where the volume is available.'],
    },
    req: ['name', 'devicePath'],
  },
  'core.NodeConfigStatus': {
    d: 'NodeConfigStatus reports the dynamic kubelet configuration in use (deprecated).',
    p: {
      assigned: ['core.NodeConfigSource', 'Configuration the node will try to use.'],
      active: ['core.NodeConfigSource', 'Configuration the node is using.'],
      lastKnownGood: ['core.NodeConfigSource', 'Configuration the node falls back to on errors.'],
      error: ['string', 'Problem reconciling the assigned configuration.'],
    },
  },
  'core.NodeRuntimeHandler': {
    d: 'NodeRuntimeHandler is one runtime handler of a node.',
    p: {
      name: ['string', 'Name of the handler; empty for the default one.'],
      features: ['core.NodeRuntimeHandlerFeatures', 'Features the handler supports.'],
    },
  },
  'core.NodeFeatures': {
    d: "NodeFeatures lists CRI features of a node's runtime.",
    p: {
      supplementalGroupsPolicy: ['boolean', 'Whether the runtime supports supplementalGroupsPolicy.'],
    },
  },
  'core.NamespaceCondition': {
    d: 'NamespaceCondition is one condition of a namespace.',
    p: {
      type: ['string', 'Type of the condition.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'core.LimitRangeItem': {
    d: 'LimitRangeItem holds the limits for one kind of object.',
    p: {
      type: ['string', 'Kind of object the limits apply to: Pod, Container or PersistentVolumeClaim.'],
      max: ['{resource.Quantity}', 'Maximum usage allowed, per resource.'],
      min: ['{resource.Quantity}', 'Minimum usage required, per resource.'],
      default: ['{resource.Quantity}', 'Limit applied when a container sets none, per resource.'],
      defaultRequest: ['{resource.Quantity}', 'Request applied when a container sets none, per resource.'],
      maxLimitRequestRatio: ['{resource.Quantity}', 'Maximum ratio of limit to request, per resource.'],
    },
    req: ['type'],
  },
  'core.ScopeSelector': {
    d: 'ScopeSelector ANDs scope requirements.',
    mapType: 'atomic',
    p: {
      matchExpressions: ['core.ScopedResourceSelectorRequirement[]', 'Scope requirements that must all hold.', { list: 'atomic' }],
    },
  },
  'core.ConfigMapNodeConfigSource': {
    d: 'ConfigMapNodeConfigSource references a ConfigMap holding kubelet configuration.',
    p: {
      namespace: ['string', 'Namespace of the ConfigMap.'],
      name: ['string', 'Name of the ConfigMap.'],
      uid: ['string', 'UID of the ConfigMap.'],
      resourceVersion: ['string', 'resourceVersion of the ConfigMap.'],
      kubeletConfigKey: ['string', 'Key of the ConfigMap holding the KubeletConfiguration.'],
    },
    req: ['namespace', 'name', 'kubeletConfigKey'],
  },
  'core.DaemonEndpoint': {
    d: 'DaemonEndpoint is the port of one daemon.',
    p: {
      Port: ['int32', 'Port number.'],
    },
    req: ['Port'],
  },
  'core.NodeRuntimeHandlerFeatures': {
    d: 'NodeRuntimeHandlerFeatures lists features of a runtime handler.',
    p: {
      recursiveReadOnlyMounts: ['boolean', 'Whether the handler supports recursive read-only mounts.'],
      userNamespaces: ['boolean', 'Whether the handler supports user namespaces.'],
    },
  },
  'core.ScopedResourceSelectorRequirement': {
    d: 'ScopedResourceSelectorRequirement relates a quota scope to a set of values.',
    p: {
      scopeName: ['string', 'Scope the requirement applies to.', { enum: ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'] }],
      operator: ['string', 'Relation of the scope to the values: In, NotIn, Exists or DoesNotExist.', { enum: ['DoesNotExist', 'Exists', 'In', 'NotIn'] }],
      values: ['string[]', 'Values for In and NotIn; empty for Exists and DoesNotExist.', { list: 'atomic' }],
    },
    req: ['scopeName', 'operator'],
  },
};
