/**
 * Renders objects and lists in the representation the client negotiated: JSON, a server-side Table, or
 * PartialObjectMetadata.
 */
import type { KubeObject } from '../../api/index.js';
import { toTable } from '../../api/index.js';
import { notAcceptable } from '../../machinery/index.js';
import { negotiateResource, type Representation } from '../http/negotiate.js';
import { writeJson, writeRaw } from '../http/respond.js';
import { type CachedObject, isCached, objectOf } from '../watchcache/types.js';
import type { EndpointContext } from './context.js';

export function representationFor(ctx: EndpointContext, list: boolean): Representation {
  const rep = negotiateResource(ctx.req.headers.accept, { list });
  if (!rep) {
    throw notAcceptable(
      `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json;as=Table;v=v1;g=meta.k8s.io`,
    );
  }
  return rep;
}

function includeObject(ctx: EndpointContext): 'None' | 'Metadata' | 'Object' {
  const v = ctx.query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

export function partialMetadata(obj: Readonly<KubeObject>, version: string) {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

export function tableOf(ctx: EndpointContext, objects: readonly Readonly<KubeObject>[], meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number }, version: string, withColumns = true) {
  const { info } = ctx.target;
  const t = toTable(info.group, info.resource, objects as KubeObject[], {
    now: ctx.deps.clock.now(),
    includeObject: includeObject(ctx),
    ...(meta.resourceVersion !== undefined ? { resourceVersion: meta.resourceVersion } : {}),
    ...(meta.continue ? { continue: meta.continue } : {}),
  }) as unknown as Record<string, unknown>;
  t.apiVersion = `meta.k8s.io/${version}`;
  if (meta.remainingItemCount !== undefined) (t.metadata as Record<string, unknown>).remainingItemCount = meta.remainingItemCount;
  if (!withColumns) delete t.columnDefinitions;
  return t;
}

function flushWarnings(ctx: EndpointContext): void {
  if (!ctx.warnings.length || ctx.res.headersSent) return;
  const prev = ctx.res.getHeader('Warning');
  const existing = Array.isArray(prev) ? prev : prev !== undefined ? [String(prev)] : [];
  ctx.res.setHeader('Warning', [...existing, ...ctx.warnings.map((m) => `299 - ${JSON.stringify(m)}`)]);
}

/** Writes one object. */
export function respondObject(ctx: EndpointContext, code: number, obj: Readonly<KubeObject>): void {
  flushWarnings(ctx);
  const rep = representationFor(ctx, false);
  switch (rep.kind) {
    case 'table':
      writeJson(ctx.res, code, tableOf(ctx, [obj], { resourceVersion: obj.metadata.resourceVersion ?? '' }, rep.version));
      return;
    case 'partial-metadata':
      writeJson(ctx.res, code, partialMetadata(obj, rep.version));
      return;
    default:
      writeJson(ctx.res, code, obj);
  }
}

/** Writes a list of cached objects (using their precomputed JSON) or fresh objects. */
export function respondList(
  ctx: EndpointContext,
  items: readonly (CachedObject | KubeObject)[],
  meta: { resourceVersion: string; continue?: string; remainingItemCount?: number },
): void {
  const rep = representationFor(ctx, true);
  const objs = items.map(objectOf);
  if (rep.kind === 'table') {
    writeJson(ctx.res, 200, tableOf(ctx, objs, meta, rep.version));
    return;
  }
  if (rep.kind === 'partial-metadata') {
    writeJson(ctx.res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${rep.version}`,
      metadata: listMeta(meta),
      items: objs.map((o) => partialMetadata(o, rep.version)),
    });
    return;
  }
  const { info } = ctx.target;
  const head = JSON.stringify({
    kind: info.listKind,
    apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
    metadata: listMeta(meta),
  });
  // Splice precomputed item JSON in rather than re-serializing every object.
  const parts: string[] = [head.slice(0, -1), ',"items":['];
  for (let i = 0; i < items.length; i++) {
    if (i) parts.push(',');
    const it = items[i]!;
    parts.push(isCached(it) ? it.json : JSON.stringify(it));
  }
  parts.push(']}');
  writeRaw(ctx.res, 200, parts.join(''), 'application/json');
}

function listMeta(meta: { resourceVersion: string; continue?: string; remainingItemCount?: number }) {
  return {
    resourceVersion: meta.resourceVersion,
    ...(meta.continue ? { continue: meta.continue } : {}),
    ...(meta.remainingItemCount !== undefined ? { remainingItemCount: meta.remainingItemCount } : {}),
  };
}
