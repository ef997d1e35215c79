/**
 * SimRuntime: a kwok-like in-memory container runtime for one simulated node, implementing the CRI-shaped
 * ContainerRuntime and the ProbeExecutor. Pod IPs come from the node's podCIDR; every step takes a configurable
 * latency on the injected Clock; pod annotations script container behaviour (see behaviour.ts for the table).
 *
 * Guarantees: ids are unique per runtime and never reused; an IP is never handed to two live sandboxes; container
 * events are delivered synchronously, in the order the state changes happen; memory per container is bounded (the
 * log ring holds at most `logCapacity` lines).
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../../machinery/index.js';
import type { ProbeExecutor, ProbeOutcome, ProbeRequest } from '../../prober/types.js';
import { CONTAINER_KIND_ANNOTATION, type ContainerKind } from '../labels.js';
import { RuntimeError, type ContainerRuntime } from '../service.js';
import type {
  Container,
  ContainerEvent,
  ContainerEventType,
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
} from '../types.js';
import { pullFailure, simAnnotationsOf, type SimAnnotations } from './behaviour.js';
import { execWithDeadline } from './exec.js';
import { pullError, SimImageStore } from './images.js';
import { PodCidrAllocator } from './ip-allocator.js';
import { LogBuffer } from './logs.js';
import { answerProbe } from './probe.js';
import {
  exitProcess,
  killProcess,
  startProcess,
  stopProcess,
  toCriContainer,
  type ProcessHost,
  type SimContainer,
} from './process.js';
import { SandboxIndex, toPodSandbox, type SimSandbox } from './sandboxes.js';
import { PAUSE_IMAGE, SIM_RUNTIME_NAME, SIM_RUNTIME_VERSION, type SimLatencies, type SimRuntimeOptions } from './options.js';

function matchesLabels(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

export class SimRuntime implements ContainerRuntime, ProbeExecutor {
  readonly nodeName: string;
  private ipamOrNull: PodCidrAllocator | null;
  private readonly clock: Clock;
  private readonly latencies: SimLatencies;
  private readonly images: SimImageStore;
  private readonly sandboxes = new SandboxIndex();
  private readonly containers = new Map<string, SimContainer>();
  private readonly listeners = new Set<(e: ContainerEvent) => void>();
  private readonly logCapacity: number;
  private readonly host: ProcessHost;
  private seq = 0;

  constructor(options: SimRuntimeOptions) {
    this.clock = options.clock;
    this.nodeName = options.nodeName;
    this.ipamOrNull = options.podCIDR ? new PodCidrAllocator(options.podCIDR) : null;
    this.latencies = options.latencies ?? {};
    this.images = new SimImageStore(options.imageSizes);
    this.logCapacity = options.logCapacity ?? 1000;
    this.host = { clock: this.clock, onExit: (c) => this.emit(c, 'CONTAINER_STOPPED_EVENT') };
    for (const name of options.preloadedImages ?? [PAUSE_IMAGE]) this.images.put(this.images.resolve(name));
  }

  /** The pod IP allocator; throws until a podCIDR is configured. */
  get ipam(): PodCidrAllocator {
    if (!this.ipamOrNull) throw new RuntimeError('Unavailable', 'network is not ready: no pod CIDR has been assigned to this node yet');
    return this.ipamOrNull;
  }

  /** The pod CIDR this runtime allocates from, if one is configured. */
  get podCIDR(): string | undefined {
    return this.ipamOrNull?.cidr;
  }

  /** CRI UpdateRuntimeConfig: sets the node's pod CIDR (once; a different later value is refused while pods run). */
  updateRuntimeConfig(config: { podCIDR: string }): void {
    if (this.ipamOrNull?.cidr === config.podCIDR) return;
    if (this.ipamOrNull && this.ipamOrNull.inUse > 0) {
      throw new RuntimeError('FailedPrecondition', `pod CIDR is ${this.ipamOrNull.cidr} with addresses in use; cannot change it to ${config.podCIDR}`);
    }
    this.ipamOrNull = new PodCidrAllocator(config.podCIDR);
  }

  private newId(): string {
    return createHash('sha256').update(`${this.nodeName}/${++this.seq}`).digest('hex');
  }

  private async delay(ms: number | undefined): Promise<void> {
    if (ms !== undefined && ms > 0) await this.clock.sleep(ms);
  }

  private emit(c: SimContainer, type: ContainerEventType): void {
    const event: ContainerEvent = {
      containerId: c.id,
      type,
      createdAt: this.clock.now(),
      podSandboxId: c.sandboxId,
      labels: c.labels,
    };
    for (const l of this.listeners) l(event);
  }

  private sandbox(id: string): SimSandbox {
    const s = this.sandboxes.get(id);
    if (!s) throw new RuntimeError('NotFound', `an error occurred when try to find sandbox: not found: ${id}`);
    return s;
  }

  private container(id: string): SimContainer {
    const c = this.containers.get(id);
    if (!c) throw new RuntimeError('NotFound', `an error occurred when try to find container "${id}": not found`);
    return c;
  }

  // ---- RuntimeService: version and sandboxes ----

  async version(): Promise<VersionResponse> {
    return { version: '0.1.0', runtimeName: SIM_RUNTIME_NAME, runtimeVersion: SIM_RUNTIME_VERSION, runtimeApiVersion: 'v1' };
  }

  async runPodSandbox(config: PodSandboxConfig, options: { runtimeHandler?: string } = {}): Promise<string> {
    await this.delay(this.latencies.runPodSandboxMs);
    const hostNetwork = config.linux?.hostNetwork === true;
    const ip = hostNetwork ? undefined : this.ipam.allocate();
    const s: SimSandbox = {
      id: this.newId(),
      metadata: { ...config.metadata },
      state: 'SANDBOX_READY',
      createdAt: this.clock.now(),
      labels: config.labels ?? {},
      annotations: config.annotations ?? {},
      hostname: config.hostname ?? config.metadata.name,
      sim: simAnnotationsOf(config.annotations),
      containers: new Set(),
    };
    if (ip !== undefined) s.ip = ip;
    if (options.runtimeHandler) s.runtimeHandler = options.runtimeHandler;
    this.sandboxes.add(s);
    return s.id;
  }

  async stopPodSandbox(podSandboxId: string): Promise<void> {
    const s = this.sandboxes.get(podSandboxId);
    if (!s) return;
    for (const cid of s.containers) {
      const c = this.containers.get(cid);
      if (c) killProcess(this.host, c);
    }
    await this.delay(this.latencies.stopPodSandboxMs);
    if (s.ip !== undefined) this.ipam.release(s.ip);
    s.ip = undefined;
    s.state = 'SANDBOX_NOTREADY';
  }

  async removePodSandbox(podSandboxId: string): Promise<void> {
    const s = this.sandboxes.get(podSandboxId);
    if (!s) return;
    for (const cid of [...s.containers]) await this.removeContainer(cid);
    if (s.ip !== undefined) this.ipam.release(s.ip);
    s.ip = undefined;
    this.sandboxes.delete(s);
  }

  async podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus> {
    const s = this.sandbox(podSandboxId);
    const status: PodSandboxStatus = toPodSandbox(s);
    if (s.ip !== undefined) status.network = { ip: s.ip, additionalIps: [] };
    return status;
  }

  async listPodSandbox(filter: PodSandboxFilter = {}): Promise<PodSandbox[]> {
    const out: PodSandbox[] = [];
    for (const s of this.sandboxes.candidates(filter)) {
      if (filter.state && s.state !== filter.state) continue;
      if (!matchesLabels(s.labels, filter.labelSelector)) continue;
      out.push(toPodSandbox(s));
    }
    return out;
  }

  /**
   * Sim-only extension (not CRI): replaces the behaviour annotations of a sandbox with the `sim.skiff.io/` keys of
   * `annotations`; see behaviour.ts for when each takes effect. The CRI view (`annotations` of PodSandbox) keeps the
   * values the sandbox was created with, as CRI sandboxes are immutable. Idempotent; NotFound for unknown ids.
   */
  async updatePodSandboxAnnotations(podSandboxId: string, annotations: Readonly<Record<string, string>>): Promise<void> {
    this.sandbox(podSandboxId).sim = simAnnotationsOf(annotations);
  }

  // ---- RuntimeService: containers ----

  async createContainer(request: CreateContainerRequest): Promise<string> {
    const s = this.sandbox(request.podSandboxId);
    const { config } = request;
    const image = this.images.find(config.image);
    if (!image) {
      throw new RuntimeError('NotFound', `failed to get image "${config.image.image}": image not found`);
    }
    await this.delay(this.latencies.createContainerMs);
    if (s.state !== 'SANDBOX_READY') {
      throw new RuntimeError('FailedPrecondition', `sandbox container "${s.id}" is not running`);
    }
    const kind: ContainerKind = config.annotations?.[CONTAINER_KIND_ANNOTATION] === 'init' ? 'init' : 'regular';
    const now = this.clock.now();
    const c: SimContainer = {
      id: this.newId(),
      sandboxId: s.id,
      name: config.metadata.name,
      attempt: config.metadata.attempt,
      kind,
      image: { image: image.repoTags[0] ?? config.image.image, userSpecifiedImage: config.image.userSpecifiedImage ?? config.image.image },
      imageRef: image.repoDigests[0] ?? image.id,
      imageId: image.id,
      command: [...(config.command ?? []), ...(config.args ?? [])],
      envs: config.envs ?? [],
      workingDir: config.workingDir || '/',
      labels: config.labels ?? {},
      annotations: config.annotations ?? {},
      mounts: config.mounts ?? [],
      logPath: config.logPath ?? `${config.metadata.name}/${config.metadata.attempt}.log`,
      state: 'CONTAINER_CREATED',
      createdAt: now,
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      reason: '',
      message: '',
      log: new LogBuffer(this.logCapacity),
    };
    const ref = c.image.image;
    if (image.pulledFrom !== undefined && image.pulledAt !== undefined) {
      c.log.append(image.pulledFrom, `sim: pulling image "${ref}"`);
      c.log.append(image.pulledAt, `sim: pulled image "${ref}" (${image.id}, ${image.size} bytes)`);
    }
    c.log.append(now, `sim: created container ${c.name} (attempt ${c.attempt}) from image "${ref}"`);
    s.containers.add(c.id);
    this.containers.set(c.id, c);
    this.emit(c, 'CONTAINER_CREATED_EVENT');
    return c.id;
  }

  async startContainer(containerId: string): Promise<void> {
    const c = this.container(containerId);
    if (c.state !== 'CONTAINER_CREATED') {
      throw new RuntimeError('FailedPrecondition', `container ${containerId} is in state ${c.state}, want CONTAINER_CREATED`);
    }
    await this.delay(this.latencies.startContainerMs);
    const s = this.sandbox(c.sandboxId);
    if (this.containers.get(containerId) !== c || c.state !== 'CONTAINER_CREATED') {
      throw new RuntimeError('FailedPrecondition', `container ${containerId} was stopped or removed while starting`);
    }
    startProcess(this.host, c, s.sim);
    this.emit(c, 'CONTAINER_STARTED_EVENT');
  }

  async stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    const c = this.container(containerId);
    if (c.state === 'CONTAINER_CREATED') {
      c.state = 'CONTAINER_RUNNING';
      exitProcess(this.host, c, 0);
      return;
    }
    if (c.state !== 'CONTAINER_RUNNING') return;
    const s = this.sandbox(c.sandboxId);
    await stopProcess(this.host, c, timeoutSeconds, s.sim);
    await this.delay(this.latencies.stopContainerMs);
  }

  async removeContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (!c) return;
    killProcess(this.host, c);
    c.exitTimer?.cancel();
    c.killTimer?.cancel();
    c.log.close();
    this.containers.delete(containerId);
    this.sandboxes.get(c.sandboxId)?.containers.delete(containerId);
    this.emit(c, 'CONTAINER_DELETED_EVENT');
  }

  async containerStatus(containerId: string): Promise<ContainerStatus> {
    const c = this.container(containerId);
    return {
      ...toCriContainer(c),
      startedAt: c.startedAt,
      finishedAt: c.finishedAt,
      exitCode: c.exitCode,
      reason: c.reason,
      message: c.message,
      mounts: c.mounts,
      logPath: c.logPath,
    };
  }

  async listContainers(filter: ContainerFilter = {}): Promise<Container[]> {
    const out: Container[] = [];
    const consider = (c: SimContainer | undefined) => {
      if (!c) return;
      if (filter.state && c.state !== filter.state) return;
      if (filter.podSandboxId && c.sandboxId !== filter.podSandboxId) return;
      if (!matchesLabels(c.labels, filter.labelSelector)) return;
      out.push(toCriContainer(c));
    };
    if (filter.id) consider(this.containers.get(filter.id));
    else if (filter.podSandboxId) for (const id of this.sandboxes.get(filter.podSandboxId)?.containers ?? []) consider(this.containers.get(id));
    else if (filter.labelSelector) {
      for (const s of this.sandboxes.candidates({ labelSelector: filter.labelSelector })) {
        for (const id of s.containers) consider(this.containers.get(id));
      }
    } else for (const c of this.containers.values()) consider(c);
    return out;
  }

  async execSync(containerId: string, cmd: string[], options: { timeoutSeconds?: number } = {}): Promise<ExecSyncResponse> {
    const c = this.container(containerId);
    if (c.state !== 'CONTAINER_RUNNING') {
      throw new RuntimeError('FailedPrecondition', `cannot exec in a stopped container: ${c.state}`);
    }
    const s = this.sandbox(c.sandboxId);
    return execWithDeadline(this.clock, cmd, {
      env: new Map(c.envs.map((e) => [e.key, e.value] as const)),
      hostname: s.hostname,
      workingDir: c.workingDir,
      timeoutSeconds: options.timeoutSeconds ?? 0,
    });
  }

  async *readLogs(containerId: string, options: LogReadOptions = {}): AsyncGenerator<string> {
    const c = this.container(containerId);
    yield* c.log.read(this.clock, options);
  }

  subscribeContainerEvents(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  // ---- ImageService ----

  async pullImage(image: ImageSpec, options: { sandboxConfig?: PodSandboxConfig } = {}): Promise<string> {
    const start = this.clock.now();
    const wanted = this.images.resolve(image.image);
    const latency = this.latencies.pullImageMs;
    await this.delay(typeof latency === 'function' ? latency(image.image) : latency);
    const failure = pullFailure(simAnnotationsOf(options.sandboxConfig?.annotations));
    if (failure) throw pullError(failure, wanted.repoTags[0] ?? image.image);
    const stored = this.images.put({ ...wanted, pulledFrom: start, pulledAt: this.clock.now() });
    return stored.repoDigests[0] ?? stored.id;
  }

  async imageStatus(image: ImageSpec): Promise<Image | undefined> {
    const img = this.images.find(image);
    return img && { id: img.id, repoTags: img.repoTags, repoDigests: img.repoDigests, size: img.size };
  }

  async listImages(filter: { image?: ImageSpec } = {}): Promise<Image[]> {
    const all = filter.image ? [this.images.find(filter.image)].filter((i) => i !== undefined) : this.images.list();
    return all.map((img) => ({ id: img.id, repoTags: img.repoTags, repoDigests: img.repoDigests, size: img.size }));
  }

  async removeImage(image: ImageSpec): Promise<void> {
    this.images.remove(image);
  }

  // ---- ProbeExecutor ----

  async probe(request: ProbeRequest): Promise<ProbeOutcome> {
    const c = this.containers.get(request.containerId);
    const s = c && this.sandboxes.get(c.sandboxId);
    if (!c || !s) return { result: 'failure', output: `container "${request.containerId}" not found` };
    return answerProbe(request, { clock: this.clock, container: c, sandbox: s });
  }

  /** Number of sandboxes and containers held (for tests and the benchmark). */
  get size(): { sandboxes: number; containers: number } {
    return { sandboxes: this.sandboxes.size, containers: this.containers.size };
  }

  /** The sim annotations of a sandbox (for the probe answerer and tests). */
  simAnnotationsOf(podSandboxId: string): SimAnnotations {
    return this.sandbox(podSandboxId).sim;
  }
}
