/** core/v1 Container and what hangs off it: ports, env, resources, probes, lifecycle, security context. */
import type { CompactTable } from '../compact.js';

export const coreContainerDefinitions: CompactTable = {
  'core.Container': {
    d: 'Container is one application container of a pod.',
    p: {
      name: ['string', 'Name of the container, a DNS label unique within the pod; cannot be updated.'],
      image: ['string', 'Container image to run; workload controllers may default or override it.'],
      command: ['string[]', "Entrypoint as an array, not run in a shell; replaces the image's ENTRYPOINT. $(VAR) references are expanded.", { list: 'atomic' }],
      args: ['string[]', "Arguments to the entrypoint; replace the image's CMD. $(VAR) references are expanded.", { list: 'atomic' }],
      workingDir: ['string', "Working directory of the container; defaults to the image's."],
      ports: ['core.ContainerPort[]', 'Ports the container exposes; informational, since any listening port is reachable from the network.', { list: 'map', keys: ['containerPort', 'protocol'], merge: 'containerPort', strategy: 'merge' }],
      envFrom: ['core.EnvFromSource[]', 'Sources whose keys all become environment variables; later sources and env entries take precedence.', { list: 'atomic' }],
      env: ['core.EnvVar[]', 'Environment variables to set in the container.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      resources: ['core.ResourceRequirements', 'CPU, memory and other compute resources the container requests and is limited to.'],
      resizePolicy: ['core.ContainerResizePolicy[]', 'How the container reacts when a resource is resized in place.', { list: 'atomic' }],
      restartPolicy: ['string', 'For init containers only: Always makes it a sidecar that keeps running beside the app containers.'],
      volumeMounts: ['core.VolumeMount[]', "Pod volumes to mount into the container's filesystem.", { list: 'map', keys: ['mountPath'], merge: 'mountPath', strategy: 'merge' }],
      volumeDevices: ['core.VolumeDevice[]', 'Raw block devices from persistent volume claims to expose in the container.', { list: 'map', keys: ['devicePath'], merge: 'devicePath', strategy: 'merge' }],
      livenessProbe: ['core.Probe', 'Periodic check that the container is alive; the container is restarted when it fails.'],
      readinessProbe: ['core.Probe', 'Periodic check that the container can serve; it is removed from service endpoints while it fails.'],
      startupProbe: ['core.Probe', 'Check that the container has started; other probes wait until it succeeds, and failing it restarts the container.'],
      lifecycle: ['core.Lifecycle', 'Actions run right after the container starts and right before it stops.'],
      terminationMessagePath: ['string', 'File in the container from which the termination message is read; defaults to /dev/termination-log.'],
      terminationMessagePolicy: ['string', 'How the termination message is filled: File, or FallbackToLogsOnError to use the log tail when the file is empty.', { enum: ['FallbackToLogsOnError', 'File'] }],
      imagePullPolicy: ['string', 'When the image is pulled: Always, Never or IfNotPresent; defaults to Always for :latest and IfNotPresent otherwise.', { enum: ['Always', 'IfNotPresent', 'Never'] }],
      securityContext: ['core.SecurityContext', 'Security options of the container; override those of the pod.'],
      stdin: ['boolean', 'Whether the container gets a stdin buffer, so it can be attached to.'],
      stdinOnce: ['boolean', 'Whether stdin is closed after the first attach session ends.'],
      tty: ['boolean', 'Whether the container gets a TTY; also needs stdin.'],
    },
    req: ['name'],
  },
  'core.EphemeralContainer': {
    d: 'EphemeralContainer is a temporary container added to a running pod, typically to debug it; it is never restarted.',
    p: {
      name: ['string', 'Name of the ephemeral container, a DNS label unique among all containers of the pod.'],
      image: ['string', 'Container image to run; workload controllers may default or override it.'],
      command: ['string[]', "Entrypoint as an array, not run in a shell; replaces the image's ENTRYPOINT. $(VAR) references are expanded.", { list: 'atomic' }],
      args: ['string[]', "Arguments to the entrypoint; replace the image's CMD. $(VAR) references are expanded.", { list: 'atomic' }],
      workingDir: ['string', "Working directory of the container; defaults to the image's."],
      ports: ['core.ContainerPort[]', 'Not allowed for ephemeral containers.', { list: 'map', keys: ['containerPort', 'protocol'], merge: 'containerPort', strategy: 'merge' }],
      envFrom: ['core.EnvFromSource[]', 'Sources whose keys all become environment variables; later sources and env entries take precedence.', { list: 'atomic' }],
      env: ['core.EnvVar[]', 'Environment variables to set in the container.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
      resources: ['core.ResourceRequirements', "Not allowed for ephemeral containers; they use the pod's resources."],
      resizePolicy: ['core.ContainerResizePolicy[]', 'Not allowed for ephemeral containers.', { list: 'atomic' }],
      restartPolicy: ['string', 'Not allowed for ephemeral containers.'],
      volumeMounts: ['core.VolumeMount[]', "Pod volumes to mount into the container's filesystem.", { list: 'map', keys: ['mountPath'], merge: 'mountPath', strategy: 'merge' }],
      volumeDevices: ['core.VolumeDevice[]', 'Raw block devices from persistent volume claims to expose in the container.', { list: 'map', keys: ['devicePath'], merge: 'devicePath', strategy: 'merge' }],
      livenessProbe: ['core.Probe', 'Not allowed for ephemeral containers.'],
      readinessProbe: ['core.Probe', 'Not allowed for ephemeral containers.'],
      startupProbe: ['core.Probe', 'Not allowed for ephemeral containers.'],
      lifecycle: ['core.Lifecycle', 'Not allowed for ephemeral containers.'],
      terminationMessagePath: ['string', 'File in the container from which the termination message is read; defaults to /dev/termination-log.'],
      terminationMessagePolicy: ['string', 'How the termination message is filled: File, or FallbackToLogsOnError to use the log tail when the file is empty.', { enum: ['FallbackToLogsOnError', 'File'] }],
      imagePullPolicy: ['string', 'When the image is pulled: Always, Never or IfNotPresent; defaults to Always for :latest and IfNotPresent otherwise.', { enum: ['Always', 'IfNotPresent', 'Never'] }],
      securityContext: ['core.SecurityContext', 'Security options of the ephemeral container.'],
      stdin: ['boolean', 'Whether the container gets a stdin buffer, so it can be attached to.'],
      stdinOnce: ['boolean', 'Whether stdin is closed after the first attach session ends.'],
      tty: ['boolean', 'Whether the container gets a TTY; also needs stdin.'],
      targetContainerName: ['string', 'Name of the container whose namespaces (IPC, PID, ...) the ephemeral container joins.'],
    },
    req: ['name'],
  },
  'core.ResourceRequirements': {
    d: 'ResourceRequirements describes the compute resources a container requests and is limited to.',
    p: {
      limits: ['{resource.Quantity}', 'Maximum amount of each resource the container may use.'],
      requests: ['{resource.Quantity}', 'Amount of each resource the container needs, used for scheduling; defaults to limits when only those are set.'],
      claims: ['core.ResourceClaim[]', "Names of the pod's resourceClaims this container uses.", { list: 'map', keys: ['name'] }],
    },
  },
  'core.ContainerPort': {
    d: 'ContainerPort is one network port of a container.',
    p: {
      name: ['string', 'Name of the port (an IANA service name) that services can refer to; unique within the pod.'],
      hostPort: ['int32', 'Port to expose on the node; most containers do not need one.'],
      containerPort: ['int32', "Port number on the pod's IP address, 1-65535."],
      protocol: ['string', 'Protocol of the port: TCP (default), UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'], default: 'TCP' }],
      hostIP: ['string', 'Host IP address to bind the host port to.'],
    },
    req: ['containerPort'],
  },
  'core.EnvFromSource': {
    d: 'EnvFromSource imports every key of a ConfigMap or Secret as environment variables.',
    p: {
      prefix: ['string', 'Prefix added to every imported variable name.'],
      configMapRef: ['core.ConfigMapEnvSource', 'The ConfigMap to import.'],
      secretRef: ['core.SecretEnvSource', 'The Secret to import.'],
    },
  },
  'core.EnvVar': {
    d: 'EnvVar is one environment variable of a container.',
    p: {
      name: ['string', 'Name of the variable.'],
      value: ['string', 'Value of the variable; $(VAR) references to earlier variables are expanded. Defaults to empty.'],
      valueFrom: ['core.EnvVarSource', 'Source of the value; cannot be used together with value.'],
    },
    req: ['name'],
  },
  'core.ContainerResizePolicy': {
    d: 'ContainerResizePolicy says what happens to a container when one resource is resized in place.',
    p: {
      resourceName: ['string', 'Resource the policy applies to, such as cpu or memory.'],
      restartPolicy: ['string', 'Whether resizing needs a restart: NotRequired or RestartContainer.'],
    },
    req: ['resourceName', 'restartPolicy'],
  },
  'core.VolumeMount': {
    d: 'VolumeMount mounts a pod volume into a container.',
    p: {
      name: ['string', 'Name of the pod volume to mount.'],
      readOnly: ['boolean', 'Mount read-only when true; read-write otherwise.'],
      recursiveReadOnly: ['string', 'Whether a read-only mount is also read-only for its submounts: Disabled, IfPossible or Enabled.'],
      mountPath: ['string', "Path in the container where the volume is mounted; must not contain ':'."],
      subPath: ['string', 'Path inside the volume to mount instead of its root.'],
      mountPropagation: ['string', 'How mounts propagate between host and container: None, HostToContainer or Bidirectional.', { enum: ['Bidirectional', 'HostToContainer', 'None'] }],
      subPathExpr: ['string', "Like subPath, but $(VAR) references to the container's environment are expanded."],
    },
    req: ['name', 'mountPath'],
  },
  'core.VolumeDevice': {
    d: 'VolumeDevice maps a raw block device into a container.',
    p: {
      name: ['string', 'Name of a persistentVolumeClaim volume of the pod.'],
      devicePath: ['string', 'Path in the container where the device appears.'],
    },
    req: ['name', 'devicePath'],
  },
  'core.Probe': {
    d: 'Probe is a health check run against a container: one action plus timing and thresholds.',
    p: {
      exec: ['core.ExecAction', 'Run a command in the container; exit status 0 is success.'],
      httpGet: ['core.HTTPGetAction', 'Perform an HTTP GET; a status from 200 to 399 is success.'],
      tcpSocket: ['core.TCPSocketAction', 'Open a TCP connection; success if it connects.'],
      grpc: ['core.GRPCAction', 'Call the gRPC health-checking service.'],
      initialDelaySeconds: ['int32', 'Seconds after the container starts before the first probe.'],
      timeoutSeconds: ['int32', 'Seconds after which a probe times out; defaults to 1.'],
      periodSeconds: ['int32', 'Seconds between probes; defaults to 10.'],
      successThreshold: ['int32', 'Consecutive successes needed after a failure to count as healthy; defaults to 1 and must be 1 for liveness and startup.'],
      failureThreshold: ['int32', 'Consecutive failures needed to count as failed; defaults to 3.'],
      terminationGracePeriodSeconds: ['int64', "Grace period used when the probe fails and the container is killed; overrides the pod's."],
    },
  },
  'core.Lifecycle': {
    d: 'Lifecycle holds actions run at container lifecycle events.',
    p: {
      postStart: ['core.LifecycleHandler', 'Runs right after the container is created; the container is restarted if it fails.'],
      preStop: ['core.LifecycleHandler', 'Runs right before the container is stopped by an API request or a management event; blocks termination until it returns or the grace period ends.'],
    },
  },
  'core.SecurityContext': {
    d: "SecurityContext holds the security settings of one container; fields override the pod's.",
    p: {
      capabilities: ['core.Capabilities', 'POSIX capabilities to add to and drop from the container.'],
      privileged: ['boolean', 'Run the container in privileged mode, equivalent to root on the host.'],
      seLinuxOptions: ['core.SELinuxOptions', 'SELinux context for the container.'],
      windowsOptions: ['core.WindowsSecurityContextOptions', 'Windows-specific settings for the container.'],
      runAsUser: ['int64', "UID the container's entrypoint runs as."],
      runAsGroup: ['int64', "GID the container's entrypoint runs as."],
      runAsNonRoot: ['boolean', 'If true, the kubelet refuses to start the container as UID 0.'],
      readOnlyRootFilesystem: ['boolean', "Whether the container's root filesystem is read-only."],
      allowPrivilegeEscalation: ['boolean', 'Whether a process may gain more privileges than its parent (no_new_privs off).'],
      procMount: ['string', 'Kind of /proc mount: Default or Unmasked.', { enum: ['Default', 'Unmasked'] }],
      seccompProfile: ['core.SeccompProfile', 'Seccomp profile for the container.'],
      appArmorProfile: ['core.AppArmorProfile', 'AppArmor profile for the container.'],
    },
  },
  'core.SELinuxOptions': {
    d: 'SELinuxOptions is an SELinux label.',
    p: {
      user: ['string', 'SELinux user label.'],
      role: ['string', 'SELinux role label.'],
      type: ['string', 'SELinux type label.'],
      level: ['string', 'SELinux level label.'],
    },
  },
  'core.WindowsSecurityContextOptions': {
    d: 'WindowsSecurityContextOptions holds Windows-specific security settings.',
    p: {
      gmsaCredentialSpecName: ['string', 'Name of the GMSA credential spec to use.'],
      gmsaCredentialSpec: ['string', 'Contents of the GMSA credential spec, filled in by the GMSA admission webhook.'],
      runAsUserName: ['string', 'Windows user name the entrypoint runs as.'],
      hostProcess: ['boolean', 'Whether the container runs as a Windows HostProcess container.'],
    },
  },
  'core.SeccompProfile': {
    d: 'SeccompProfile selects a seccomp profile.',
    p: {
      type: ['string', 'Kind of profile: RuntimeDefault, Unconfined or Localhost.', { enum: ['Localhost', 'RuntimeDefault', 'Unconfined'] }],
      localhostProfile: ['string', "Path of a profile on the node, relative to the kubelet's seccomp directory; only for Localhost."],
    },
    req: ['type'],
  },
  'core.AppArmorProfile': {
    d: 'AppArmorProfile selects an AppArmor profile.',
    p: {
      type: ['string', 'Kind of profile: RuntimeDefault, Unconfined or Localhost.', { enum: ['Localhost', 'RuntimeDefault', 'Unconfined'] }],
      localhostProfile: ['string', 'Name of a profile loaded on the node; only for Localhost.'],
    },
    req: ['type'],
  },
  'core.ResourceClaim': {
    d: "ResourceClaim names one entry of the pod's resourceClaims used by a container.",
    p: {
      name: ['string', 'Name of an entry in spec.resourceClaims.'],
      request: ['string', 'Name of one request of the claim to use; empty means the whole claim.'],
    },
    req: ['name'],
  },
  'core.ConfigMapEnvSource': {
    d: 'ConfigMapEnvSource names a ConfigMap whose keys become environment variables.',
    p: {
      name: ['string', 'Name of the ConfigMap.', { default: '' }],
      optional: ['boolean', 'Whether the ConfigMap may be missing.'],
    },
  },
  'core.SecretEnvSource': {
    d: 'SecretEnvSource names a Secret whose keys become environment variables.',
    p: {
      name: ['string', 'Name of the Secret.', { default: '' }],
      optional: ['boolean', 'Whether the Secret may be missing.'],
    },
  },
  'core.EnvVarSource': {
    d: "EnvVarSource takes an environment variable's value from the pod, the container's resources, a ConfigMap or a Secret.",
    p: {
      fieldRef: ['core.ObjectFieldSelector', 'A field of the pod, such as metadata.name, metadata.namespace, spec.nodeName or status.podIP.'],
      resourceFieldRef: ['core.ResourceFieldSelector', 'A resource limit or request of a container, such as limits.cpu or requests.memory.'],
      configMapKeyRef: ['core.ConfigMapKeySelector', "A key of a ConfigMap in the pod's namespace."],
      secretKeyRef: ['core.SecretKeySelector', "A key of a Secret in the pod's namespace."],
    },
  },
  'core.ExecAction': {
    d: 'ExecAction runs a command in the container.',
    p: {
      command: ['string[]', 'Command line to run, from / in the container and not in a shell; exit status 0 is success.', { list: 'atomic' }],
    },
  },
  'core.HTTPGetAction': {
    d: 'HTTPGetAction performs an HTTP GET against the container.',
    p: {
      path: ['string', 'Path to request.'],
      port: ['intstr.IntOrString', 'Name or number of the container port to connect to.'],
      host: ['string', 'Host to connect to; defaults to the pod IP (set a Host header instead in most cases).'],
      scheme: ['string', 'Scheme to use, HTTP (default) or HTTPS.', { enum: ['HTTP', 'HTTPS'] }],
      httpHeaders: ['core.HTTPHeader[]', 'Extra headers for the request.', { list: 'atomic' }],
    },
    req: ['port'],
  },
  'core.TCPSocketAction': {
    d: 'TCPSocketAction opens a TCP connection to the container.',
    p: {
      port: ['intstr.IntOrString', 'Name or number of the container port to connect to.'],
      host: ['string', 'Host to connect to; defaults to the pod IP.'],
    },
    req: ['port'],
  },
  'core.GRPCAction': {
    d: 'GRPCAction calls the gRPC health-checking service of the container.',
    p: {
      port: ['int32', 'Port of the gRPC service.'],
      service: ['string', 'Service name sent in the HealthCheckRequest; empty checks the server as a whole.', { default: '' }],
    },
    req: ['port'],
  },
  'core.LifecycleHandler': {
    d: 'LifecycleHandler is the action of a lifecycle hook; exactly one field is set.',
    p: {
      exec: ['core.ExecAction', 'Run a command in the container.'],
      httpGet: ['core.HTTPGetAction', 'Perform an HTTP GET against the container.'],
      tcpSocket: ['core.TCPSocketAction', 'Deprecated and unsupported as a lifecycle action; kept for compatibility.'],
      sleep: ['core.SleepAction', 'Sleep for a number of seconds.'],
    },
  },
  'core.Capabilities': {
    d: 'Capabilities lists POSIX capabilities to add and drop.',
    p: {
      add: ['string[]', 'Capabilities to add.', { list: 'atomic' }],
      drop: ['string[]', 'Capabilities to drop.', { list: 'atomic' }],
    },
  },
  'core.ObjectFieldSelector': {
    d: 'ObjectFieldSelector selects a field of an object in a given API version.',
    mapType: 'atomic',
    p: {
      apiVersion: ['string', 'API version the field path is written in; defaults to v1.'],
      fieldPath: ['string', 'Path of the field to select.'],
    },
    req: ['fieldPath'],
  },
  'core.ResourceFieldSelector': {
    d: 'ResourceFieldSelector selects a resource limit or request of a container, in a chosen unit.',
    mapType: 'atomic',
    p: {
      containerName: ['string', 'Name of the container; required for volumes, optional for environment variables.'],
      resource: ['string', 'Resource to select, such as limits.cpu or requests.memory.'],
      divisor: ['resource.Quantity', 'Unit the value is expressed in; defaults to 1.'],
    },
    req: ['resource'],
  },
  'core.ConfigMapKeySelector': {
    d: 'ConfigMapKeySelector selects one key of a ConfigMap.',
    mapType: 'atomic',
    p: {
      name: ['string', 'Name of the ConfigMap.', { default: '' }],
      key: ['string', 'The key to select.'],
      optional: ['boolean', 'Whether the ConfigMap or key may be missing.'],
    },
    req: ['key'],
  },
  'core.SecretKeySelector': {
    d: 'SecretKeySelector selects one key of a Secret.',
    mapType: 'atomic',
    p: {
      name: ['string', 'Name of the Secret.', { default: '' }],
      key: ['string', 'The key to select.'],
      optional: ['boolean', 'Whether the Secret or key may be missing.'],
    },
    req: ['key'],
  },
  'core.HTTPHeader': {
    d: 'HTTPHeader is one header of an HTTP probe request.',
    p: {
      name: ['string', 'Header name.'],
      value: ['string', 'Header value.'],
    },
    req: ['name', 'value'],
  },
  'core.SleepAction': {
    d: 'SleepAction pauses for a number of seconds.',
    p: {
      seconds: ['int64', 'Number of seconds to sleep.'],
    },
    req: ['seconds'],
  },
};
