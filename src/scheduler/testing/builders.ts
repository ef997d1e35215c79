/**
 * Test wrappers for pods and nodes, modelled on kube-scheduler's testing/wrappers.go (st.MakePod(), st.MakeNode()).
 * Each call returns the wrapper; `.obj()` returns the object.
 */
import type { Container, LabelSelector, Node, Pod, PodAffinityTerm, Taint, Toleration, TopologySpreadConstraint } from '../../api/index.js';

export class PodWrapper {
  private readonly p: Pod;

  constructor(name: string) {
    this.p = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name }, spec: { containers: [] } };
  }

  private get spec() {
    return this.p.spec!;
  }

  obj(): Pod {
    return this.p;
  }

  namespace(ns: string): this {
    this.p.metadata.namespace = ns;
    return this;
  }

  uid(uid: string): this {
    this.p.metadata.uid = uid;
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.p.metadata.labels = { ...this.p.metadata.labels, ...labels };
    return this;
  }

  label(k: string, v: string): this {
    return this.labels({ [k]: v });
  }

  priority(p: number): this {
    this.spec.priority = p;
    return this;
  }

  schedulerName(name: string): this {
    this.spec.schedulerName = name;
    return this;
  }

  node(name: string): this {
    this.spec.nodeName = name;
    return this;
  }

  nominatedNodeName(name: string): this {
    this.p.status = { ...this.p.status, nominatedNodeName: name };
    return this;
  }

  startTime(t: string): this {
    this.p.status = { ...this.p.status, startTime: t };
    return this;
  }

  phase(phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed'): this {
    this.p.status = { ...this.p.status, phase };
    return this;
  }

  terminating(): this {
    this.p.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    return this;
  }

  /** Adds a container requesting `requests` (e.g. {cpu: '100m', memory: '500Mi'}). */
  req(requests: Record<string, string>, image = 'registry.k8s.io/pause:3.10'): this {
    const c: Container = { name: `c${this.spec.containers.length}`, image, resources: { requests } };
    this.spec.containers.push(c);
    return this;
  }

  container(image: string): this {
    this.spec.containers.push({ name: `c${this.spec.containers.length}`, image });
    return this;
  }

  initReq(requests: Record<string, string>, opts: { sidecar?: boolean } = {}): this {
    const list = (this.spec.initContainers ??= []);
    list.push({ name: `init${list.length}`, image: 'busybox', resources: { requests }, ...(opts.sidecar ? { restartPolicy: 'Always' as const } : {}) });
    return this;
  }

  overhead(o: Record<string, string>): this {
    this.spec.overhead = o;
    return this;
  }

  hostPort(port: number, opts: { protocol?: 'TCP' | 'UDP' | 'SCTP'; hostIP?: string } = {}): this {
    if (this.spec.containers.length === 0) this.spec.containers.push({ name: 'c0', image: 'pause' });
    const c = this.spec.containers[this.spec.containers.length - 1]!;
    (c.ports ??= []).push({ containerPort: port, hostPort: port, protocol: opts.protocol, hostIP: opts.hostIP });
    return this;
  }

  toleration(t: Toleration): this {
    (this.spec.tolerations ??= []).push(t);
    return this;
  }

  nodeSelector(sel: Record<string, string>): this {
    this.spec.nodeSelector = sel;
    return this;
  }

  /** Required node affinity: one term with `key In values`. */
  nodeAffinityIn(key: string, values: string[]): this {
    const na = ((this.spec.affinity ??= {}).nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    req.nodeSelectorTerms.push({ matchExpressions: [{ key, operator: 'In', values }] });
    return this;
  }

  /** Required node affinity: one term `metadata.name In names` (matchFields). */
  nodeAffinityNames(names: string[]): this {
    const na = ((this.spec.affinity ??= {}).nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    req.nodeSelectorTerms.push({ matchFields: [{ key: 'metadata.name', operator: 'In', values: names }] });
    return this;
  }

  /** Preferred node affinity: a term with `key In values` and `weight`. */
  preferredNodeAffinityIn(key: string, opts: { values: string[]; weight: number }): this {
    const { values, weight } = opts;
    const na = ((this.spec.affinity ??= {}).nodeAffinity ??= {});
    (na.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, preference: { matchExpressions: [{ key, operator: 'In', values }] } });
    return this;
  }

  private term(topologyKey: string, selector: LabelSelector): PodAffinityTerm {
    return { topologyKey, labelSelector: selector };
  }

  podAffinity(topologyKey: string, selector: LabelSelector): this {
    const pa = ((this.spec.affinity ??= {}).podAffinity ??= {});
    (pa.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(this.term(topologyKey, selector));
    return this;
  }

  podAntiAffinity(topologyKey: string, selector: LabelSelector): this {
    const pa = ((this.spec.affinity ??= {}).podAntiAffinity ??= {});
    (pa.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(this.term(topologyKey, selector));
    return this;
  }

  preferredPodAffinity(topologyKey: string, opts: { selector: LabelSelector; weight: number }): this {
    const { selector, weight } = opts;
    const pa = ((this.spec.affinity ??= {}).podAffinity ??= {});
    (pa.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: this.term(topologyKey, selector) });
    return this;
  }

  preferredPodAntiAffinity(topologyKey: string, opts: { selector: LabelSelector; weight: number }): this {
    const { selector, weight } = opts;
    const pa = ((this.spec.affinity ??= {}).podAntiAffinity ??= {});
    (pa.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: this.term(topologyKey, selector) });
    return this;
  }

  /** A topology spread constraint; `opts` may add minDomains, inclusion policies, matchLabelKeys. */
  spreadConstraint(
    topologyKey: string,
    opts: { maxSkew: number; when: 'DoNotSchedule' | 'ScheduleAnyway'; selector: LabelSelector } & Partial<TopologySpreadConstraint>,
  ): this {
    const { maxSkew, when, selector, ...extra } = opts;
    (this.spec.topologySpreadConstraints ??= []).push({ maxSkew, topologyKey, whenUnsatisfiable: when, labelSelector: selector, ...extra });
    return this;
  }

  preemptionPolicy(p: 'PreemptLowerPriority' | 'Never'): this {
    this.spec.preemptionPolicy = p;
    return this;
  }

  schedulingGates(...names: string[]): this {
    this.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }
}

export class NodeWrapper {
  private readonly n: Node;

  constructor(name: string) {
    this.n = { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {}, status: {} };
  }

  obj(): Node {
    return this.n;
  }

  labels(labels: Record<string, string>): this {
    this.n.metadata.labels = { ...this.n.metadata.labels, ...labels };
    return this;
  }

  label(k: string, v: string): this {
    return this.labels({ [k]: v });
  }

  /** Sets capacity and allocatable. */
  capacity(c: Record<string, string>): this {
    this.n.status = { ...this.n.status, capacity: { ...c }, allocatable: { ...c } };
    return this;
  }

  allocatable(a: Record<string, string>): this {
    this.n.status = { ...this.n.status, allocatable: { ...a } };
    return this;
  }

  taints(taints: Taint[]): this {
    this.n.spec = { ...this.n.spec, taints };
    return this;
  }

  unschedulable(u = true): this {
    this.n.spec = { ...this.n.spec, unschedulable: u };
    return this;
  }

  images(images: Record<string, number>): this {
    this.n.status = { ...this.n.status, images: Object.entries(images).map(([name, sizeBytes]) => ({ names: [name], sizeBytes })) };
    return this;
  }
}

export const makePod = (name: string): PodWrapper => new PodWrapper(name);
export const makeNode = (name: string): NodeWrapper => new NodeWrapper(name);
