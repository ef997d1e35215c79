/** Fakes for the scheduler's ports: a binder that records bindings, an event sink, a pod writer, a push source. */
import type { KubeObject, Node, Pod } from '../../api/index.js';
import type { Binder, ClusterEventHandlers, EventInfo, EventSink, PodStatusPatch, PodWriter, SchedulerSource } from '../interfaces.js';

/** Records every binding; `fail` makes the next bind calls reject. Optionally feeds the binding back to a source. */
export class FakeBinder implements Binder {
  readonly bindings: { pod: Pod; node: string }[] = [];
  /** Pods (by name) whose bind call rejects. */
  readonly failFor = new Set<string>();
  /** Called after a successful bind, e.g. to deliver the assigned pod back through a FakeSource. */
  onBound?: (pod: Pod, node: string) => void;
  /** When set, bind calls wait for this promise before completing. */
  gate?: Promise<void>;

  async bind(pod: Pod, nodeName: string): Promise<void> {
    if (this.gate) await this.gate;
    if (this.failFor.has(pod.metadata.name ?? '')) throw new Error(`binding rejected for ${pod.metadata.name}`);
    this.bindings.push({ pod, node: nodeName });
    this.onBound?.(pod, nodeName);
  }

  nodeOf(podName: string): string | undefined {
    return this.bindings.find((b) => b.pod.metadata.name === podName)?.node;
  }
}

export class FakeEventSink implements EventSink {
  readonly events: (EventInfo & { object: string })[] = [];

  event(regarding: KubeObject, info: EventInfo): void {
    this.events.push({ ...info, object: `${regarding.metadata.namespace ?? ''}/${regarding.metadata.name ?? ''}` });
  }

  reasons(object: string): string[] {
    return this.events.filter((e) => e.object === object).map((e) => e.reason);
  }

  last(object: string, reason: string): (EventInfo & { object: string }) | undefined {
    return this.events.filter((e) => e.object === object && e.reason === reason).at(-1);
  }
}

export class FakePodWriter implements PodWriter {
  readonly patches: { pod: string; patch: PodStatusPatch }[] = [];
  readonly deleted: string[] = [];
  onDelete?: (pod: Pod) => void;

  async patchPodStatus(pod: Pod, patch: PodStatusPatch): Promise<void> {
    this.patches.push({ pod: pod.metadata.name ?? '', patch });
  }

  async deletePod(pod: Pod): Promise<void> {
    this.deleted.push(pod.metadata.name ?? '');
    this.onDelete?.(pod);
  }
}

/** A source the test drives by hand; it remembers objects so updates and deletes carry the old version. */
export class FakeSource implements SchedulerSource {
  private handlers: ClusterEventHandlers | undefined;
  readonly pods = new Map<string, Pod>();
  readonly nodes = new Map<string, Node>();
  private rv = 0;

  subscribe(handlers: ClusterEventHandlers): () => void {
    this.handlers = handlers;
    for (const n of this.nodes.values()) handlers.onNodeAdd(n);
    for (const p of this.pods.values()) handlers.onPodAdd(p);
    return () => (this.handlers = undefined);
  }

  private stamp<T extends Pod | Node>(o: T): T {
    return { ...o, metadata: { ...o.metadata, resourceVersion: String(++this.rv) } };
  }

  addNode(n: Node): void {
    const s = this.stamp(n);
    this.nodes.set(s.metadata.name!, s);
    this.handlers?.onNodeAdd(s);
  }

  updateNode(n: Node): void {
    const old = this.nodes.get(n.metadata.name!);
    const s = this.stamp(n);
    this.nodes.set(s.metadata.name!, s);
    if (old) this.handlers?.onNodeUpdate(old, s);
    else this.handlers?.onNodeAdd(s);
  }

  deleteNode(name: string): void {
    const old = this.nodes.get(name);
    if (!old) return;
    this.nodes.delete(name);
    this.handlers?.onNodeDelete(old);
  }

  addPod(p: Pod): void {
    const s = this.stamp(p);
    this.pods.set(key(s), s);
    this.handlers?.onPodAdd(s);
  }

  updatePod(p: Pod): void {
    const old = this.pods.get(key(p));
    const s = this.stamp(p);
    this.pods.set(key(s), s);
    if (old) this.handlers?.onPodUpdate(old, s);
    else this.handlers?.onPodAdd(s);
  }

  deletePod(p: Pod): void {
    const old = this.pods.get(key(p));
    if (!old) return;
    this.pods.delete(key(p));
    this.handlers?.onPodDelete(old);
  }

  /** What the API server does on POST pods/binding: sets spec.nodeName and emits the update. */
  bindPod(p: Pod, node: string): void {
    const cur = this.pods.get(key(p));
    if (!cur) return;
    this.updatePod({ ...cur, spec: { ...cur.spec!, nodeName: node } });
  }
}

function key(p: Pod): string {
  return `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
}
