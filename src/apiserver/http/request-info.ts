/**
 * Parses a request path into what Kubernetes' RequestInfoFactory calls RequestInfo: whether it is a resource request,
 * and if so its verb, API group/version, namespace, resource, name and subresource.
 *
 *   /api/v1/namespaces/{ns}/pods/{name}/status
 *   /apis/apps/v1/namespaces/{ns}/deployments
 *   /api/v1/nodes/{name}
 *   /api/v1/namespaces/{name}            (the namespace object itself)
 *   /api/v1/namespaces/{name}/status     (its subresource)
 * Anything else (/version, /healthz, /openapi/v3, /api, /apis/apps) is a non-resource request.
 */

export type Verb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'connect';

export interface ResourceRequestInfo {
  isResourceRequest: true;
  verb: Verb;
  path: string;
  apiPrefix: 'api' | 'apis';
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** Path segments after the subresource (e.g. proxy paths); rarely used. */
  parts: string[];
}

export interface NonResourceRequestInfo {
  isResourceRequest: false;
  verb: string;
  path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

const methodVerb: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const nonResource = (): NonResourceRequestInfo => ({
    isResourceRequest: false,
    verb: (methodVerb[method] ?? method.toLowerCase()),
    path,
  });
  const segs = path.split('/').filter((s) => s !== '');
  const prefix = segs[0];
  if (prefix !== 'api' && prefix !== 'apis') return nonResource();
  let i = 1;
  let group = '';
  if (prefix === 'apis') {
    if (segs.length < 3) return nonResource(); // /apis, /apis/apps
    group = segs[i++]!;
  } else if (segs.length < 2) {
    return nonResource(); // /api
  }
  const version = segs[i++]!;
  let rest = segs.slice(i).map(decodeURIComponent);
  if (rest.length === 0) return nonResource(); // /api/v1, /apis/apps/v1 (resource lists)

  let verb = methodVerb[method] ?? method.toLowerCase();
  // Deprecated /watch/ prefix paths.
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  // As Kubernetes does: for /namespaces/{name}[/status|/finalize] the namespace is the object's own name (RBAC
  // relies on it); for /namespaces/{ns}/{resource}/... the resource path follows.
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1]!;
    if (rest.length > 2 && !isNamespaceSubresource(rest[2]!)) rest = rest.slice(2);
  }
  const resource = rest[0] ?? '';
  const name = rest[1] ?? '';
  const subresource = rest[2] ?? '';
  const parts = rest.slice(3);

  if (verb === 'get' || verb === 'delete') {
    if (!name) verb = verb === 'get' ? 'list' : 'deletecollection';
  }
  if (verb === 'list' || verb === 'get') {
    const w = query.get('watch');
    if (w === 'true' || w === '1') verb = 'watch';
  }
  if (subresource === 'exec' || subresource === 'attach' || subresource === 'portforward' || subresource === 'proxy') {
    if (method === 'GET' || method === 'POST') verb = 'connect';
  }
  // pods/log is a plain GET of a subresource.
  return {
    isResourceRequest: true,
    verb: verb as Verb,
    path,
    apiPrefix: prefix,
    group,
    version,
    namespace,
    resource,
    subresource,
    name,
    parts,
  };
}

/** `namespaces/{name}/{x}`: x is a subresource of the namespace (status, finalize), not a resource in it. */
function isNamespaceSubresource(seg: string): boolean {
  return seg === 'status' || seg === 'finalize';
}
