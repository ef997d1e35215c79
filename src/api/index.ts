/** api: resource registry, typed built-in kinds, defaulting, validation, codecs. Pure, no I/O. */
export * from './meta.js';
export * from './registry/index.js';
export * from './types/index.js';
export * from './patch-schema.js';
export * from './validation/index.js';
export * from './defaults/index.js';
export * from './protobuf/index.js';
export * from './table/index.js';
export * from './openapi/index.js';
export * from './openapi-v2/index.js';
export * from './conversion/index.js';
