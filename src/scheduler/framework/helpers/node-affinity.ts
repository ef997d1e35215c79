/**
 * Node selector matching (component-helpers nodeaffinity): `spec.nodeSelector` AND any of the required node affinity
 * terms. Terms are ORed, requirements within a term ANDed; an empty term matches nothing; a term with an invalid
 * requirement (bad operator, Gt/Lt with a non-integer) matches nothing. matchFields supports only `metadata.name`.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../../api/index.js';

type Matcher = (node: Node) => boolean;

const INT_RE = /^[+-]?\d+$/;

function requirementMatcher(r: NodeSelectorRequirement, read: (node: Node) => string | undefined): Matcher | undefined {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return (n) => {
        const v = read(n);
        return v !== undefined && values.includes(v);
      };
    case 'NotIn':
      if (values.length === 0) return undefined;
      return (n) => {
        const v = read(n);
        return v === undefined || !values.includes(v);
      };
    case 'Exists':
      if (values.length > 0) return undefined;
      return (n) => read(n) !== undefined;
    case 'DoesNotExist':
      if (values.length > 0) return undefined;
      return (n) => read(n) === undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INT_RE.test(values[0]!)) return undefined;
      const want = BigInt(values[0]!);
      const gt = r.operator === 'Gt';
      return (n) => {
        const v = read(n);
        if (v === undefined || !INT_RE.test(v)) return false;
        const have = BigInt(v);
        return gt ? have > want : have < want;
      };
    }
    default:
      return undefined;
  }
}

const readLabel = (key: string) => (n: Node) => {
  const labels = n.metadata.labels;
  return labels && Object.hasOwn(labels, key) ? labels[key] : undefined;
};

const readField = (key: string) => (n: Node) => (key === 'metadata.name' ? (n.metadata.name ?? '') : undefined);

/** Compiles one term; undefined when the term can match nothing. */
function compileTerm(term: NodeSelectorTerm): Matcher | undefined {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return undefined;
  const ms: Matcher[] = [];
  for (const r of exprs) {
    const m = requirementMatcher(r, readLabel(r.key));
    if (!m) return undefined;
    ms.push(m);
  }
  for (const r of fields) {
    if (r.key !== 'metadata.name' || (r.operator !== 'In' && r.operator !== 'NotIn')) return undefined;
    const m = requirementMatcher(r, readField(r.key));
    if (!m) return undefined;
    ms.push(m);
  }
  return (n) => {
    for (const m of ms) if (!m(n)) return false;
    return true;
  };
}

/** A compiled NodeSelector (ORed terms). */
export class NodeSelectorMatcher {
  private readonly terms: Matcher[];

  constructor(terms: readonly NodeSelectorTerm[]) {
    this.terms = [];
    for (const t of terms) {
      const m = compileTerm(t);
      if (m) this.terms.push(m);
    }
  }

  match(node: Node): boolean {
    for (const t of this.terms) if (t(node)) return true;
    return false;
  }
}

/** RequiredNodeAffinity: spec.nodeSelector plus requiredDuringSchedulingIgnoredDuringExecution. */
export class RequiredNodeAffinity {
  private readonly selector: readonly [string, string][];
  private readonly affinity: NodeSelectorMatcher | undefined;

  constructor(pod: Pod) {
    this.selector = Object.entries(pod.spec?.nodeSelector ?? {});
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.affinity = req ? new NodeSelectorMatcher(req.nodeSelectorTerms ?? []) : undefined;
  }

  /** True when the pod has neither a nodeSelector nor required node affinity. */
  get isEmpty(): boolean {
    return this.selector.length === 0 && !this.affinity;
  }

  match(node: Node): boolean {
    if (this.selector.length > 0) {
      const labels = node.metadata.labels ?? {};
      for (const [k, v] of this.selector) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
    }
    return this.affinity ? this.affinity.match(node) : true;
  }
}

/** PreferredSchedulingTerms: the sum of the weights of the terms the node matches. */
export class PreferredSchedulingTerms {
  private readonly terms: { weight: number; match: Matcher }[] = [];

  constructor(terms: readonly PreferredSchedulingTerm[]) {
    for (const t of terms) {
      if (!t.weight) continue;
      const m = compileTerm(t.preference);
      if (m) this.terms.push({ weight: t.weight, match: m });
    }
  }

  score(node: Node): number {
    let sum = 0;
    for (const t of this.terms) if (t.match(node)) sum += t.weight;
    return sum;
  }
}
