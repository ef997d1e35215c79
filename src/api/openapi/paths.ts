/**
 * The OpenAPI paths of one resource, as kube-apiserver's installer lays them out: the collection, the object, the
 * deprecated watch paths, and (see ./subresource-paths.ts) the subresources. Operation ids, tags and descriptions
 * follow kube-apiserver's conventions (`patchAppsV1NamespacedDeployment`, tag `apps_v1`).
 */
import type { GroupVersionKind } from '../meta.js';
import type { ResourceInfo } from '../registry/index.js';
import {
  DELETE_COLLECTION_PARAMS,
  DELETE_PARAMS,
  LIST_PARAMS,
  NAMESPACE_PARAM,
  PATCH_PARAMS,
  PRETTY,
  WRITE_PARAMS,
  bodyOf,
  deleteOptionsBody,
  pathParameter,
  patchBody,
  responses,
  type ParameterObject,
  type PathItemObject,
} from './parameters.js';
import { operation, sortedParams, type GroupVersionContext } from './context.js';
import { subresourcePaths } from './subresource-paths.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const STATUS_DEFINITION = `${META}.Status`;
const WATCH_EVENT = `${META}.WatchEvent`;

/** Resources whose DELETE answers the deleted object rather than a Status (their storage returns it). */
const DELETE_RETURNS_OBJECT: ReadonlySet<string> = new Set(['/pods', '/services', '/persistentvolumeclaims']);

/** Every path of `r` (and its subresources) in this group-version. Resources without a definition get none. */
export function resourcePaths(ctx: GroupVersionContext, r: ResourceInfo): Record<string, PathItemObject> {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const def = ctx.index.nameOf(gvk);
  if (!def) return {};
  const listDef = ctx.index.nameOf({ ...gvk, kind: r.listKind });
  const scope = r.namespaced ? 'Namespaced' : '';
  const id = (verb: string, suffix = '') => `${verb}${ctx.idPart}${scope}${r.kind}${suffix}`;
  const has = (v: string) => (r.verbs as readonly string[]).includes(v);
  const nsParams = r.namespaced ? [NAMESPACE_PARAM] : [];
  const collectionPath = r.namespaced ? `${ctx.prefix}/namespaces/{namespace}/${r.resource}` : `${ctx.prefix}/${r.resource}`;
  const itemPath = `${collectionPath}/{name}`;
  const nameParam = pathParameter('name', `name of the ${r.kind}`);
  const out: Record<string, PathItemObject> = {};

  const collection: PathItemObject = {};
  if (has('list') && listDef) {
    collection.get = operation(ctx, {
      description: `list or watch objects of kind ${r.kind}`,
      operationId: id('list'),
      parameters: [...LIST_PARAMS],
      responses: responses(listDef, { '200': 'OK' }, true),
      'x-kubernetes-action': 'list',
      gvk,
    });
  }
  if (has('create')) {
    collection.post = operation(ctx, {
      description: `create a ${r.kind}`,
      operationId: id('create'),
      parameters: [...WRITE_PARAMS],
      requestBody: bodyOf(def),
      responses: responses(def, { '200': 'OK', '201': 'Created', '202': 'Accepted' }),
      'x-kubernetes-action': 'post',
      gvk,
    });
  }
  if (has('deletecollection')) {
    collection.delete = operation(ctx, {
      description: `delete collection of ${r.kind}`,
      operationId: `delete${ctx.idPart}Collection${scope}${r.kind}`,
      parameters: [...DELETE_COLLECTION_PARAMS],
      requestBody: deleteOptionsBody(),
      responses: responses(STATUS_DEFINITION, { '200': 'OK' }),
      'x-kubernetes-action': 'deletecollection',
      gvk,
    });
  }
  if (Object.keys(collection).length) out[collectionPath] = { ...collection, parameters: sortedParams([...nsParams, PRETTY]) };

  const item: PathItemObject = {};
  if (has('get')) {
    item.get = operation(ctx, {
      description: `read the specified ${r.kind}`,
      operationId: id('read'),
      responses: responses(def, { '200': 'OK' }),
      'x-kubernetes-action': 'get',
      gvk,
    });
  }
  if (has('update')) {
    item.put = operation(ctx, {
      description: `replace the specified ${r.kind}`,
      operationId: id('replace'),
      parameters: [...WRITE_PARAMS],
      requestBody: bodyOf(def),
      responses: responses(def, { '200': 'OK', '201': 'Created' }),
      'x-kubernetes-action': 'put',
      gvk,
    });
  }
  if (has('patch')) {
    item.patch = operation(ctx, {
      description: `partially update the specified ${r.kind}`,
      operationId: id('patch'),
      parameters: [...PATCH_PARAMS],
      requestBody: patchBody(),
      responses: responses(def, { '200': 'OK', '201': 'Created' }),
      'x-kubernetes-action': 'patch',
      gvk,
    });
  }
  if (has('delete')) {
    const answer = DELETE_RETURNS_OBJECT.has(`${r.group}/${r.resource}`) ? def : STATUS_DEFINITION;
    item.delete = operation(ctx, {
      description: `delete a ${r.kind}`,
      operationId: id('delete'),
      parameters: [...DELETE_PARAMS],
      requestBody: deleteOptionsBody(),
      responses: responses(answer, { '200': 'OK', '202': 'Accepted' }),
      'x-kubernetes-action': 'delete',
      gvk,
    });
  }
  if (Object.keys(item).length) out[itemPath] = { ...item, parameters: sortedParams([nameParam, ...nsParams, PRETTY]) };

  if (has('list') && listDef && r.namespaced) {
    out[`${ctx.prefix}/${r.resource}`] = {
      get: operation(ctx, {
        description: `list or watch objects of kind ${r.kind}`,
        operationId: `list${ctx.idPart}${r.kind}ForAllNamespaces`,
        responses: responses(listDef, { '200': 'OK' }, true),
        'x-kubernetes-action': 'list',
        gvk,
      }),
      parameters: sortedParams([...LIST_PARAMS, PRETTY]),
    };
  }
  if (has('watch')) Object.assign(out, watchPaths(ctx, r, { gvk, nameParam, nsParams }));
  Object.assign(out, subresourcePaths(ctx, r, { itemPath, nsParams }));
  return out;
}

function watchPaths(
  ctx: GroupVersionContext,
  r: ResourceInfo,
  p: { gvk: GroupVersionKind; nameParam: ParameterObject; nsParams: ParameterObject[] },
): Record<string, PathItemObject> {
  const scope = r.namespaced ? 'Namespaced' : '';
  const base = r.namespaced ? `${ctx.prefix}/watch/namespaces/{namespace}/${r.resource}` : `${ctx.prefix}/watch/${r.resource}`;
  const watchOp = (operationId: string, list: boolean) =>
    operation(ctx, {
      description: list
        ? `watch individual changes to a list of ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead.`
        : `watch changes to an object of kind ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`,
      operationId,
      responses: responses(WATCH_EVENT, { '200': 'OK' }, true),
      'x-kubernetes-action': list ? 'watchlist' : 'watch',
      gvk: p.gvk,
    });
  const out: Record<string, PathItemObject> = {
    [base]: {
      get: watchOp(`watch${ctx.idPart}${scope}${r.kind}List`, true),
      parameters: sortedParams([...LIST_PARAMS, ...p.nsParams, PRETTY]),
    },
    [`${base}/{name}`]: {
      get: watchOp(`watch${ctx.idPart}${scope}${r.kind}`, false),
      parameters: sortedParams([...LIST_PARAMS, p.nameParam, ...p.nsParams, PRETTY]),
    },
  };
  if (r.namespaced) {
    out[`${ctx.prefix}/watch/${r.resource}`] = {
      get: watchOp(`watch${ctx.idPart}${r.kind}ListForAllNamespaces`, true),
      parameters: sortedParams([...LIST_PARAMS, PRETTY]),
    };
  }
  return out;
}
