/**
 * Paths of subresources: `status` and `scale` (read/replace/patch), posted ones (`binding`, `eviction`, `token`),
 * `finalize`, the pod `log`, and the streaming `exec`/`attach`/`portforward` (`x-kubernetes-action: connect`).
 * The operations carry the GVK of the subresource's kind (autoscaling/v1 Scale for `scale`, the parent kind for
 * `status`), so a patch of `deployments/status` is a Deployment patch, as kubectl expects.
 */
import type { ResourceInfo, SubresourceInfo } from '../registry/index.js';
import { operation, sortedParams, upperFirst, type GroupVersionContext } from './context.js';
import {
  EXEC_PARAMS,
  LOG_PARAMS,
  PATCH_PARAMS,
  PORT_FORWARD_PARAMS,
  PRETTY,
  WRITE_PARAMS,
  bodyOf,
  patchBody,
  pathParameter,
  responses,
  textResponses,
  type ParameterObject,
  type PathItemObject,
} from './parameters.js';

const CONNECT_PARAMS: Readonly<Record<string, readonly ParameterObject[]>> = {
  exec: EXEC_PARAMS,
  attach: EXEC_PARAMS.filter((p) => p.name !== 'command'),
  portforward: PORT_FORWARD_PARAMS,
};
const LOG_CONTENT_TYPES = ['text/plain', 'application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

export function subresourcePaths(
  ctx: GroupVersionContext,
  r: ResourceInfo,
  p: { itemPath: string; nsParams: ParameterObject[] },
): Record<string, PathItemObject> {
  const out: Record<string, PathItemObject> = {};
  for (const s of r.subresources) {
    const item = subresourceItem(ctx, r, s);
    if (!item) continue;
    const connect = s.name in CONNECT_PARAMS;
    const nameParam = pathParameter('name', `name of the ${connect ? s.kind.kind : r.kind}`);
    out[`${p.itemPath}/${s.name}`] = { ...item, parameters: sortedParams([nameParam, ...p.nsParams, ...(connect ? [] : [PRETTY])]) };
  }
  return out;
}

function subresourceItem(ctx: GroupVersionContext, r: ResourceInfo, s: SubresourceInfo): PathItemObject | undefined {
  const scope = r.namespaced ? 'Namespaced' : '';
  const sub = upperFirst(s.name);
  const id = (verb: string) => `${verb}${ctx.idPart}${scope}${r.kind}${sub}`;
  const gvk = s.kind;
  const verbs = s.verbs as readonly string[];
  const item: PathItemObject = {};

  const connectParams = CONNECT_PARAMS[s.name];
  if (connectParams) {
    for (const [verb, method] of [
      ['get', 'GET'],
      ['create', 'POST'],
    ] as const) {
      if (!verbs.includes(verb)) continue;
      item[verb === 'get' ? 'get' : 'post'] = operation(ctx, {
        description: `connect ${method} requests to ${s.name} of ${r.kind}`,
        operationId: `connect${ctx.idPart}${upperFirst(method.toLowerCase())}${scope}${r.kind}${sub}`,
        parameters: [...connectParams],
        responses: textResponses(['*/*']),
        'x-kubernetes-action': 'connect',
        gvk,
      });
    }
    return Object.keys(item).length ? item : undefined;
  }
  if (s.name === 'log') {
    if (!verbs.includes('get')) return undefined;
    item.get = operation(ctx, {
      description: `read log of the specified ${r.kind}`,
      operationId: id('read'),
      parameters: [...LOG_PARAMS],
      responses: textResponses(LOG_CONTENT_TYPES),
      'x-kubernetes-action': 'get',
      gvk,
    });
    return item;
  }

  const def = ctx.index.nameOf(gvk);
  if (!def) return undefined;
  if (verbs.includes('get')) {
    item.get = operation(ctx, {
      description: `read ${s.name} of the specified ${r.kind}`,
      operationId: id('read'),
      responses: responses(def, { '200': 'OK' }),
      'x-kubernetes-action': 'get',
      gvk,
    });
  }
  if (verbs.includes('update')) {
    item.put = operation(ctx, {
      description: `replace ${s.name} of the specified ${r.kind}`,
      operationId: id('replace'),
      parameters: [...WRITE_PARAMS],
      requestBody: bodyOf(def),
      responses: responses(def, { '200': 'OK', '201': 'Created' }),
      'x-kubernetes-action': 'put',
      gvk,
    });
  }
  if (verbs.includes('patch')) {
    item.patch = operation(ctx, {
      description: `partially update ${s.name} of the specified ${r.kind}`,
      operationId: id('patch'),
      parameters: [...PATCH_PARAMS],
      requestBody: patchBody(),
      responses: responses(def, { '200': 'OK', '201': 'Created' }),
      'x-kubernetes-action': 'patch',
      gvk,
    });
  }
  if (verbs.includes('create')) {
    item.post = operation(ctx, {
      description: `create ${s.name} of a ${r.kind}`,
      operationId: id('create'),
      parameters: [...WRITE_PARAMS],
      requestBody: bodyOf(def),
      responses: responses(def, { '200': 'OK', '201': 'Created', '202': 'Accepted' }),
      'x-kubernetes-action': 'post',
      gvk,
    });
  }
  return Object.keys(item).length ? item : undefined;
}
