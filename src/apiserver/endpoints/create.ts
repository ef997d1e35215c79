/** POST: create an object in a collection. */
import type { KubeObject } from '../../api/index.js';
import { badRequest, methodNotSupported } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { createObject } from '../registry/create.js';
import type { EndpointContext } from './context.js';
import { respondObject } from './render.js';
import { checkTypeMeta } from './type-meta.js';
import { writeOptions } from './write-options.js';
import { applyFieldValidation } from './unknown-fields.js';

export async function handleCreate(ctx: EndpointContext): Promise<void> {
  const { info, registry } = ctx.target;
  if (ctx.ri.name) throw methodNotSupported({ group: info.group, resource: info.resource }, 'create');
  const body = decodeObjectBody(await readBody(ctx.req, ctx.deps.maxBodyBytes), ctx.req.headers['content-type']);
  checkTypeMeta(info, body.value);
  applyFieldValidation(ctx, body.value);
  const obj = body.value as KubeObject;
  if (obj.metadata !== undefined && (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata))) {
    throw badRequest('metadata must be an object');
  }
  const created = await createObject(registry, ctx.ri.namespace, obj, writeOptions(ctx));
  respondObject(ctx, 201, created);
}
