/**
 * The Swagger 2.0 document kube-apiserver serves at /openapi/v2: one document for everything the registry serves.
 * Paths and operations are the OpenAPI v3 ones (same operation ids, `x-kubernetes-action`,
 * `x-kubernetes-group-version-kind`, parameters) in v2 form; definitions are every served definition.
 */
import type { ResourceRegistry } from '../registry/index.js';
import {
  DEFAULT_INFO_VERSION,
  OpenApiError,
  openApiV3Document,
  openApiV3Paths,
  servedDefinitions,
  type DefinitionTable,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  type RequestBodyObject,
  type SchemaObject,
} from '../openapi/index.js';
import { danglingReferences, swaggerDefinitions, toSwaggerSchema } from './schema.js';
import {
  SWAGGER_METHODS,
  type SwaggerDocument,
  type SwaggerNonBodyParameter,
  type SwaggerOperation,
  type SwaggerParameter,
  type SwaggerPathItem,
  type SwaggerResponse,
} from './types.js';

export interface OpenApiV2Options {
  /** The built-in model to serve (default builtinDefinitions()); list kinds are added for the registry. */
  readonly definitions?: DefinitionTable;
  /** `info.version`; kube-apiserver reports its own version. Default DEFAULT_INFO_VERSION. */
  readonly version?: string;
}

/** The security scheme kube-apiserver declares: a bearer token in the `authorization` header. */
export const BEARER_TOKEN_SECURITY = 'BearerToken';

function toSwaggerParameter(p: ParameterObject): SwaggerNonBodyParameter {
  const out: SwaggerNonBodyParameter = { name: p.name, in: p.in, type: p.schema.type, uniqueItems: p.schema.uniqueItems };
  if (p.description) out.description = p.description;
  if (p.required) out.required = true;
  return out;
}

/** The schema a v3 content map carries (every media type of one body or response carries the same schema). */
function contentSchema(content: Record<string, { schema: SchemaObject }> | undefined): SchemaObject | undefined {
  return content ? Object.values(content)[0]?.schema : undefined;
}

function bodyParameter(body: RequestBodyObject): SwaggerParameter {
  const schema = contentSchema(body.content);
  if (!schema) throw new OpenApiError('InvalidDefinition', 'request body without a schema');
  return { name: 'body', in: 'body', ...(body.required ? { required: true } : {}), schema: toSwaggerSchema(schema) };
}

/**
 * One v3 operation in v2 form: the request body becomes the first parameter (`in: body`), its media types become
 * `consumes` (any media type when there is no body, as kube-apiserver declares), response media types become
 * `produces`, and every operation is served over `https`.
 */
export function toSwaggerOperation(op: OperationObject): SwaggerOperation {
  const parameters: SwaggerParameter[] = [];
  if (op.requestBody) parameters.push(bodyParameter(op.requestBody));
  for (const p of op.parameters ?? []) parameters.push(toSwaggerParameter(p));
  const produces = new Set<string>();
  const responses: Record<string, SwaggerResponse> = {};
  for (const [code, response] of Object.entries(op.responses)) {
    for (const type of Object.keys(response.content ?? {})) produces.add(type);
    const schema = contentSchema(response.content);
    responses[code] = { description: response.description, ...(schema ? { schema: toSwaggerSchema(schema) } : {}) };
  }
  const out: SwaggerOperation = {
    tags: [...op.tags],
    description: op.description,
    operationId: op.operationId,
    consumes: op.requestBody ? Object.keys(op.requestBody.content) : ['*/*'],
    produces: [...produces],
    schemes: ['https'],
    ...(parameters.length ? { parameters } : {}),
    responses,
  };
  if (op['x-kubernetes-action']) out['x-kubernetes-action'] = op['x-kubernetes-action'];
  const gvk = op['x-kubernetes-group-version-kind'];
  if (gvk) out['x-kubernetes-group-version-kind'] = { group: gvk.group, kind: gvk.kind, version: gvk.version };
  return out;
}

export function toSwaggerPathItem(item: PathItemObject): SwaggerPathItem {
  const out: SwaggerPathItem = {};
  for (const method of SWAGGER_METHODS) {
    const op = item[method];
    if (op) out[method] = toSwaggerOperation(op);
  }
  if (item.parameters?.length) out.parameters = item.parameters.map(toSwaggerParameter);
  return out;
}

/**
 * The Swagger 2.0 document for `registry`: the paths of every OpenAPI v3 document it serves (discovery roots,
 * groups, group-versions with all resources and subresources), sorted, and every served definition. Throws
 * OpenApiError('DanglingReference') when a reference has no definition: a document kubectl would reject is never
 * returned.
 */
export function openApiV2Document(registry: ResourceRegistry, options: OpenApiV2Options = {}): SwaggerDocument {
  const version = options.version ?? DEFAULT_INFO_VERSION;
  const base = options.definitions;
  const v3Options = { version, ...(base ? { definitions: base } : {}) };
  const collected: Record<string, SwaggerPathItem> = {};
  for (const path of openApiV3Paths(registry)) {
    for (const [p, item] of Object.entries(openApiV3Document(registry, path, v3Options).paths)) collected[p] = toSwaggerPathItem(item);
  }
  const paths: Record<string, SwaggerPathItem> = {};
  for (const p of Object.keys(collected).sort()) paths[p] = collected[p]!;
  const definitions = swaggerDefinitions(servedDefinitions(registry, base));
  const missing = danglingReferences({ paths, definitions }, definitions);
  if (missing.length) throw new OpenApiError('DanglingReference', `OpenAPI v2 references without a definition: ${missing.join(', ')}`);
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version },
    paths,
    definitions,
    securityDefinitions: {
      [BEARER_TOKEN_SECURITY]: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer Token authentication' },
    },
    security: [{ [BEARER_TOKEN_SECURITY]: [] }],
  };
}
