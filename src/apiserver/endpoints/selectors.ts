/** Builds the list/watch predicate from labelSelector and fieldSelector query parameters. */
import {
  FieldSelectorError,
  SelectorError,
  badRequest,
  parseFieldSelector,
  parseLabelSelector,
} from '../../machinery/index.js';
import type { Predicate } from '../watchcache/types.js';
import type { EndpointContext } from './context.js';

export function predicateFor(ctx: EndpointContext): Predicate {
  const { strategy } = ctx.target.registry;
  const namespace = strategy.namespaced ? ctx.ri.namespace : '';
  const pred: Predicate = { namespace };
  const ls = ctx.query.get('labelSelector');
  if (ls) {
    try {
      pred.label = parseLabelSelector(ls);
    } catch (err) {
      if (err instanceof SelectorError) throw badRequest(`unable to parse requirement: ${err.message}`.replace('unable to parse requirement: unable to parse requirement: ', 'unable to parse requirement: '));
      throw err;
    }
  }
  const fs = ctx.query.get('fieldSelector');
  if (fs) {
    const allowed = new Set(['metadata.name', ...(strategy.namespaced ? ['metadata.namespace'] : []), ...strategy.fieldSelectorFields]);
    try {
      pred.field = parseFieldSelector(fs, {
        transform: (field, value) => {
          if (!allowed.has(field)) throw new FieldSelectorError(`field label not supported: ${field}`);
          return [field, value];
        },
      });
    } catch (err) {
      if (err instanceof FieldSelectorError) throw badRequest(err.message);
      throw err;
    }
  }
  return pred;
}
