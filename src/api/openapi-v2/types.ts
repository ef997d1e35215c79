/**
 * The Swagger 2.0 document kube-apiserver serves at /openapi/v2, the subset skiff produces. Definitions keep their
 * Kubernetes names (`io.k8s.api.apps.v1.Deployment`) and refer to each other with `#/definitions/<name>`.
 */
import type { GroupVersionKind } from '../meta.js';
import type { KubernetesAction, SchemaObject } from '../openapi/index.js';

/**
 * A Swagger 2.0 schema: an OpenAPI v3 schema without `oneOf`/`allOf` (Swagger 2.0 has no `oneOf`, and a reference
 * with siblings is written as a plain `$ref` next to its description and extensions, as kube-apiserver does).
 */
export interface SwaggerSchema extends Omit<SchemaObject, 'oneOf' | 'allOf' | 'items' | 'additionalProperties' | 'properties'> {
  items?: SwaggerSchema;
  additionalProperties?: SwaggerSchema | boolean;
  properties?: Record<string, SwaggerSchema>;
}

/** A query or path parameter; Swagger 2.0 puts the type on the parameter itself. */
export interface SwaggerNonBodyParameter {
  name: string;
  in: 'query' | 'path';
  description?: string;
  required?: boolean;
  type: 'string' | 'boolean' | 'integer';
  uniqueItems?: boolean;
}

/** The request body, as the `body` parameter. */
export interface SwaggerBodyParameter {
  name: 'body';
  in: 'body';
  description?: string;
  required?: boolean;
  schema: SwaggerSchema;
}

export type SwaggerParameter = SwaggerNonBodyParameter | SwaggerBodyParameter;

export interface SwaggerResponse {
  description: string;
  schema?: SwaggerSchema;
}

export interface SwaggerOperation {
  tags: string[];
  description: string;
  operationId: string;
  consumes: string[];
  produces: string[];
  schemes: string[];
  parameters?: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
  'x-kubernetes-action'?: KubernetesAction;
  'x-kubernetes-group-version-kind'?: GroupVersionKind;
}

export const SWAGGER_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type SwaggerMethod = (typeof SWAGGER_METHODS)[number];

export type SwaggerPathItem = { [M in SwaggerMethod]?: SwaggerOperation } & { parameters?: SwaggerParameter[] };

/** An `apiKey` security scheme (kube-apiserver declares its bearer token this way). */
export interface SwaggerApiKeySecurity {
  type: 'apiKey';
  name: string;
  in: 'header' | 'query';
  description?: string;
}

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, SwaggerPathItem>;
  definitions: Record<string, SwaggerSchema>;
  securityDefinitions: Record<string, SwaggerApiKeySecurity>;
  security: Record<string, string[]>[];
}
