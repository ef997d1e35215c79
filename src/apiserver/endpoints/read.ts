/** GET of one object and LIST. */
import { badRequest } from '../../machinery/index.js';
import type { EndpointContext } from './context.js';
import { respondList, respondObject } from './render.js';
import { predicateFor } from './selectors.js';

export async function handleGet(ctx: EndpointContext): Promise<void> {
  const rv = ctx.query.get('resourceVersion') ?? undefined;
  const obj = await ctx.target.registry.get(ctx.ri.namespace, ctx.ri.name, rv !== undefined ? { resourceVersion: rv } : {});
  respondObject(ctx, 200, obj);
}

export async function handleList(ctx: EndpointContext): Promise<void> {
  const limitParam = ctx.query.get('limit');
  let limit = 0;
  if (limitParam) {
    if (!/^-?[0-9]+$/.test(limitParam)) throw badRequest(`invalid limit: ${JSON.stringify(limitParam)}`);
    limit = Math.max(0, Number(limitParam));
  }
  const match = ctx.query.get('resourceVersionMatch') ?? '';
  if (match && match !== 'NotOlderThan' && match !== 'Exact') {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""`);
  }
  const rv = ctx.query.get('resourceVersion') ?? '';
  const r = await ctx.target.registry.list(ctx.ri.namespace, {
    pred: predicateFor(ctx),
    limit,
    continue: ctx.query.get('continue') ?? '',
    resourceVersion: rv,
    resourceVersionMatch: match as '' | 'NotOlderThan' | 'Exact',
  });
  respondList(ctx, r.items, {
    resourceVersion: String(r.rv),
    ...(r.continue ? { continue: r.continue } : {}),
    ...(r.remaining !== undefined ? { remainingItemCount: r.remaining } : {}),
  });
}
