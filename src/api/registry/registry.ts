/**
 * ResourceRegistry: an immutable index over ResourceInfo. Built once (see builtinRegistry()), then only read.
 *
 * Guarantees:
 * - Every GVR and every GVK is registered at most once (the constructor throws RegistryError otherwise).
 * - Group order is registration order, which mirrors the priority order Kubernetes' `/apis` lists groups in;
 *   the legacy core group ('') is listed by groups() like any other, first.
 * - Lookups by name are case-insensitive and return matches in group order, so `events` resolves to core/v1
 *   before events.k8s.io/v1, as kubectl does.
 */
import type { GroupVersionKind, GroupVersionResource } from '../meta.js';
import type { ApiGroupInfo, ResourceInfo, SubresourceInfo } from './types.js';

export type RegistryErrorReason = 'DuplicateResource' | 'DuplicateKind' | 'InvalidResource';

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly reason: RegistryErrorReason,
    message: string,
  ) {
    super(message);
  }
}

const gvrKey = (g: string, v: string, r: string) => `${g}/${v}/${r}`;
const gvkKey = (g: string, v: string, k: string) => `${g}/${v}/${k}`;

export class ResourceRegistry {
  readonly #resources: readonly ResourceInfo[];
  readonly #byGVR = new Map<string, ResourceInfo>();
  readonly #byGVK = new Map<string, ResourceInfo>();
  readonly #groups: ApiGroupInfo[] = [];

  /**
   * @param resources in discovery order; within a group, versions are listed in the order first seen and the
   *   first one is the preferred version unless `preferredVersions` names another.
   */
  constructor(resources: readonly ResourceInfo[], options: { preferredVersions?: Readonly<Record<string, string>> } = {}) {
    this.#resources = [...resources];
    const versions = new Map<string, string[]>();
    for (const r of resources) {
      if (!r.version || !r.kind || !r.resource) {
        throw new RegistryError('InvalidResource', `resource ${JSON.stringify(r.resource)} in group ${JSON.stringify(r.group)} needs a version, kind and resource`);
      }
      const rk = gvrKey(r.group, r.version, r.resource);
      if (this.#byGVR.has(rk)) throw new RegistryError('DuplicateResource', `resource ${rk} registered twice`);
      const kk = gvkKey(r.group, r.version, r.kind);
      if (this.#byGVK.has(kk)) throw new RegistryError('DuplicateKind', `kind ${kk} registered twice`);
      this.#byGVR.set(rk, r);
      this.#byGVK.set(kk, r);
      const vs = versions.get(r.group) ?? [];
      if (!vs.includes(r.version)) vs.push(r.version);
      versions.set(r.group, vs);
    }
    for (const [name, vs] of versions) {
      const preferred = options.preferredVersions?.[name] ?? vs[0]!;
      if (!vs.includes(preferred)) {
        throw new RegistryError('InvalidResource', `preferred version ${preferred} of group ${JSON.stringify(name)} is not served`);
      }
      this.#groups.push({ name, versions: [preferred, ...vs.filter((v) => v !== preferred)], preferredVersion: preferred });
    }
  }

  /** Every resource, in registration order. */
  all(): readonly ResourceInfo[] {
    return this.#resources;
  }

  /** Groups with their versions (preferred first). The legacy core group has name ''. */
  groups(): readonly ApiGroupInfo[] {
    return this.#groups;
  }

  group(name: string): ApiGroupInfo | undefined {
    return this.#groups.find((g) => g.name === name);
  }

  /** The resources served at one group/version, in registration order. */
  resourcesIn(group: string, version: string): ResourceInfo[] {
    return this.#resources.filter((r) => r.group === group && r.version === version);
  }

  byGVR(gvr: GroupVersionResource): ResourceInfo | undefined {
    return this.#byGVR.get(gvrKey(gvr.group, gvr.version, gvr.resource));
  }

  byGVK(gvk: GroupVersionKind): ResourceInfo | undefined {
    return this.#byGVK.get(gvkKey(gvk.group, gvk.version, gvk.kind));
  }

  /** The resource of a kind in its group's preferred version (kind lookups that do not care about version). */
  byGroupKind(group: string, kind: string): ResourceInfo | undefined {
    const g = this.group(group);
    if (!g) return undefined;
    for (const v of g.versions) {
      const r = this.#byGVK.get(gvkKey(group, v, kind));
      if (r) return r;
    }
    return undefined;
  }

  subresource(gvr: GroupVersionResource, name: string): SubresourceInfo | undefined {
    return this.byGVR(gvr)?.subresources.find((s) => s.name === name);
  }

  /** Resources in a category (`all`, `api-extensions`), in registration order. */
  inCategory(category: string): ResourceInfo[] {
    return this.#resources.filter((r) => r.categories.includes(category));
  }

  /**
   * Every resource a user-typed name can mean, best first: the plural, the singular or a short name, optionally
   * qualified as `name.group` or `name.version.group` (`deployments.apps`, `deploy.v1.apps`). Case-insensitive.
   * Within a group only the preferred version matches an unqualified name.
   */
  find(name: string): ResourceInfo[] {
    const lower = name.toLowerCase();
    const out: ResourceInfo[] = [];
    for (const r of this.#resources) {
      const names = [r.resource, r.singular, ...r.shortNames];
      const hit = names.some((n) => {
        if (lower === n) return this.group(r.group)?.preferredVersion === r.version;
        if (r.group && lower === `${n}.${r.group}`) return this.group(r.group)?.preferredVersion === r.version;
        return lower === `${n}.${r.version}.${r.group}` || (!r.group && lower === `${n}.${r.version}`);
      });
      if (hit) out.push(r);
    }
    return out;
  }

  /** The best match of find(), or undefined. */
  resolve(name: string): ResourceInfo | undefined {
    return this.find(name)[0];
  }
}
