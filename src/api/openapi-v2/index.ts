/**
 * OpenAPI v2 (Swagger 2.0) for the built-in types: the single document kube-apiserver serves at /openapi/v2, in JSON
 * and as the gnostic protobuf kubectl up to 1.2x reads for client-side apply (strategic-merge-patch metadata), GVK
 * lookup, validation and explain. Built from the OpenAPI v3 model. Pure: no I/O.
 */
export {
  SWAGGER_METHODS,
  type SwaggerApiKeySecurity,
  type SwaggerBodyParameter,
  type SwaggerDocument,
  type SwaggerMethod,
  type SwaggerNonBodyParameter,
  type SwaggerOperation,
  type SwaggerParameter,
  type SwaggerPathItem,
  type SwaggerResponse,
  type SwaggerSchema,
} from './types.js';
export { DEFINITION_REF_PREFIX, danglingReferences, definitionRef, swaggerDefinitions, toSwaggerSchema } from './schema.js';
export { BEARER_TOKEN_SECURITY, openApiV2Document, toSwaggerOperation, toSwaggerPathItem, type OpenApiV2Options } from './document.js';
export { anyYaml, encodeOpenApiV2Protobuf } from './protobuf.js';
export { OPENAPI_V2_PROTOBUF, OPENAPI_V2_PROTOBUF_DEPRECATED, OpenApiV2, type OpenApiV2Representation } from './service.js';
