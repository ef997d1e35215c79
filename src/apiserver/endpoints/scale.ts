/**
 * The scale subresource (autoscaling/v1 Scale) of deployments, replicasets and statefulsets: GET renders the parent's
 * replicas and selector; PUT/PATCH change only spec.replicas of the parent.
 */
import type { KubeObject, SubresourceInfo } from '../../api/index.js';
import { badRequest, conflict, type JsonValue, selectorFromLabelSelector, unsupportedMediaType } from '../../machinery/index.js';
import { decodeObjectBody, mediaType, parseJsonBody, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import { updateObject, conflictMessage } from '../registry/update.js';
import type { EndpointContext } from './context.js';
import { applyPatch } from './patch.js';
import { writeOptions } from './write-options.js';

interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: KubeObject['metadata'];
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.replace(/^\./, '').split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function scaleOf(obj: KubeObject, sub: SubresourceInfo): Scale {
  const paths = sub.scale!;
  const sel = getPath(obj, paths.labelSelectorPath);
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    } as KubeObject['metadata'],
    spec: { replicas: (getPath(obj, paths.specReplicasPath) as number | undefined) ?? 0 },
    status: {
      replicas: (getPath(obj, paths.statusReplicasPath) as number | undefined) ?? 0,
      ...(sel && typeof sel === 'object' ? { selector: selectorFromLabelSelector(sel as never).toString() } : {}),
    },
  };
}

function scaleSub(ctx: EndpointContext): SubresourceInfo {
  const sub = ctx.target.info.subresources.find((s) => s.name === 'scale');
  if (!sub?.scale) throw badRequest(`${ctx.target.info.resource} has no scale subresource`);
  return sub;
}

export async function handleScaleGet(ctx: EndpointContext): Promise<void> {
  const obj = await ctx.target.registry.get(ctx.ri.namespace, ctx.ri.name);
  writeJson(ctx.res, 200, scaleOf(obj, scaleSub(ctx)));
}

/** PUT or PATCH of the scale subresource. */
export async function handleScaleWrite(ctx: EndpointContext, verb: 'update' | 'patch'): Promise<void> {
  const sub = scaleSub(ctx);
  const { registry } = ctx.target;
  const ct = ctx.req.headers['content-type'];
  const buf = await readBody(ctx.req, ctx.deps.maxBodyBytes);
  let body: unknown;
  let patchType: 'json' | 'merge' | 'strategic' | null = null;
  if (verb === 'update') {
    body = decodeObjectBody(buf, ct).value;
  } else {
    const mt = mediaType(ct);
    patchType = mt === 'application/json-patch+json' ? 'json' : mt === 'application/merge-patch+json' ? 'merge' : mt === 'application/strategic-merge-patch+json' ? 'strategic' : null;
    if (!patchType) throw unsupportedMediaType(ct ?? '');
    body = parseJsonBody(buf);
  }
  const specPath = sub.scale!.specReplicasPath.replace(/^\./, '').split('.');
  const r = await updateObject(
    registry,
    ctx.ri.namespace,
    ctx.ri.name,
    (current) => {
      if (!current) throw badRequest('not found');
      const before = scaleOf(current, sub);
      const desired = (patchType
        ? applyPatch(patchType, before as unknown as JsonValue, body as JsonValue, { group: 'autoscaling', version: 'v1', kind: 'Scale' })
        : body) as Scale;
      const replicas = desired?.spec?.replicas;
      if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas))) {
        throw badRequest('Scale.spec.replicas must be an integer');
      }
      const pinned = desired?.metadata?.resourceVersion;
      if (pinned && pinned !== current.metadata.resourceVersion) {
        throw conflict({ group: ctx.target.info.group, resource: ctx.target.info.resource }, ctx.ri.name, conflictMessage);
      }
      let cur: Record<string, unknown> = current as unknown as Record<string, unknown>;
      for (const seg of specPath.slice(0, -1)) {
        cur[seg] ??= {};
        cur = cur[seg] as Record<string, unknown>;
      }
      cur[specPath[specPath.length - 1]!] = replicas ?? 0;
      delete current.metadata.resourceVersion;
      return current;
    },
    { ...writeOptions(ctx), target: 'main' },
  );
  writeJson(ctx.res, 200, scaleOf(r.object, sub));
}
