/**
 * Test doubles for the kubelet's seams: a pod source backed by a map (with API-like graceful deletion), a status sink
 * and an event sink that record what they receive. Usable from other folders' tests via ../kubelet/testing/index.js.
 */
import { applyStrategicMergePatch, notFound, type Clock, type JsonObject } from '../../machinery/index.js';
import { patchSchemaFor, type Container, type Node, type NodeStatus, type Pod, type PodStatus } from '../../api/index.js';
import type { EventSink, KubeletEvent, NodeStatusSink, PodHandler, PodSource, StatusSink } from '../sinks.js';
import { rfc3339 } from '../time.js';

/** An in-memory PodSource; `delete` behaves like the API server's graceful deletion. */
export class FakePodSource implements PodSource {
  private readonly pods = new Map<string, Pod>();
  private readonly handlers = new Set<PodHandler>();
  private rv = 0;

  constructor(private readonly clock: Clock) {}

  subscribe(handler: PodHandler): () => void {
    this.handlers.add(handler);
    for (const p of this.pods.values()) handler.onAdd(p);
    return () => void this.handlers.delete(handler);
  }

  get(uid: string): Pod | undefined {
    return this.pods.get(uid);
  }

  add(pod: Pod): Pod {
    const p = { ...pod, metadata: { ...pod.metadata, resourceVersion: String(++this.rv) } };
    this.pods.set(p.metadata.uid ?? '', p);
    for (const h of this.handlers) h.onAdd(p);
    return p;
  }

  update(pod: Pod): Pod {
    const uid = pod.metadata.uid ?? '';
    const old = this.pods.get(uid);
    if (!old) throw new Error(`FakePodSource: no pod ${uid}`);
    const p = { ...pod, metadata: { ...pod.metadata, resourceVersion: String(++this.rv) } };
    this.pods.set(uid, p);
    for (const h of this.handlers) h.onUpdate(old, p);
    return p;
  }

  /** Graceful delete: sets deletionTimestamp and deletionGracePeriodSeconds (grace 0 removes the pod at once). */
  delete(uid: string, gracePeriodSeconds?: number): void {
    const old = this.pods.get(uid);
    if (!old) return;
    const grace = gracePeriodSeconds ?? old.spec?.terminationGracePeriodSeconds ?? 30;
    if (grace === 0) {
      this.pods.delete(uid);
      for (const h of this.handlers) h.onDelete(old);
      return;
    }
    const current = old.metadata.deletionGracePeriodSeconds;
    if (current !== undefined && current <= grace) return;
    this.update({
      ...old,
      metadata: {
        ...old.metadata,
        deletionTimestamp: old.metadata.deletionTimestamp ?? rfc3339(this.clock.now() + grace * 1000),
        deletionGracePeriodSeconds: grace,
      },
    });
  }
}

export interface RecordedStatus {
  uid: string;
  name: string;
  at: number;
  status: PodStatus;
}

/** Records every status write; `failNext(n)` makes the next n writes reject. */
export class RecordingStatusSink implements StatusSink {
  readonly writes: RecordedStatus[] = [];
  private failures = 0;

  constructor(private readonly clock: Clock) {}

  failNext(n: number): void {
    this.failures = n;
  }

  async patchPodStatus(pod: Pod, status: PodStatus): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('injected status write failure');
    }
    this.writes.push({ uid: pod.metadata.uid ?? '', name: pod.metadata.name ?? '', at: this.clock.now(), status: structuredClone(status) });
  }

  /** The statuses written for one pod, in order. */
  of(uid: string): PodStatus[] {
    return this.writes.filter((w) => w.uid === uid).map((w) => w.status);
  }

  latest(uid: string): PodStatus | undefined {
    return this.of(uid).at(-1);
  }
}

export class RecordingEventSink implements EventSink {
  readonly events: (KubeletEvent & { at: number })[] = [];

  constructor(private readonly clock: Clock) {}

  emit(event: KubeletEvent): void {
    this.events.push({ ...event, at: this.clock.now() });
  }

  /** `reason: message` lines, optionally only those of one pod. */
  lines(uid?: string): string[] {
    return this.events.filter((e) => uid === undefined || e.involvedObject.uid === uid).map((e) => `${e.reason}: ${e.message}`);
  }
}

/**
 * A NodeStatusSink over an in-memory Node store that behaves like the API server for what the kubelet sends:
 * registration (AlreadyExists → `created: false`), GET, strategic merge patches of the status, Lease renewals.
 * `updateStatus` stands in for another writer (the node lifecycle controller).
 */
export class RecordingNodeStatusSink implements NodeStatusSink {
  readonly registered: Node[] = [];
  /** The node's status after every status patch. */
  readonly statuses: NodeStatus[] = [];
  /** Every status patch as sent. */
  readonly patches: JsonObject[] = [];
  readonly leases: string[] = [];
  /** Number of GETs. */
  gets = 0;
  private readonly nodes = new Map<string, Node>();

  async registerNode(node: Node): Promise<{ created: boolean }> {
    const name = node.metadata.name ?? '';
    if (this.nodes.has(name)) return { created: false };
    this.registered.push(structuredClone(node));
    this.nodes.set(name, structuredClone(node));
    return { created: true };
  }

  async getNode(nodeName: string): Promise<Node> {
    this.gets++;
    return this.mustGet(nodeName);
  }

  async patchNodeStatus(nodeName: string, patch: JsonObject): Promise<void> {
    const current = this.mustGet(nodeName);
    this.patches.push(structuredClone(patch));
    const next = applyStrategicMergePatch(current as unknown as JsonObject, patch, patchSchemaFor('', 'v1', 'Node')) as unknown as Node;
    const stored = { ...current, status: next.status ?? {} };
    this.nodes.set(nodeName, stored);
    this.statuses.push(structuredClone(stored.status));
  }

  async renewLease(_nodeName: string, options: { renewTime: string }): Promise<void> {
    this.leases.push(options.renewTime);
  }

  /** The stored Node (what an informer would hold), or undefined. */
  node(nodeName: string): Node | undefined {
    const n = this.nodes.get(nodeName);
    return n && structuredClone(n);
  }

  /** Another writer changes the node's status (not recorded in `statuses`). */
  updateStatus(nodeName: string, mutate: (status: NodeStatus) => void): void {
    const node = this.mustGet(nodeName);
    const status = structuredClone(node.status ?? {});
    mutate(status);
    this.nodes.set(nodeName, { ...node, status });
  }

  private mustGet(nodeName: string): Node {
    const n = this.nodes.get(nodeName);
    if (!n) throw notFound({ group: '', resource: 'nodes' }, nodeName);
    return structuredClone(n);
  }
}

let podSeq = 0;

/** A minimal bound pod: one container `app` running `image` (default nginx:1.27), restartPolicy Always. */
export function makePod(
  options: {
    name?: string;
    namespace?: string;
    nodeName?: string;
    image?: string;
    containers?: Container[];
    initContainers?: Container[];
    annotations?: Record<string, string>;
    restartPolicy?: 'Always' | 'OnFailure' | 'Never';
    terminationGracePeriodSeconds?: number;
  } = {},
): Pod {
  const n = ++podSeq;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name ?? `pod-${n}`,
      namespace: options.namespace ?? 'default',
      uid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      annotations: options.annotations ?? {},
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {
      nodeName: options.nodeName ?? 'node-1',
      restartPolicy: options.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: options.terminationGracePeriodSeconds ?? 30,
      containers: options.containers ?? [{ name: 'app', image: options.image ?? 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }],
    },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }],
      qosClass: 'BestEffort',
    },
  };
  if (options.initContainers) pod.spec!.initContainers = options.initContainers;
  return pod;
}
