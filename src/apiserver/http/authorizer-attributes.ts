/**
 * The authorization attributes of a request (Kubernetes' filters.GetAuthorizerAttributes): for resource requests the
 * verb, namespace, group, resource, subresource and name from the RequestInfo — `connect` to `pods/log` is authorized
 * as `get`, other connects as `create` — and for other paths the verb and the path alone.
 */
import type { AuthorizationAttributes } from '../endpoints/reviews.js';
import type { UserInfo } from '../registry/context.js';
import type { RequestInfo } from './request-info.js';

export function authorizerAttributes(user: UserInfo, ri: RequestInfo): AuthorizationAttributes {
  if (!ri.isResourceRequest) {
    return { user, verb: ri.verb, namespace: '', group: '', resource: '', subresource: '', name: '', path: ri.path, isResourceRequest: false };
  }
  return {
    user,
    verb: ri.verb === 'connect' ? (ri.subresource === 'log' ? 'get' : 'create') : ri.verb,
    namespace: ri.namespace,
    group: ri.group,
    resource: ri.resource,
    subresource: ri.subresource,
    name: ri.name,
    path: ri.path,
    isResourceRequest: true,
  };
}
