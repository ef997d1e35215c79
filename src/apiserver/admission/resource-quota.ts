/**
 * ResourceQuota (Kubernetes' admission plugin of that name), a validating plugin. On create of anything namespaced
 * (and update of pods, services and claims, charged by the increase only) every quota of the namespace that tracks
 * what the object costs is checked: current usage + the object's usage must stay ≤ spec.hard, else 403
 * `exceeded quota: q1, requested: pods=1, used: pods=3, limited: pods=3`. A quota on cpu or memory also requires every
 * container to state them (`failed quota: q1: must specify limits.cpu for: app`).
 *
 * Consistency: current usage is computed from the UsageSource (a listing), which may lag writes that were admitted a
 * moment ago. So checks in one namespace are serialized, and each admitted (non-dry-run) object is held as a
 * reservation until the listing shows it (or `reservationTtlMs` passes — an admitted object whose write then failed
 * is over-counted until then). Within one API server process two creates can therefore never both take the last slot.
 * After a successful check, the quota's status (hard, and used including the new object) is written through the
 * QuotaStatusWriter; a failed status write does not fail the request and is handed to `reportError`.
 */
import type { KubeObject, Pod, ResourceList, ResourceQuota } from '../../api/index.js';
import { type Clock, Quantity } from '../../machinery/index.js';
import type { AdmissionAttributes } from '../registry/context.js';
import { type AsyncValidator, admissionForbidden } from './attributes.js';
import type { NamespacedLister } from './listers.js';
import { type Quantities, podContainers, quantities } from './pod-resources.js';
import {
  type GroupResourceRef,
  type QuotaItem,
  chargeItem,
  computeQuotaUsage,
  objectUsage,
  quotaResources,
  quotaSelects,
  resourceForQuotaKey,
  sameResource,
} from './quota-usage.js';

/** Objects of one resource in a namespace, as stored (the lead lists them from the watch cache). */
export interface UsageSource {
  list(namespace: string, gr: GroupResourceRef): readonly Readonly<KubeObject>[] | Promise<readonly Readonly<KubeObject>[]>;
}

/** Writes a quota's status; may throw (conflict, not found). */
export interface QuotaStatusWriter {
  updateStatus(quota: Readonly<ResourceQuota>, status: { hard: ResourceList; used: ResourceList }): Promise<void>;
}

export interface ResourceQuotaDeps {
  quotas: NamespacedLister<ResourceQuota>;
  usage: UsageSource;
  clock: Clock;
  statusWriter?: QuotaStatusWriter;
  /** Receives failed status writes (the request itself is not failed by them). */
  reportError(err: unknown): void;
  /** How long an admitted object is counted while the listing does not show it yet (default 30 s). */
  reservationTtlMs?: number;
}

interface Reservation {
  item: QuotaItem;
  /** What it adds: the full usage for a create, the increase for an update. */
  delta: Quantities;
  uid: string;
  /** For updates: the resourceVersion the listing shows until the update is stored. */
  oldResourceVersion?: string;
  expiresAt: number;
}

const COMPUTE_CONSTRAINED = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];

function prettyPrint(list: Quantities, keys: readonly string[]): string {
  return [...keys].sort().map((k) => `${k}=${(list.get(k) ?? Quantity.zero()).toString()}`).join(',');
}

/** The pod evaluator's Constraints: a tracked cpu/memory resource must be set on every container. */
function missingComputeResources(pod: Pod, tracked: readonly string[]): string | undefined {
  const required = COMPUTE_CONSTRAINED.filter((r) => tracked.includes(r));
  if (required.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of podContainers(pod)) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of required) {
      const [source, name] = r.startsWith('limits.') ? [lim, r.slice(7)] : [req, r.replace(/^requests\./, '')];
      if (!Object.hasOwn(source, name)) {
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)!.add(c.name);
      }
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** SubtractWithNonNegativeResult. */
function increase(next: Quantities, prev: Quantities): Quantities {
  const out: Quantities = new Map();
  for (const [k, v] of next) {
    const d = prev.has(k) ? v.sub(prev.get(k)!) : v;
    out.set(k, d.sign() < 0 ? Quantity.zero() : d);
  }
  return out;
}

const UPDATE_CHARGED = new Set(['pods', 'services', 'persistentvolumeclaims']);

export class ResourceQuotaAdmission implements AsyncValidator {
  readonly name = 'ResourceQuota';
  private readonly reservations = new Map<string, Reservation[]>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly deps: ResourceQuotaDeps) {}

  async validate(a: AdmissionAttributes): Promise<void> {
    if (!a.namespace || !a.object || a.subresource !== '') return;
    const isUpdate = a.operation === 'UPDATE' && a.group === '' && UPDATE_CHARGED.has(a.resource) && a.oldObject !== null;
    if (a.operation !== 'CREATE' && !isUpdate) return;
    const quotas = await this.deps.quotas.list(a.namespace);
    if (quotas.length === 0) return;
    await this.serialized(a.namespace, () => this.check(a, quotas, isUpdate));
  }

  private async check(a: AdmissionAttributes, quotas: readonly Readonly<ResourceQuota>[], isUpdate: boolean): Promise<void> {
    const now = this.deps.clock.now();
    const gr = { group: a.group, resource: a.resource };
    const item: QuotaItem = { ...gr, object: a.object! };
    const full = objectUsage(item, now);
    const delta = isUpdate ? increase(full, objectUsage({ ...gr, object: a.oldObject! }, now)) : full;
    if ([...delta.values()].every((q) => q.isZero())) return;

    const listings = new Map<string, Promise<readonly Readonly<KubeObject>[]>>();
    const listed = (r: GroupResourceRef) => {
      const key = `${r.group}/${r.resource}`;
      if (!listings.has(key)) listings.set(key, Promise.resolve(this.deps.usage.list(a.namespace, r)));
      return listings.get(key)!;
    };
    const charged: { quota: Readonly<ResourceQuota>; used: Quantities; requested: Quantities }[] = [];
    for (const quota of quotas) {
      if (!quotaSelects(quota, item)) continue;
      const hardList = quota.spec?.hard ?? {};
      const tracked = Object.keys(hardList).filter((k) => {
        const r = resourceForQuotaKey(k);
        return r !== undefined && sameResource(r, gr);
      });
      if (tracked.length === 0) continue;
      if (a.group === '' && a.resource === 'pods') {
        const missing = missingComputeResources(a.object as Pod, tracked);
        if (missing) throw admissionForbidden(a, `failed quota: ${quota.metadata.name ?? ''}: ${missing}`);
      }
      const hard = quantities(hardList);
      const used = await this.usedBy(quota, listed, now);
      const requested: Quantities = new Map(tracked.filter((k) => delta.has(k)).map((k) => [k, delta.get(k)!]));
      const exceeded = [...requested.keys()].filter((k) => {
        const limit = hard.get(k);
        return limit !== undefined && (used.get(k) ?? Quantity.zero()).add(requested.get(k)!).cmp(limit) > 0;
      });
      if (exceeded.length) {
        throw admissionForbidden(
          a,
          `exceeded quota: ${quota.metadata.name ?? ''}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(used, exceeded)}, limited: ${prettyPrint(hard, exceeded)}`,
        );
      }
      charged.push({ quota, used, requested });
    }
    if (a.dryRun || charged.length === 0) return;
    this.reserve(a, item, delta, now, isUpdate);
    await Promise.all(charged.map((c) => this.writeStatus(c.quota, c.used, c.requested)));
  }

  /** Usage of every hard key of `quota`: the listing plus reservations the listing does not show yet. */
  private async usedBy(quota: Readonly<ResourceQuota>, listed: (r: GroupResourceRef) => Promise<readonly Readonly<KubeObject>[]>, now: number): Promise<Quantities> {
    const ns = quota.metadata.namespace ?? '';
    const items: QuotaItem[] = [];
    for (const r of quotaResources(quota)) {
      const objects = await listed(r);
      for (const object of objects) items.push({ ...r, object });
      this.prune(ns, r, objects, now);
    }
    const used = quantities(computeQuotaUsage(quota, items, { now }));
    for (const res of this.reservations.get(ns) ?? []) chargeItem(quota, used, res.item, res.delta);
    return used;
  }

  /** Drops reservations that the listing now reflects, or that expired. */
  private prune(ns: string, r: GroupResourceRef, objects: readonly Readonly<KubeObject>[], now: number): void {
    const list = this.reservations.get(ns);
    if (!list) return;
    const versions = new Map(objects.map((o) => [o.metadata.uid ?? '', o.metadata.resourceVersion ?? '']));
    const keep = list.filter((res) => {
      if (res.expiresAt <= now) return false;
      if (!sameResource(res.item, r)) return true;
      const rv = versions.get(res.uid);
      if (res.oldResourceVersion === undefined) return rv === undefined;
      return rv === res.oldResourceVersion;
    });
    if (keep.length) this.reservations.set(ns, keep);
    else this.reservations.delete(ns);
  }

  private reserve(a: AdmissionAttributes, item: QuotaItem, delta: Quantities, now: number, isUpdate: boolean): void {
    const uid = a.object!.metadata.uid;
    if (!uid) return;
    const res: Reservation = {
      item: { ...item, object: structuredClone(item.object) },
      delta,
      uid,
      expiresAt: now + (this.deps.reservationTtlMs ?? 30_000),
      ...(isUpdate ? { oldResourceVersion: a.oldObject!.metadata.resourceVersion ?? '' } : {}),
    };
    const list = (this.reservations.get(a.namespace) ?? []).filter((r) => r.expiresAt > now);
    list.push(res);
    this.reservations.set(a.namespace, list);
  }

  private async writeStatus(quota: Readonly<ResourceQuota>, used: Quantities, requested: Quantities): Promise<void> {
    if (!this.deps.statusWriter) return;
    const hard: ResourceList = { ...(quota.spec?.hard ?? {}) };
    const next: ResourceList = {};
    for (const k of Object.keys(hard)) {
      const u = used.get(k) ?? Quantity.zero();
      next[k] = (requested.has(k) ? u.add(requested.get(k)!) : u).toString();
    }
    try {
      await this.deps.statusWriter.updateStatus(quota, { hard, used: next });
    } catch (err) {
      this.deps.reportError(err);
    }
  }

  /** Runs `fn` after every earlier call for `ns` settled; calls for different namespaces run concurrently. */
  private async serialized(ns: string, fn: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(ns) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.tails.set(ns, tail);
    await prev;
    try {
      await fn();
    } finally {
      release();
      if (this.tails.get(ns) === tail) this.tails.delete(ns);
    }
  }
}

/** The ResourceQuota admission plugin (validate only). */
export function resourceQuotaAdmission(deps: ResourceQuotaDeps): ResourceQuotaAdmission {
  return new ResourceQuotaAdmission(deps);
}
