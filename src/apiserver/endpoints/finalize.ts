/**
 * namespaces/{name}/finalize: the namespace controller's write of spec.finalizers (and nothing else). When it
 * empties them on a namespace being deleted, the namespace goes.
 */
import type { KubeObject } from '../../api/index.js';
import { badRequest } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { updateObject } from '../registry/update.js';
import type { EndpointContext } from './context.js';
import { respondObject } from './render.js';
import { writeOptions } from './write-options.js';

export async function handleFinalize(ctx: EndpointContext): Promise<void> {
  const body = decodeObjectBody(await readBody(ctx.req, ctx.deps.maxBodyBytes), ctx.req.headers['content-type']).value as KubeObject;
  const finalizers = (body.spec as { finalizers?: unknown } | undefined)?.finalizers ?? [];
  if (!Array.isArray(finalizers) || finalizers.some((f) => typeof f !== 'string')) throw badRequest('spec.finalizers must be a list of strings');
  const pinned = body.metadata?.resourceVersion;
  const r = await updateObject(
    ctx.target.registry,
    '',
    ctx.ri.name,
    (cur) => {
      const next = cur!;
      next.spec = { ...((next.spec as object | undefined) ?? {}), finalizers };
      if (!finalizers.length) delete (next.spec as { finalizers?: string[] }).finalizers;
      if (pinned) next.metadata.resourceVersion = pinned;
      else delete next.metadata.resourceVersion;
      return next;
    },
    { ...writeOptions(ctx), target: 'internal' },
  );
  respondObject(ctx, 200, r.object);
}
