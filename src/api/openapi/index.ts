/**
 * OpenAPI v3 for the built-in types: the schema model, the documents kube-apiserver serves under /openapi/v3
 * (what `kubectl apply` and `kubectl explain` read), content hashes, unknown-field detection for strict field
 * validation, and the list/map semantics server-side apply needs. Pure: no I/O.
 */
export {
  OpenApiError,
  isOpenApiError,
  qualifiedName,
  refName,
  schemaRef,
  PACKAGE_PREFIXES,
  SCHEMA_REF_PREFIX,
  type DefinitionTable,
  type ListType,
  type MapType,
  type OpenApiErrorReason,
  type SchemaObject,
  type SchemaType,
} from './schema.js';
export { expandTable, expandType, type CompactDefinition, type CompactExtensions, type CompactProperty, type CompactTable } from './compact.js';
export { builtinDefinitions } from './definitions/index.js';
export { DefinitionIndex, reachableDefinitions, servedDefinitions } from './served.js';
export { DEFAULT_INFO_VERSION, openApiV3Document, openApiV3Paths, type OpenApiDocumentOptions } from './document.js';
export {
  OpenApiV3Documents,
  openApiV3Hash,
  openApiV3Index,
  openApiV3Json,
  serverRelativeURL,
  type OpenApiV3Index,
  type ServedDocument,
} from './service.js';
export {
  PATCH_CONTENT_TYPES,
  type KubernetesAction,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  type RequestBodyObject,
  type ResponseObject,
} from './parameters.js';
export {
  MAX_UNKNOWN_FIELDS,
  SchemaUnknownFieldFinder,
  unknownFieldMessage,
  unknownFields,
  type UnknownFieldFinder,
} from './unknown-fields.js';
export { OpenApiApplySchemas, applySchemaInfo, type ApplySchemaInfo } from './apply-info.js';
