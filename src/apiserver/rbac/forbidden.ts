/**
 * The 403 an API server sends when authorization says no (k8s.io/apiserver endpoints/handlers/responsewriters
 * Forbidden + apimachinery errors.NewForbidden):
 *   pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"
 *   pods "p1" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"
 *   nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope
 *   forbidden: User "jane" cannot get path "/metrics"
 * followed by `: <reason>` when the authorizers gave one. `&`, `<`, `>` in the message are HTML-escaped, as Kubernetes
 * does. Details carry group, kind (the resource) and name, empty ones left out.
 */
import { ApiError, type StatusDetails } from '../../machinery/index.js';
import type { AuthorizationAttributes } from '../endpoints/reviews.js';
import { goQuote } from './covers.js';

const sanitize = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** forbiddenMessage: what the user may not do, without the reason. */
export function forbiddenMessage(attrs: AuthorizationAttributes): string {
  const user = goQuote(attrs.user?.username ?? '');
  if (!attrs.isResourceRequest) return `User ${user} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `User ${user} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.group)}`;
  return attrs.namespace ? `${what} in the namespace ${goQuote(attrs.namespace)}` : `${what} at the cluster scope`;
}

/** The Forbidden ApiError for a denied request; `reason` is the authorizer's (may be ''). */
export function forbiddenError(attrs: AuthorizationAttributes, reason: string): ApiError {
  const msg = sanitize(forbiddenMessage(attrs));
  const why = reason ? `${msg}: ${reason}` : msg;
  const group = attrs.isResourceRequest ? attrs.group : '';
  const resource = attrs.isResourceRequest ? attrs.resource : '';
  const name = attrs.isResourceRequest ? attrs.name : '';
  const details: StatusDetails = {};
  if (name) details.name = name;
  if (group) details.group = group;
  if (resource) details.kind = resource;
  let message: string;
  if (!group && !resource) message = `forbidden: ${why}`;
  else {
    const qualified = group ? `${resource}.${group}` : resource;
    message = name ? `${qualified} ${goQuote(name)} is forbidden: ${why}` : `${qualified} is forbidden: ${why}`;
  }
  return new ApiError(403, 'Forbidden', message, details);
}
