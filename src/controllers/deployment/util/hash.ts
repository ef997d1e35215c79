/**
 * The pod-template-hash (kubernetes controller.ComputeHash) and template equality (deploymentutil.EqualIgnoreHash).
 *
 * Kubernetes hashes Go's in-memory struct, which skiff cannot reproduce byte for byte. What matters — and what this
 * module guarantees — is that both functions see a template the same way whichever client wrote it:
 * - the template is normalised first: Kubernetes' pod-template defaults are applied, the `pod-template-hash` label
 *   and `metadata.creationTimestamp` are dropped, and null / "" / empty objects / empty arrays count as absent
 *   (Go does not tell those apart for the fields of a template once defaults are applied);
 * - the normalised template is serialised as JSON with object keys sorted (array order is kept: it is meaningful).
 * So `computeHash` is deterministic, and a template that `kubectl rollout undo` copies back from an old ReplicaSet
 * (hash label removed, `creationTimestamp: null`) hashes — and compares — equal to that ReplicaSet's template.
 *
 * computeHash = SafeEncodeString(decimal(FNV-32a(serialisation ‖ collisionCount as 8 little-endian bytes))).
 */
import { defaultPodTemplate, type PodTemplateSpec } from '../../../api/index.js';
import { safeEncodeString } from '../../../machinery/index.js';

/** apps.DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Drops null / undefined / "" / {} / [] (recursively) and sorts object keys. Returns undefined for "absent". */
function canonical(v: unknown): Json | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x) ?? null);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v as object).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** The normalised form both computeHash and equalIgnoreHash work on (see the module comment). */
export function normalizePodTemplate(template: Readonly<PodTemplateSpec> | undefined): Json {
  const t = structuredClone(template ?? {}) as PodTemplateSpec & Record<string, unknown>;
  defaultPodTemplate(t as Record<string, unknown>);
  if (t.metadata) {
    delete t.metadata.creationTimestamp;
    if (t.metadata.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  }
  return canonical(t) ?? {};
}

/** FNV-1a, 32 bit, over `bytes`, continuing from `hash`. */
export function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** controller.ComputeHash: the pod-template-hash of `template` (plus `collisionCount` when set). */
export function computeHash(template: Readonly<PodTemplateSpec> | undefined, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(JSON.stringify(normalizePodTemplate(template))));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}

/** deploymentutil.EqualIgnoreHash: the templates are equal once normalised (hash label ignored). */
export function equalIgnoreHash(a: Readonly<PodTemplateSpec> | undefined, b: Readonly<PodTemplateSpec> | undefined): boolean {
  return JSON.stringify(normalizePodTemplate(a)) === JSON.stringify(normalizePodTemplate(b));
}
