/**
 * Request and response shapes of the Kubernetes CRI v1 (k8s.io/cri-api runtime/v1 api.proto), trimmed to what the
 * kubelet uses. Field names follow the proto's JSON names. One deliberate difference: every timestamp is in
 * **milliseconds** since the Unix epoch (CRI uses nanoseconds), the resolution of the injected Clock.
 */

export interface KeyValue {
  key: string;
  value: string;
}

export type CriProtocol = 'TCP' | 'UDP' | 'SCTP';

/** PodSandboxMetadata: what identifies the pod a sandbox belongs to. `attempt` grows each time it is re-created. */
export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

export interface PortMapping {
  protocol: CriProtocol;
  containerPort: number;
  hostPort?: number;
  hostIp?: string;
}

export interface DNSConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

/** PodSandboxConfig: everything needed to create a pod's sandbox (network namespace, hostname, shared settings). */
export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname?: string;
  logDirectory?: string;
  dnsConfig?: DNSConfig;
  portMappings?: PortMapping[];
  /** Kubelet-set labels (io.kubernetes.pod.*) plus the pod's labels. */
  labels?: Record<string, string>;
  /** The pod's annotations, passed through verbatim (runtimes may act on them; SimRuntime does). */
  annotations?: Record<string, string>;
  /** Linux specifics the kubelet sets; only host-network matters to skiff. */
  linux?: { hostNetwork?: boolean };
}

export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface PodSandboxNetworkStatus {
  ip: string;
  additionalIps: { ip: string }[];
}

export interface PodSandbox {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtimeHandler?: string;
}

export interface PodSandboxStatus extends PodSandbox {
  /** Absent for host-network sandboxes and once the sandbox is stopped (its network is torn down). */
  network?: PodSandboxNetworkStatus;
}

export interface PodSandboxFilter {
  id?: string;
  state?: PodSandboxState;
  /** Every pair must match (AND). */
  labelSelector?: Record<string, string>;
}

export interface ImageSpec {
  image: string;
  annotations?: Record<string, string>;
  /** The image as the user wrote it in the pod spec (CRI 1.28+). */
  userSpecifiedImage?: string;
}

/** Image: one image held by the runtime. */
export interface Image {
  /** `sha256:<hex>`. */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  pinned?: boolean;
}

export interface ContainerMetadata {
  name: string;
  /** The restart count of the container this instance replaces (0 for the first one). */
  attempt: number;
}

export interface Mount {
  containerPath: string;
  hostPath: string;
  readonly?: boolean;
  propagation?: 'PROPAGATION_PRIVATE' | 'PROPAGATION_HOST_TO_CONTAINER' | 'PROPAGATION_BIDIRECTIONAL';
}

/** ContainerConfig: one container to create inside a sandbox. */
export interface ContainerConfig {
  metadata: ContainerMetadata;
  image: ImageSpec;
  command?: string[];
  args?: string[];
  workingDir?: string;
  envs?: KeyValue[];
  mounts?: Mount[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Relative to the sandbox's logDirectory, e.g. `nginx/0.log`. */
  logPath?: string;
  stdin?: boolean;
  tty?: boolean;
}

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

export interface Container {
  id: string;
  podSandboxId: string;
  metadata: ContainerMetadata;
  image: ImageSpec;
  /** The resolved image reference (a repo digest). */
  imageRef: string;
  /** The image id, `sha256:<hex>`. */
  imageId: string;
  state: ContainerState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** ContainerStatus: a Container plus its lifecycle times, exit code and reason. */
export interface ContainerStatus extends Container {
  /** 0 until started. */
  startedAt: number;
  /** 0 until exited. */
  finishedAt: number;
  exitCode: number;
  /** `Completed` (exit 0), `Error` (non-zero), `OOMKilled`, `ContainerCannotRun`, … as containerd reports. */
  reason: string;
  message: string;
  mounts: Mount[];
  logPath: string;
}

export interface ContainerFilter {
  id?: string;
  state?: ContainerState;
  podSandboxId?: string;
  labelSelector?: Record<string, string>;
}

export interface CreateContainerRequest {
  podSandboxId: string;
  config: ContainerConfig;
  sandboxConfig: PodSandboxConfig;
}

export interface ExecSyncResponse {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface VersionResponse {
  version: string;
  runtimeName: string;
  runtimeVersion: string;
  runtimeApiVersion: string;
}

/** Options of the logs reader (the subset of PodLogOptions the runtime serves). */
export interface LogReadOptions {
  /** Keep the iterable open and yield new lines until the container exits or `signal` aborts. */
  follow?: boolean;
  /** Only the last N lines that exist when reading starts. */
  tailLines?: number;
  /** Only lines written in the last N seconds. */
  sinceSeconds?: number;
  /** Prefix each line with its RFC 3339 time with nanoseconds, as `kubectl logs --timestamps` shows. */
  timestamps?: boolean;
  signal?: AbortSignal;
}

export type ContainerEventType =
  | 'CONTAINER_CREATED_EVENT'
  | 'CONTAINER_STARTED_EVENT'
  | 'CONTAINER_STOPPED_EVENT'
  | 'CONTAINER_DELETED_EVENT';

/** ContainerEventResponse of CRI's GetContainerEvents stream (what the evented PLEG consumes). */
export interface ContainerEvent {
  containerId: string;
  type: ContainerEventType;
  createdAt: number;
  podSandboxId: string;
  /** The labels of the container (io.kubernetes.pod.uid tells the kubelet which pod to re-sync). */
  labels: Record<string, string>;
}
