/**
 * NamespacedResourcesDeleter (pkg/controller/namespace/deletion): empties a terminating namespace through the API and,
 * once nothing is left, removes the `kubernetes` finalizer with PUT namespaces/{name}/finalize (the API server then
 * removes the namespace).
 *
 * Guarantees:
 * - Acts only on a namespace the server reports with a deletionTimestamp (read live, not from a cache).
 * - Every namespaced resource discovery lists with the delete verb is emptied: deletecollection when served, else
 *   list + delete each (propagationPolicy Background, so the GC does not orphan dependents).
 * - The finalizer is removed only after every listable resource was verified empty in the same pass.
 * - Writes to the namespace are retried on Conflict with a fresh read; a uid change aborts.
 */
import type { KubeObject, Namespace, Pod } from '../../api/index.js';
import { refs, type ResourceRef, type RestClient } from '../../client/index.js';
import { isApiError, isConflict, isNotFound, type Clock } from '../../machinery/index.js';
import { failureConditions, updateConditions, type DeletionReport } from './conditions.js';
import { discoverNamespacedResources, discoveryFailureMessage, type DiscoveredResource } from './discovery.js';

/** The finalizer this controller owns on spec.finalizers. */
export const FINALIZER_KUBERNETES = 'kubernetes';
/** Estimate (seconds) for content that waits on finalizers. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

export class NamespaceDeletionError extends Error {
  override readonly name = 'NamespaceDeletionError';
  constructor(
    readonly reason: 'ContentRemaining' | 'UidChanged' | 'DeletionFailed',
    message: string,
  ) {
    super(message);
  }
}

/** Result of one pass: 0 = done (finalized or nothing to do); > 0 = content remains, look again in about that long. */
export interface DeletionOutcome {
  estimateSeconds: number;
}

export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const isMethodNotAllowed = (err: unknown) => isApiError(err) && err.reason === 'MethodNotAllowed';
const gvrString = (ref: ResourceRef) => `${ref.group}/${ref.version}, Resource=${ref.resource}`;
const grString = (ref: ResourceRef) => `${ref.resource}.${ref.group}`;

interface GvrResult {
  estimate: number;
  remaining: number;
  finalizers: Map<string, number>;
}

export class NamespacedResourcesDeleter {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #discover: () => ReturnType<typeof discoverNamespacedResources>;

  constructor(deps: { client: RestClient; clock: Clock; discover?: () => ReturnType<typeof discoverNamespacedResources> }) {
    this.#client = deps.client;
    this.#clock = deps.clock;
    this.#discover = deps.discover ?? (() => discoverNamespacedResources(deps.client));
  }

  get #namespaces() {
    return this.#client.resource<Namespace>(refs.namespaces);
  }

  async delete(name: string): Promise<DeletionOutcome> {
    let ns: Namespace;
    try {
      ns = await this.#namespaces.get({ namespace: '', name });
    } catch (err) {
      if (isNotFound(err)) return { estimateSeconds: 0 };
      throw err;
    }
    if (!ns.metadata.deletionTimestamp) return { estimateSeconds: 0 };
    const terminating = await this.#retryOnConflict(ns, async (cur) => {
      if (!cur.metadata.deletionTimestamp || cur.status?.phase === 'Terminating') return cur;
      return this.#namespaces.updateStatus({ ...cur, status: { ...(cur.status ?? {}), phase: 'Terminating' } });
    });
    if (!terminating?.metadata.deletionTimestamp) return { estimateSeconds: 0 };
    if (!(terminating.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return { estimateSeconds: 0 };
    const { estimate, errors, latest } = await this.#deleteAllContent(terminating);
    if (estimate > 0) return { estimateSeconds: estimate };
    if (errors.length) throw new NamespaceDeletionError('DeletionFailed', errors.join('; '));
    await this.#retryOnConflict(latest, (cur) => this.#finalize(cur));
    return { estimateSeconds: 0 };
  }

  /** retryOnConflictError: re-reads and retries `fn` on Conflict; gives up if the namespace's uid changed. */
  async #retryOnConflict(ns: Namespace, fn: (ns: Namespace) => Promise<Namespace>): Promise<Namespace | undefined> {
    let cur = ns;
    for (;;) {
      try {
        return await fn(cur);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        if (!isConflict(err)) throw err;
      }
      const prev = cur;
      try {
        cur = await this.#namespaces.get({ namespace: '', name: prev.metadata.name ?? '' });
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
      if (cur.metadata.uid !== prev.metadata.uid) throw new NamespaceDeletionError('UidChanged', 'namespace uid has changed across retries');
    }
  }

  async #finalize(ns: Namespace): Promise<Namespace> {
    const finalizers = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES))].sort();
    const body: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: ns.metadata, spec: { ...(ns.spec ?? {}), finalizers } };
    const key = { namespace: '', name: ns.metadata.name ?? '' };
    return this.#namespaces.updateSubresource<Namespace>(key, 'finalize', body);
  }

  async #deleteAllContent(ns: Namespace): Promise<{ estimate: number; errors: string[]; latest: Namespace }> {
    const name = ns.metadata.name ?? '';
    const deletedAt = Date.parse(ns.metadata.deletionTimestamp ?? '') || this.#clock.now();
    const report: DeletionReport = { contentErrors: [], remaining: new Map(), finalizersRemaining: new Map() };
    const errors: string[] = [];
    const discovery = await this.#discover();
    if (discovery.failures.size) {
      const msg = discoveryFailureMessage(discovery.failures);
      report.discoveryError = `Discovery failed for some groups, ${discovery.failures.size} failing: ${msg}`;
      errors.push(msg);
    }
    let estimate = 0;
    for (const r of discovery.resources.filter((d) => d.verbs.has('delete'))) {
      let result: GvrResult;
      try {
        result = await this.#deleteAllContentFor(r, { namespace: name, deletedAt });
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        report.contentErrors.push(msg);
        errors.push(msg);
        continue;
      }
      estimate = Math.max(estimate, result.estimate);
      if (result.remaining > 0) {
        report.remaining.set(grString(r.ref), result.remaining);
        for (const [f, n] of result.finalizers) report.finalizersRemaining.set(f, (report.finalizersRemaining.get(f) ?? 0) + n);
        if (result.estimate === 0) {
          const msg = `unexpected items still remain in namespace: ${name} for gvr: ${gvrString(r.ref)}`;
          report.contentErrors.push(msg);
          errors.push(msg);
        }
      }
    }
    const latest = await this.#updateConditions(ns, report);
    return { estimate, errors, latest };
  }

  /** Writes the conditions when they changed; returns the namespace as it now is (for the finalize precondition). */
  async #updateConditions(ns: Namespace, report: DeletionReport): Promise<Namespace> {
    const now = rfc3339(this.#clock.now());
    const { conditions, changed } = updateConditions(ns.status?.conditions ?? [], failureConditions(report, now), now);
    if (!changed) return ns;
    try {
      return await this.#namespaces.updateStatus({ ...ns, status: { ...(ns.status ?? {}), conditions } });
    } catch (err) {
      // Kubernetes only logs this: the conditions are informational and recomputed on the next pass.
      if (!isConflict(err) && !isNotFound(err)) console.warn(`namespace controller: couldn't update status conditions of ${ns.metadata.name ?? ''}: ${(err as Error).message}`);
      return ns;
    }
  }

  async #deleteAllContentFor(r: DiscoveredResource, o: { namespace: string; deletedAt: number }): Promise<GvrResult> {
    const api = this.#client.resource<KubeObject>(r.ref);
    let estimate = r.ref.group === '' && r.ref.resource === 'pods' ? await this.#estimatePods(o.namespace) : 0;
    if (this.#clock.now() - o.deletedAt >= estimate * 1000) estimate = 0;
    let collectionDone = false;
    if (r.verbs.has('deletecollection')) {
      try {
        await api.deleteCollection({ namespace: o.namespace, propagationPolicy: 'Background' });
        collectionDone = true;
      } catch (err) {
        if (!isNotFound(err) && !isMethodNotAllowed(err)) throw err;
      }
    }
    if (!r.verbs.has('list')) return { estimate, remaining: 0, finalizers: new Map() };
    if (!collectionDone) {
      for (const item of (await api.list({ namespace: o.namespace })).items) {
        try {
          await api.delete({ namespace: o.namespace, name: item.metadata.name ?? '' }, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!isNotFound(err) && !isMethodNotAllowed(err)) throw err;
        }
      }
    }
    const left = (await api.list({ namespace: o.namespace })).items;
    if (!left.length) return { estimate: 0, remaining: 0, finalizers: new Map() };
    const finalizers = new Map<string, number>();
    for (const item of left) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (estimate === 0 && finalizers.size) estimate = FINALIZER_ESTIMATE_SECONDS;
    return { estimate, remaining: left.length, finalizers };
  }

  /** The longest termination grace period among the namespace's non-terminal pods. */
  async #estimatePods(namespace: string): Promise<number> {
    const pods = (await this.#client.resource<Pod>(refs.pods).list({ namespace })).items;
    let estimate = 0;
    for (const p of pods) {
      if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      estimate = Math.max(estimate, p.spec?.terminationGracePeriodSeconds ?? 0);
    }
    return estimate;
  }
}
