/**
 * The container runtime seam: CRI v1 RuntimeService + ImageService as a TypeScript interface. The kubelet talks only
 * to this interface; SimRuntime implements it in memory, a CRI client over gRPC can implement it for containerd.
 */
import type {
  Container,
  ContainerEvent,
  ContainerFilter,
  ContainerStatus,
  CreateContainerRequest,
  ExecSyncResponse,
  Image,
  ImageSpec,
  LogReadOptions,
  PodSandbox,
  PodSandboxConfig,
  PodSandboxFilter,
  PodSandboxStatus,
  VersionResponse,
} from './types.js';

/** gRPC-like status codes a runtime reports; the kubelet branches on `code`, never on the message. */
export type RuntimeErrorCode =
  | 'NotFound'
  | 'AlreadyExists'
  | 'InvalidArgument'
  | 'FailedPrecondition'
  | 'ResourceExhausted'
  | 'DeadlineExceeded'
  | 'Unavailable'
  | 'Unknown';

/**
 * Why an image pull failed, as the CRI error names it (k8s.io/cri-api/pkg/errors): the kubelet turns
 * `RegistryUnavailable` and `SignatureValidationFailed` into waiting reasons of their own, anything else into
 * `ErrImagePull`.
 */
export type PullFailure = 'ErrImagePull' | 'RegistryUnavailable' | 'SignatureValidationFailed';

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  readonly code: RuntimeErrorCode;
  /** Set on PullImage failures. */
  readonly pullFailure?: PullFailure;

  constructor(code: RuntimeErrorCode, message: string, options: { pullFailure?: PullFailure; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    if (options.pullFailure) this.pullFailure = options.pullFailure;
  }
}

export function isRuntimeError(err: unknown, code?: RuntimeErrorCode): err is RuntimeError {
  return err instanceof RuntimeError && (code === undefined || err.code === code);
}

/** CRI RuntimeService. Every method is safe to call concurrently for different sandboxes and containers. */
export interface RuntimeService {
  version(): Promise<VersionResponse>;
  /** Creates and starts a sandbox with its network; resolves to the sandbox id. */
  runPodSandbox(config: PodSandboxConfig, options?: { runtimeHandler?: string }): Promise<string>;
  /** Stops every container of the sandbox (SIGKILL) and tears down its network. Idempotent. */
  stopPodSandbox(podSandboxId: string): Promise<void>;
  /** Removes a sandbox and all its containers. Idempotent: removing an unknown id succeeds. */
  removePodSandbox(podSandboxId: string): Promise<void>;
  /** Rejects with RuntimeError NotFound for unknown ids. */
  podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus>;
  listPodSandbox(filter?: PodSandboxFilter): Promise<PodSandbox[]>;
  /** Resolves to the new container id; the container is CONTAINER_CREATED. */
  createContainer(request: CreateContainerRequest): Promise<string>;
  /** CONTAINER_CREATED → CONTAINER_RUNNING. FailedPrecondition in any other state. */
  startContainer(containerId: string): Promise<void>;
  /**
   * Sends SIGTERM, waits up to `timeoutSeconds`, then SIGKILL; resolves once the container has exited. A second call
   * with a shorter timeout brings the SIGKILL forward. Stopping an exited container succeeds at once.
   */
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  /** Idempotent: removing an unknown id succeeds. A running container is killed first. */
  removeContainer(containerId: string): Promise<void>;
  /** Rejects with RuntimeError NotFound for unknown ids. */
  containerStatus(containerId: string): Promise<ContainerStatus>;
  listContainers(filter?: ContainerFilter): Promise<Container[]>;
  /** Runs a command in a running container; DeadlineExceeded when it outlives `timeoutSeconds` (0 = no limit). */
  execSync(containerId: string, cmd: string[], options?: { timeoutSeconds?: number }): Promise<ExecSyncResponse>;
  /** The container's log lines (oldest first), without trailing newlines. NotFound for unknown ids. */
  readLogs(containerId: string, options?: LogReadOptions): AsyncIterable<string>;
  /**
   * GetContainerEvents: `listener` is called for every container state change after subscription, in order.
   * Returns the unsubscribe function.
   */
  subscribeContainerEvents(listener: (event: ContainerEvent) => void): () => void;
  /**
   * **Not part of CRI**: an optional, simulation-only capability. CRI sandboxes are immutable once created (their
   * annotations are fixed by RunPodSandbox), so a real runtime leaves this undefined. A runtime whose behaviour is
   * scripted by pod annotations (SimRuntime) implements it so that annotations changed on a running pod take effect
   * without re-creating the sandbox. The kubelet calls it on every SyncPod for each ready sandbox of the pod, with the
   * pod's current annotations; it must therefore be idempotent and cheap. Replaces the whole set (keys that are gone
   * no longer apply). Rejects with RuntimeError NotFound for unknown ids.
   */
  updatePodSandboxAnnotations?(podSandboxId: string, annotations: Readonly<Record<string, string>>): Promise<void>;
}

/** CRI ImageService. */
export interface ImageService {
  /** Pulls an image; resolves to its image ref (a repo digest). RuntimeError with `pullFailure` on failure. */
  pullImage(image: ImageSpec, options?: { sandboxConfig?: PodSandboxConfig }): Promise<string>;
  /** The image, or undefined when it is not present. */
  imageStatus(image: ImageSpec): Promise<Image | undefined>;
  listImages(filter?: { image?: ImageSpec }): Promise<Image[]>;
  /** Idempotent. */
  removeImage(image: ImageSpec): Promise<void>;
}

export interface ContainerRuntime extends RuntimeService, ImageService {}
