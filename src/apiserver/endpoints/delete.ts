/** DELETE of one object, and DELETE of a collection (deletecollection). */
import { ApiError, badRequest, isNotFound } from '../../machinery/index.js';
import { mediaType, parseJsonBody, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import { deleteObject } from '../registry/delete.js';
import type { DeleteOptions } from '../registry/strategy.js';
import type { EndpointContext } from './context.js';
import { respondObject } from './render.js';
import { predicateFor } from './selectors.js';
import { writeOptions } from './write-options.js';
import { objectOf } from '../watchcache/types.js';

const POLICIES = ['Orphan', 'Background', 'Foreground'];

/** DeleteOptions from the body (JSON) and/or query parameters; the body wins, as in Kubernetes. */
export async function deleteOptionsOf(ctx: EndpointContext): Promise<DeleteOptions> {
  const out: DeleteOptions = {};
  const q = ctx.query;
  const gp = q.get('gracePeriodSeconds');
  if (gp !== null) {
    if (!/^-?[0-9]+$/.test(gp)) throw badRequest(`invalid gracePeriodSeconds: ${JSON.stringify(gp)}`);
    out.gracePeriodSeconds = Number(gp);
  }
  const pp = q.get('propagationPolicy');
  if (pp !== null) out.propagationPolicy = pp as DeleteOptions['propagationPolicy'];
  const od = q.get('orphanDependents');
  if (od !== null) out.orphanDependents = od === 'true';
  const buf = await readBody(ctx.req, ctx.deps.maxBodyBytes);
  if (buf.length) {
    const mt = mediaType(ctx.req.headers['content-type']);
    if (mt && mt !== 'application/json') throw badRequest(`unsupported DeleteOptions content type ${mt}`);
    const b = parseJsonBody(buf);
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('DeleteOptions must be a JSON object');
    const o = b as Record<string, unknown>;
    if (o.gracePeriodSeconds !== undefined && o.gracePeriodSeconds !== null) {
      if (typeof o.gracePeriodSeconds !== 'number' || !Number.isInteger(o.gracePeriodSeconds)) throw badRequest('gracePeriodSeconds must be an integer');
      out.gracePeriodSeconds = o.gracePeriodSeconds;
    }
    if (typeof o.propagationPolicy === 'string') out.propagationPolicy = o.propagationPolicy as DeleteOptions['propagationPolicy'];
    if (typeof o.orphanDependents === 'boolean') out.orphanDependents = o.orphanDependents;
    if (typeof o.preconditions === 'object' && o.preconditions !== null) {
      const p = o.preconditions as Record<string, unknown>;
      out.preconditions = {
        ...(typeof p.uid === 'string' ? { uid: p.uid } : {}),
        ...(typeof p.resourceVersion === 'string' ? { resourceVersion: p.resourceVersion } : {}),
      };
    }
    if (Array.isArray(o.dryRun)) out.dryRun = o.dryRun.map(String);
  }
  if (out.propagationPolicy !== undefined && !POLICIES.includes(out.propagationPolicy)) {
    throw new ApiError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${out.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  if (out.propagationPolicy !== undefined && out.orphanDependents !== undefined) {
    throw new ApiError(422, 'Invalid', 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "' + out.propagationPolicy + '": orphanDependents and deletionPropagation cannot be both set');
  }
  return out;
}

export async function handleDelete(ctx: EndpointContext): Promise<void> {
  const { info, registry } = ctx.target;
  const options = await deleteOptionsOf(ctx);
  const wo = writeOptions(ctx);
  if (options.dryRun?.length) wo.dryRun = true;
  const r = await deleteObject(registry, ctx.ri.namespace, ctx.ri.name, options, wo);
  if (!r.deleted) {
    respondObject(ctx, options.orphanDependents === false ? 202 : 200, r.object);
    return;
  }
  if (info.resource === 'namespaces' || info.resource === 'pods') {
    respondObject(ctx, 200, r.object);
    return;
  }
  writeJson(ctx.res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: ctx.ri.name, group: info.group, kind: info.resource, uid: r.object.metadata.uid },
  });
}

export async function handleDeleteCollection(ctx: EndpointContext): Promise<void> {
  const { registry } = ctx.target;
  const options = await deleteOptionsOf(ctx);
  const wo = writeOptions(ctx);
  if (options.dryRun?.length) wo.dryRun = true;
  const pred = predicateFor(ctx);
  const listed = await registry.list(ctx.ri.namespace, { pred, resourceVersion: '' });
  for (const item of listed.items) {
    const o = objectOf(item);
    try {
      await deleteObject(registry, o.metadata.namespace ?? '', o.metadata.name ?? '', options, wo);
    } catch (err) {
      // Objects that vanished meanwhile are fine; anything else fails the request.
      if (!isNotFound(err)) throw err;
    }
  }
  writeJson(ctx.res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
}
