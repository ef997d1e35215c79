/** core/v1 Pod: spec, status, templates, Binding. */
import { OBJECT_METADATA, type CompactTable } from '../compact.js';

export const corePodDefinitions: CompactTable = {
  'core.Pod': {
    d: 'Pod is a group of containers scheduled together onto one node, sharing network and storage.',
    gvk: ['', 'v1', 'Pod'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['core.PodSpec', 'Desired behavior of the pod.'],
      status: ['core.PodStatus', 'Most recently observed status of the pod; written by the system, read-only for users.'],
    },
  },
  'core.PodTemplateSpec': {
    d: 'PodTemplateSpec describes the pods a controller creates from a template.',
    p: {
      metadata: ['meta.ObjectMeta', 'Labels, annotations and other metadata copied into each pod created from the template.'],
      spec: ['core.PodSpec', 'Desired behavior of each pod created from the template.'],
    },
  },
  'core.Binding': {
    d: 'Binding assigns one object to another, e.g. a pod to a node; the scheduler posts it to pods/binding.',
    gvk: ['', 'v1', 'Binding'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      target: ['core.ObjectReference', 'The object to bind to, such as the Node a pod runs on.'],
    },
    req: ['target'],
  },
  'core.PodSpec': {
    d: 'PodSpec describes the containers, volumes and scheduling constraints of a pod.',
    p: {
      volumes: ['core.Volume[]', "Volumes the pod's containers can mount.", { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge,retainKeys' }],
      initContainers: ['core.Container[]', 'Containers run to completion, one after another, before the app containers start; sidecars among them keep running.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      containers: ['core.Container[]', "The pod's application containers; at least one is required and the list cannot be changed later.", { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      ephemeralContainers: ['core.EphemeralContainer[]', 'Temporary containers added to a running pod for debugging, through the ephemeralcontainers subresource.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      restartPolicy: ['string', 'When containers are restarted: Always (default), OnFailure or Never.', { enum: ['Always', 'Never', 'OnFailure'] }],
      terminationGracePeriodSeconds: ['int64', 'Seconds the pod is given to stop after SIGTERM before it is killed; defaults to 30.'],
      activeDeadlineSeconds: ['int64', 'Seconds the pod may run, counted from its start time, before the system marks it failed.'],
      dnsPolicy: ['string', "How the pod's DNS is configured: ClusterFirst (default), ClusterFirstWithHostNet, Default or None.", { enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] }],
      nodeSelector: ['{string}', 'Node labels a node must have for the pod to be scheduled there.', { mapType: 'atomic' }],
      serviceAccountName: ['string', 'Name of the ServiceAccount the pod runs as.'],
      serviceAccount: ['string', 'Deprecated alias of serviceAccountName.'],
      automountServiceAccountToken: ['boolean', 'Whether a service account token is mounted into the pod automatically.'],
      nodeName: ['string', 'Node the pod is bound to; set by the scheduler, or by the user to bypass scheduling.'],
      hostNetwork: ['boolean', "Run the pod in the host's network namespace; ports must then be given explicitly."],
      hostPID: ['boolean', "Use the host's process ID namespace."],
      hostIPC: ['boolean', "Use the host's IPC namespace."],
      shareProcessNamespace: ['boolean', 'Share one process namespace among all containers of the pod, so they can see and signal each other.'],
      securityContext: ['core.PodSecurityContext', 'Pod-level security attributes and defaults for every container.'],
      imagePullSecrets: ['core.LocalObjectReference[]', "Secrets in the pod's namespace holding credentials for pulling the pod's images.", { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      hostname: ['string', 'Hostname of the pod; defaults to a system-defined value (the pod name).'],
      subdomain: ['string', "If set, the pod's fully qualified hostname is <hostname>.<subdomain>.<namespace>.svc.<cluster domain>."],
      affinity: ['core.Affinity', 'Node, pod and anti-pod affinity constraints for scheduling.'],
      schedulerName: ['string', 'Scheduler that places the pod; defaults to the default scheduler.'],
      tolerations: ['core.Toleration[]', 'Taints the pod tolerates.', { list: 'atomic' }],
      hostAliases: ['core.HostAlias[]', "Entries added to the pod's /etc/hosts file.", { list: 'map', keys: ['ip'], merge: 'ip', strategy: 'merge' }],
      priorityClassName: ['string', 'Name of the PriorityClass giving the pod its priority.'],
      priority: ['int32', 'Priority value, filled in from priorityClassName by admission; higher is more important.'],
      dnsConfig: ['core.PodDNSConfig', 'DNS parameters merged into the configuration produced by dnsPolicy.'],
      readinessGates: ['core.PodReadinessGate[]', 'Extra pod conditions that must be True for the pod to be considered ready.', { list: 'atomic' }],
      runtimeClassName: ['string', 'RuntimeClass (node.k8s.io) used to run the pod.'],
      enableServiceLinks: ['boolean', 'Whether environment variables for services in the namespace are injected, Docker-links style; defaults to true.'],
      preemptionPolicy: ['string', 'Whether the pod may preempt lower-priority pods: PreemptLowerPriority (default) or Never.', { enum: ['Never', 'PreemptLowerPriority'] }],
      overhead: ['{resource.Quantity}', 'Resources consumed by the pod sandbox on top of its containers, set from the RuntimeClass.'],
      topologySpreadConstraints: ['core.TopologySpreadConstraint[]', "How the pod's replicas should be spread across topology domains such as zones or nodes.", { list: 'map', keys: ['topologyKey', 'whenUnsatisfiable'], merge: 'topologyKey', strategy: 'merge' }],
      setHostnameAsFQDN: ['boolean', "If true, the pod's hostname is set to its fully qualified domain name."],
      os: ['core.PodOS', "Operating system the pod's containers need; restricts which fields are allowed."],
      hostUsers: ['boolean', "Whether the pod uses the host's user namespace; false gives it its own user namespace."],
      schedulingGates: ['core.PodSchedulingGate[]', 'Gates that keep the pod unscheduled until every one is removed.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      resourceClaims: ['core.PodResourceClaim[]', 'Dynamic resource claims the pod needs allocated before it can start.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge,retainKeys' }],
      resources: ['core.ResourceRequirements', 'Total CPU and memory for the whole pod, shared by its containers.'],
    },
    req: ['containers'],
  },
  'core.PodStatus': {
    d: 'PodStatus is the most recently observed status of a pod.',
    p: {
      phase: ['string', "High-level summary of the pod's lifecycle: Pending, Running, Succeeded, Failed or Unknown.", { enum: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'] }],
      conditions: ['core.PodCondition[]', 'Current conditions of the pod, such as PodScheduled, Initialized, ContainersReady and Ready.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
      message: ['string', 'Human-readable message about why the pod is in its current state.'],
      reason: ['string', "Short CamelCase reason for the pod's state, e.g. Evicted."],
      nominatedNodeName: ['string', 'Node on which the pod may run once preemption victims are gone; set by the scheduler.'],
      hostIP: ['string', 'Primary IP address of the node the pod runs on.'],
      hostIPs: ['core.HostIP[]', 'IP addresses of the node the pod runs on; the first equals hostIP.', { list: 'atomic', merge: 'ip', strategy: 'merge' }],
      podIP: ['string', 'Primary IP address of the pod.'],
      podIPs: ['core.PodIP[]', 'IP addresses of the pod, at most one per IP family; the first equals podIP.', { list: 'map', keys: ['ip'], merge: 'ip', strategy: 'merge' }],
      startTime: ['meta.Time', 'Time the kubelet accepted the pod, before any image was pulled.'],
      initContainerStatuses: ['core.ContainerStatus[]', 'Statuses of the init containers, one per container in spec order.', { list: 'atomic' }],
      containerStatuses: ['core.ContainerStatus[]', 'Statuses of the app containers, one per container.', { list: 'atomic' }],
      qosClass: ['string', 'Quality-of-service class computed from resource requests and limits: Guaranteed, Burstable or BestEffort.', { enum: ['BestEffort', 'Burstable', 'Guaranteed'] }],
      ephemeralContainerStatuses: ['core.ContainerStatus[]', 'Statuses of the ephemeral containers that have run in the pod.', { list: 'atomic' }],
      resize: ['string', 'Progress of a requested in-place resource resize.'],
      resourceClaimStatuses: ['core.PodResourceClaimStatus[]', 'Names of the ResourceClaims generated for the pod from templates.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge,retainKeys' }],
    },
  },
  'core.PodSecurityContext': {
    d: 'PodSecurityContext holds pod-level security attributes and defaults for all containers.',
    p: {
      seLinuxOptions: ['core.SELinuxOptions', 'SELinux context applied to every container.'],
      windowsOptions: ['core.WindowsSecurityContextOptions', 'Windows-specific settings applied to every container.'],
      runAsUser: ['int64', "UID the containers' entrypoints run as, unless a container overrides it."],
      runAsGroup: ['int64', "Primary GID the containers' entrypoints run as, unless a container overrides it."],
      runAsNonRoot: ['boolean', 'If true, the kubelet refuses to start a container that would run as UID 0.'],
      supplementalGroups: ['int64[]', 'Extra group IDs given to the first process of every container.', { list: 'atomic' }],
      supplementalGroupsPolicy: ['string', "How supplemental groups are computed: Merge (with the image's /etc/group) or Strict.", { enum: ['Merge', 'Strict'] }],
      fsGroup: ['int64', "Group that owns the pod's volumes and is added to every container's supplemental groups."],
      sysctls: ['core.Sysctl[]', 'Namespaced kernel parameters set for the pod.', { list: 'atomic' }],
      fsGroupChangePolicy: ['string', 'When volume ownership is changed to fsGroup: OnRootMismatch or Always.', { enum: ['Always', 'OnRootMismatch'] }],
      seccompProfile: ['core.SeccompProfile', 'Seccomp profile for every container.'],
      appArmorProfile: ['core.AppArmorProfile', 'AppArmor profile for every container.'],
      seLinuxChangePolicy: ['string', 'How the SELinux label is applied to volumes: Recursive or MountOption.'],
    },
  },
  'core.HostAlias': {
    d: 'HostAlias is an /etc/hosts entry mapping an IP to hostnames.',
    p: {
      ip: ['string', 'IP address of the entry.'],
      hostnames: ['string[]', 'Hostnames for the IP address.', { list: 'atomic' }],
    },
    req: ['ip'],
  },
  'core.PodDNSConfig': {
    d: 'PodDNSConfig holds DNS settings added to those generated from the DNS policy.',
    p: {
      nameservers: ['string[]', 'Name server IP addresses to add.', { list: 'atomic' }],
      searches: ['string[]', 'Search domains for host-name lookup.', { list: 'atomic' }],
      options: ['core.PodDNSConfigOption[]', 'Resolver options.', { list: 'atomic' }],
    },
  },
  'core.PodReadinessGate': {
    d: 'PodReadinessGate names a pod condition that must be True for the pod to be ready.',
    p: {
      conditionType: ['string', 'Type of the pod condition to check.'],
    },
    req: ['conditionType'],
  },
  'core.PodOS': {
    d: 'PodOS names the operating system of a pod.',
    p: {
      name: ['string', 'Operating system name: linux or windows.'],
    },
    req: ['name'],
  },
  'core.PodSchedulingGate': {
    d: 'PodSchedulingGate blocks scheduling of a pod while it is present.',
    p: {
      name: ['string', 'Name of the gate; must be unique within the pod.'],
    },
    req: ['name'],
  },
  'core.PodResourceClaim': {
    d: 'PodResourceClaim names a ResourceClaim, or a template to create one from, that the pod needs.',
    p: {
      name: ['string', 'Name of this claim within the pod.'],
      resourceClaimName: ['string', "Name of an existing ResourceClaim in the pod's namespace."],
      resourceClaimTemplateName: ['string', 'Name of a ResourceClaimTemplate from which a claim is generated for the pod.'],
    },
    req: ['name'],
  },
  'core.PodCondition': {
    d: 'PodCondition is one condition of a pod.',
    p: {
      type: ['string', 'Type of the condition, e.g. Ready or PodScheduled.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastProbeTime: ['meta.Time', 'Last time the condition was probed.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'core.HostIP': {
    d: 'HostIP is one IP address of the node a pod runs on.',
    p: {
      ip: ['string', 'The IP address.'],
    },
    req: ['ip'],
  },
  'core.PodIP': {
    d: 'PodIP is one IP address of a pod.',
    p: {
      ip: ['string', 'The IP address.'],
    },
    req: ['ip'],
  },
  'core.ContainerStatus': {
    d: 'ContainerStatus is the observed state of one container of a pod.',
    p: {
      name: ['string', 'Name of the container, as in the pod spec.'],
      state: ['core.ContainerState', 'Current state of the container.'],
      lastState: ['core.ContainerState', 'State of the previous run of the container, useful to see why it restarted.'],
      ready: ['boolean', 'Whether the container passes its readiness probe.'],
      restartCount: ['int32', 'Number of times the container has been restarted.'],
      image: ['string', 'Image the container runs.'],
      imageID: ['string', 'ID (digest) of the image the container runs.'],
      containerID: ['string', 'ID of the container as <type>://<container_id>.'],
      started: ['boolean', 'Whether the container has passed its startup probe and postStart hook.'],
      allocatedResources: ['{resource.Quantity}', 'Resources the node has allocated to the container.'],
      resources: ['core.ResourceRequirements', 'Resource requests and limits applied to the running container.'],
      volumeMounts: ['core.VolumeMountStatus[]', "Status of the container's volume mounts.", { list: 'map', keys: ['mountPath'], merge: 'mountPath', strategy: 'merge' }],
      user: ['core.ContainerUser', "Identity of the container's first process."],
      allocatedResourcesStatus: ['core.ResourceStatus[]', 'Health of the resources allocated to the container.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
    },
    req: ['name', 'ready', 'restartCount', 'image', 'imageID'],
  },
  'core.PodResourceClaimStatus': {
    d: 'PodResourceClaimStatus records the ResourceClaim generated for a pod resource claim.',
    p: {
      name: ['string', 'Name of the claim within the pod (spec.resourceClaims[].name).'],
      resourceClaimName: ['string', 'Name of the generated ResourceClaim; empty when none was needed.'],
    },
    req: ['name'],
  },
  'core.Sysctl': {
    d: 'Sysctl is one kernel parameter to set.',
    p: {
      name: ['string', 'Name of the parameter.'],
      value: ['string', 'Value to set.'],
    },
    req: ['name', 'value'],
  },
  'core.PodDNSConfigOption': {
    d: 'PodDNSConfigOption is one DNS resolver option.',
    p: {
      name: ['string', 'Option name.'],
      value: ['string', 'Option value, if any.'],
    },
  },
  'core.ContainerState': {
    d: 'ContainerState holds exactly one of the waiting, running or terminated states; waiting is assumed when none is set.',
    p: {
      waiting: ['core.ContainerStateWaiting', 'Details of a container that is not yet running.'],
      running: ['core.ContainerStateRunning', 'Details of a running container.'],
      terminated: ['core.ContainerStateTerminated', 'Details of a container that has exited.'],
    },
  },
  'core.VolumeMountStatus': {
    d: 'VolumeMountStatus is the observed state of one volume mount.',
    p: {
      name: ['string', 'Name of the original VolumeMount.'],
      mountPath: ['string', 'Mount path of the original VolumeMount.'],
      readOnly: ['boolean', 'Read-only setting of the original VolumeMount.'],
      recursiveReadOnly: ['string', 'Whether the mount is recursively read-only: Disabled or Enabled.'],
    },
    req: ['name', 'mountPath'],
  },
  'core.ContainerUser': {
    d: "ContainerUser holds the identity of a container's first process.",
    p: {
      linux: ['core.LinuxContainerUser', 'User and groups of the first process on Linux.'],
    },
  },
  'core.ResourceStatus': {
    d: 'ResourceStatus reports the health of one resource allocated to a container.',
    p: {
      name: ['string', "Name of the resource, as in the container's resources."],
      resources: ['core.ResourceHealth[]', 'Health of each device or unit of the resource.', { list: 'map', keys: ['resourceID'] }],
    },
    req: ['name'],
  },
  'core.ContainerStateWaiting': {
    d: 'ContainerStateWaiting describes a container that is not running yet.',
    p: {
      reason: ['string', 'Brief reason the container is not running, e.g. ContainerCreating or CrashLoopBackOff.'],
      message: ['string', 'Message about why the container is not running.'],
    },
  },
  'core.ContainerStateRunning': {
    d: 'ContainerStateRunning describes a running container.',
    p: {
      startedAt: ['meta.Time', 'Time the container was last (re)started.'],
    },
  },
  'core.ContainerStateTerminated': {
    d: 'ContainerStateTerminated describes a container that has exited.',
    p: {
      exitCode: ['int32', "Exit code of the container's last run."],
      signal: ['int32', "Signal that ended the container's last run, if any."],
      reason: ['string', 'Brief reason for the termination, e.g. Completed or OOMKilled.'],
      message: ['string', 'Message about the termination.'],
      startedAt: ['meta.Time', 'Time the last run started.'],
      finishedAt: ['meta.Time', 'Time the last run ended.'],
      containerID: ['string', 'ID of the container as <type>://<container_id>.'],
    },
    req: ['exitCode'],
  },
  'core.LinuxContainerUser': {
    d: "LinuxContainerUser is the Linux identity of a container's first process.",
    p: {
      uid: ['int64', 'Primary UID of the first process.'],
      gid: ['int64', 'Primary GID of the first process.'],
      supplementalGroups: ['int64[]', 'Supplemental group IDs of the first process.', { list: 'atomic' }],
    },
    req: ['uid', 'gid'],
  },
  'core.ResourceHealth': {
    d: 'ResourceHealth is the health of one allocated resource unit.',
    p: {
      resourceID: ['string', 'Unique identifier of the resource unit.'],
      health: ['string', 'Health of the unit: Healthy, Unhealthy or Unknown.'],
    },
    req: ['resourceID'],
  },
};
