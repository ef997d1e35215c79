/** PUT: replace an object (or its status). */
import type { KubeObject } from '../../api/index.js';
import { badRequest, deepCopy } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { updateObject } from '../registry/update.js';
import type { EndpointContext } from './context.js';
import { respondObject } from './render.js';
import { checkTypeMeta } from './type-meta.js';
import { applyFieldValidation } from './unknown-fields.js';
import { writeOptions } from './write-options.js';

export async function handleUpdate(ctx: EndpointContext): Promise<void> {
  const { info, registry } = ctx.target;
  const body = decodeObjectBody(await readBody(ctx.req, ctx.deps.maxBodyBytes), ctx.req.headers['content-type']);
  checkTypeMeta(info, body.value);
  applyFieldValidation(ctx, body.value);
  const obj = body.value as KubeObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  if (obj.metadata.name && obj.metadata.name !== ctx.ri.name) {
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${ctx.ri.name})`);
  }
  const target = ctx.ri.subresource === 'status' ? 'status' : 'main';
  const r = await updateObject(registry, ctx.ri.namespace, ctx.ri.name, () => deepCopy(obj), {
    ...writeOptions(ctx),
    target,
  });
  respondObject(ctx, r.created ? 201 : 200, r.object);
}
