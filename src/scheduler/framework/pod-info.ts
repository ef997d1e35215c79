/**
 * framework.PodInfo: a pod plus everything the plugins derive from it, computed once when the pod enters the
 * scheduler (queue or cache) and never again per node: parsed resource requests, host ports, affinity terms with
 * compiled selectors. A PodInfo is immutable; `withNodeName` shares the derived data with the copy.
 */
import { nothing, selectorFromLabelSelector, SelectorError, type LabelSet, type Selector } from '../../machinery/index.js';
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/index.js';
import { podRequests, Resource, ResourceCPU, ResourceMemory } from './resource.js';

/** The key the scheduler uses for a pod: its UID, or `namespace/name` when it has none (tests, fixtures). */
export function podKey(pod: Pod): string {
  return pod.metadata.uid || `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** `namespace/name`, the way Kubernetes names a pod in messages. */
export function podName(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** A host port claim: `ip` defaults to 0.0.0.0 and `protocol` to TCP. */
export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** A pod (anti-)affinity term with its selectors compiled. */
export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly selector: Selector;
  readonly topologyKey: string;
  readonly namespaceSelector: Selector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

/** Labels of a namespace by name, when the scheduler knows them (for namespaceSelector). */
export type NamespaceLabels = (namespace: string) => LabelSet | undefined;

/**
 * AffinityTerm.Matches: the pod is in one of the term's namespaces (or in a namespace the namespaceSelector picks)
 * and its labels match the term's selector.
 */
export function termMatches(term: AffinityTerm, target: { pod: Pod; nsLabels?: NamespaceLabels }): boolean {
  const { pod, nsLabels } = target;
  const ns = pod.metadata.namespace ?? '';
  if (!term.namespaces.has(ns)) {
    if (term.namespaceSelector.matchesNothing()) return false;
    if (!term.namespaceSelector.empty()) {
      const labels = nsLabels?.(ns);
      if (!labels || !term.namespaceSelector.matches(labels)) return false;
    }
  }
  return term.selector.matches(pod.metadata.labels);
}

function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set<string>();
  if ((term.namespaces?.length ?? 0) === 0 && !term.namespaceSelector) namespaces.add(pod.metadata.namespace ?? '');
  else for (const n of term.namespaces ?? []) namespaces.add(n);
  let selector = selectorFromLabelSelector(term.labelSelector);
  // matchLabelKeys / mismatchLabelKeys (KEP-3633): fold the incoming pod's values into the selector.
  const labels = pod.metadata.labels ?? {};
  const extra: { key: string; operator: string; values: string[] }[] = [];
  for (const k of term.matchLabelKeys ?? []) if (Object.hasOwn(labels, k)) extra.push({ key: k, operator: 'In', values: [labels[k]!] });
  for (const k of term.mismatchLabelKeys ?? []) if (Object.hasOwn(labels, k)) extra.push({ key: k, operator: 'NotIn', values: [labels[k]!] });
  if (extra.length > 0 && term.labelSelector) {
    selector = selectorFromLabelSelector({
      matchLabels: term.labelSelector.matchLabels,
      matchExpressions: [...(term.labelSelector.matchExpressions ?? []), ...extra],
    });
  }
  const namespaceSelector = term.namespaceSelector ? selectorFromLabelSelector(term.namespaceSelector) : nothing();
  return { namespaces, selector, topologyKey: term.topologyKey, namespaceSelector };
}

function affinityTerms(pod: Pod, opts: { terms: readonly PodAffinityTerm[] | undefined; errors: string[] }): AffinityTerm[] {
  const out: AffinityTerm[] = [];
  const errors = opts.errors;
  for (const t of opts.terms ?? []) {
    try {
      out.push(newAffinityTerm(pod, t));
    } catch (err) {
      if (!(err instanceof SelectorError)) throw err;
      errors.push(err.message);
    }
  }
  return out;
}

function weightedTerms(pod: Pod, opts: { terms: readonly WeightedPodAffinityTerm[] | undefined; errors: string[] }): WeightedAffinityTerm[] {
  const out: WeightedAffinityTerm[] = [];
  const errors = opts.errors;
  for (const t of opts.terms ?? []) {
    try {
      out.push({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight });
    } catch (err) {
      if (!(err instanceof SelectorError)) throw err;
      errors.push(err.message);
    }
  }
  return out;
}

function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec;
  if (!spec) return out;
  const collect = (containers: readonly { ports?: { hostPort?: number; hostIP?: string; protocol?: string }[] }[]) => {
    for (const c of containers)
      for (const p of c.ports ?? [])
        if (p.hostPort && p.hostPort > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
  };
  collect(spec.containers ?? []);
  // Restartable init containers (sidecars) keep their ports for the pod's lifetime.
  collect((spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'));
  return out;
}

/** The derived, immutable view of one pod. */
export class PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly priority: number;
  /** What the pod needs on a node (NodeResourcesFit). */
  readonly requests: Resource;
  /** cpu/memory with the 100m/200Mi defaults for containers that request none (the scorers' view). */
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Problems found while deriving (malformed quantities or selectors); the pod is still usable. */
  readonly parseErrors: readonly string[];

  private constructor(pod: Pod, from?: PodInfo) {
    this.pod = pod;
    this.key = podKey(pod);
    this.priority = podPriority(pod);
    if (from) {
      this.requests = from.requests;
      this.nonZeroMilliCPU = from.nonZeroMilliCPU;
      this.nonZeroMemory = from.nonZeroMemory;
      this.hostPorts = from.hostPorts;
      this.requiredAffinityTerms = from.requiredAffinityTerms;
      this.requiredAntiAffinityTerms = from.requiredAntiAffinityTerms;
      this.preferredAffinityTerms = from.preferredAffinityTerms;
      this.preferredAntiAffinityTerms = from.preferredAntiAffinityTerms;
      this.parseErrors = from.parseErrors;
      return;
    }
    const errors: string[] = [];
    const onError = (e: Error) => errors.push(e.message);
    this.requests = Resource.fromMap(podRequests(pod, { onError }));
    const nonZero = podRequests(pod, { nonMissing: true, onError });
    this.nonZeroMilliCPU = nonZero.get(ResourceCPU) ?? 0;
    this.nonZeroMemory = nonZero.get(ResourceMemory) ?? 0;
    this.hostPorts = hostPorts(pod);
    const aff = pod.spec?.affinity;
    this.requiredAffinityTerms = affinityTerms(pod, { terms: aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, errors });
    this.requiredAntiAffinityTerms = affinityTerms(pod, { terms: aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, errors });
    this.preferredAffinityTerms = weightedTerms(pod, { terms: aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, errors });
    this.preferredAntiAffinityTerms = weightedTerms(pod, { terms: aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, errors });
    this.parseErrors = errors;
  }

  static of(pod: Pod): PodInfo {
    return new PodInfo(pod);
  }

  /** A PodInfo for a newer version of the same pod; re-derives everything. */
  update(pod: Pod): PodInfo {
    return new PodInfo(pod);
  }

  /** The assumed copy: `spec.nodeName` set, derived data shared (it doesn't depend on the node name). */
  withNodeName(nodeName: string): PodInfo {
    const pod: Pod = { ...this.pod, spec: { ...(this.pod.spec ?? { containers: [] }), nodeName } };
    return new PodInfo(pod, this);
  }

  get namespace(): string {
    return this.pod.metadata.namespace ?? '';
  }

  get nodeName(): string {
    return this.pod.spec?.nodeName ?? '';
  }

  /** True when the pod has any pod affinity or anti-affinity term (NodeInfo.PodsWithAffinity). */
  get hasAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return !!(a && (a.podAffinity || a.podAntiAffinity));
  }

  get hasRequiredAntiAffinity(): boolean {
    return this.requiredAntiAffinityTerms.length > 0;
  }
}
