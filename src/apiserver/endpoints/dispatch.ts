/** Routes a resource request to its handler by verb and subresource. */
import { methodNotSupported, notFound } from '../../machinery/index.js';
import { handleBinding } from './binding.js';
import { handleFinalize } from './finalize.js';
import type { EndpointContext } from './context.js';
import { handleCreate } from './create.js';
import { handleDelete, handleDeleteCollection } from './delete.js';
import { handlePatch } from './patch.js';
import { handleGet, handleList } from './read.js';
import { handleScaleGet, handleScaleWrite } from './scale.js';
import { handleUpdate } from './update.js';
import { handleWatch } from './watch.js';

export async function dispatchResource(ctx: EndpointContext): Promise<void> {
  const { ri } = ctx;
  const { info } = ctx.target;
  const gr = { group: info.group, resource: info.resource };
  const verbAllowed = (v: string) => (info.verbs as readonly string[]).includes(v);

  if (ri.subresource) {
    const sub = info.subresources.find((s) => s.name === ri.subresource);
    if (!sub) throw notFound(gr, `${ri.name}/${ri.subresource}`);
    const connect = ctx.deps.connect?.[`${info.resource}/${sub.name}`];
    if (connect) return connect(ctx);
    const method = ctx.req.method;
    switch (sub.name) {
      case 'status':
        if (method === 'GET') return handleGet(ctx);
        if (method === 'PUT') return handleUpdate(ctx);
        if (method === 'PATCH') return handlePatch(ctx);
        break;
      case 'scale':
        if (method === 'GET') return handleScaleGet(ctx);
        if (method === 'PUT') return handleScaleWrite(ctx, 'update');
        if (method === 'PATCH') return handleScaleWrite(ctx, 'patch');
        break;
      case 'binding':
        if (method === 'POST') return handleBinding(ctx);
        break;
      case 'finalize':
        if (method === 'PUT') return handleFinalize(ctx);
        break;
    }
    throw methodNotSupported(gr, `${ri.verb} on ${sub.name}`);
  }

  switch (ri.verb) {
    case 'get':
      if (!verbAllowed('get')) break;
      return handleGet(ctx);
    case 'list':
      if (!verbAllowed('list')) break;
      return handleList(ctx);
    case 'watch':
      if (!verbAllowed('watch')) break;
      return handleWatch(ctx);
    case 'create':
      if (!verbAllowed('create')) break;
      return handleCreate(ctx);
    case 'update':
      if (!verbAllowed('update') || !ri.name) break;
      return handleUpdate(ctx);
    case 'patch':
      if (!verbAllowed('patch') || !ri.name) break;
      return handlePatch(ctx);
    case 'delete':
      if (!verbAllowed('delete')) break;
      return handleDelete(ctx);
    case 'deletecollection':
      if (!verbAllowed('deletecollection')) break;
      return handleDeleteCollection(ctx);
  }
  throw methodNotSupported(gr, ri.verb);
}
