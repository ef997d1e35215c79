/**
 * OpenAPI v3 documents as kube-apiserver serves them under /openapi/v3/<path>: one per group-version
 * (`api/v1`, `apis/apps/v1`), one per group (`apis/apps`) and the two discovery roots (`api`, `apis`).
 * Every document is self-contained: `components.schemas` holds every definition reachable from its paths.
 */
import type { ResourceRegistry } from '../registry/index.js';
import { groupIdPart, groupVersionContext, operation } from './context.js';
import { responses, type OpenApiDocument, type PathItemObject } from './parameters.js';
import { resourcePaths } from './paths.js';
import { OpenApiError, type DefinitionTable } from './schema.js';
import { DefinitionIndex, reachableDefinitions, refsIn, servedDefinitions } from './served.js';

export interface OpenApiDocumentOptions {
  /** The built-in model to serve (default builtinDefinitions()); list kinds are added for the registry. */
  readonly definitions?: DefinitionTable;
  /** `info.version`; kube-apiserver reports its own version. Default `v1.32.0`. */
  readonly version?: string;
}

export const DEFAULT_INFO_VERSION = 'v1.32.0';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The document paths served for `registry`, sorted: `api`, `api/v1`, `apis`, `apis/<group>`, `apis/<group>/<version>`. */
export function openApiV3Paths(registry: ResourceRegistry): string[] {
  const out = new Set<string>(['api', 'apis']);
  for (const g of registry.groups()) {
    if (!g.name) {
      for (const v of g.versions) out.add(`api/${v}`);
      continue;
    }
    out.add(`apis/${g.name}`);
    for (const v of g.versions) out.add(`apis/${g.name}/${v}`);
  }
  return [...out].sort();
}

function document(paths: Record<string, PathItemObject>, definitions: DefinitionTable, version: string): OpenApiDocument {
  const schemas = reachableDefinitions(definitions, refsIn(paths, new Set()));
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version }, paths, components: { schemas } };
}

/**
 * The document served at `/openapi/v3/<path>` (`path` as listed by openApiV3Paths, no leading slash).
 * Throws OpenApiError('UnknownPath') for a path the registry does not serve.
 */
export function openApiV3Document(registry: ResourceRegistry, path: string, options: OpenApiDocumentOptions = {}): OpenApiDocument {
  const definitions = servedDefinitions(registry, options.definitions);
  return buildDocument(registry, path, { definitions, version: options.version ?? DEFAULT_INFO_VERSION });
}

/** Like openApiV3Document, with definitions already passed through servedDefinitions (for callers that cache them). */
export function buildDocument(
  registry: ResourceRegistry,
  path: string,
  options: { definitions: DefinitionTable; version: string },
): OpenApiDocument {
  const { definitions, version } = options;
  const index = new DefinitionIndex(definitions);
  const parts = path.split('/');
  const unknown = () => new OpenApiError('UnknownPath', `no OpenAPI v3 document at ${JSON.stringify(path)}`);

  if (path === 'api' || path === 'apis') {
    const root = path === 'api';
    const ctx = groupVersionContext('', 'v1', index);
    const tagged = { ...ctx, tag: root ? 'core' : 'apis' };
    const get = operation(tagged, {
      description: 'get available API versions',
      operationId: root ? 'getCoreAPIVersions' : 'getAPIVersions',
      responses: responses(`${META}.${root ? 'APIVersions' : 'APIGroupList'}`, { '200': 'OK' }),
    });
    return document({ [`/${path}/`]: { get } }, definitions, version);
  }

  if (parts[0] === 'apis' && parts.length === 2) {
    const group = registry.group(parts[1]!);
    if (!group || !group.name) throw unknown();
    const g = groupIdPart(group.name);
    const ctx = { ...groupVersionContext(group.name, group.preferredVersion, index), tag: g.charAt(0).toLowerCase() + g.slice(1) };
    const get = operation(ctx, {
      description: 'get information of a group',
      operationId: `get${g}APIGroup`,
      responses: responses(`${META}.APIGroup`, { '200': 'OK' }),
    });
    return document({ [`/apis/${group.name}/`]: { get } }, definitions, version);
  }

  const gv =
    parts[0] === 'api' && parts.length === 2
      ? { group: '', version: parts[1]! }
      : parts[0] === 'apis' && parts.length === 3
        ? { group: parts[1]!, version: parts[2]! }
        : undefined;
  if (!gv || !registry.group(gv.group)?.versions.includes(gv.version)) throw unknown();
  const ctx = groupVersionContext(gv.group, gv.version, index);
  const paths: Record<string, PathItemObject> = {
    [`${ctx.prefix}/`]: {
      get: operation(ctx, {
        description: 'get available resources',
        operationId: `get${ctx.idPart}APIResources`,
        responses: responses(`${META}.APIResourceList`, { '200': 'OK' }),
      }),
    },
  };
  for (const r of registry.resourcesIn(gv.group, gv.version)) Object.assign(paths, resourcePaths(ctx, r));
  return document(paths, definitions, version);
}
