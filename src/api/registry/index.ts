/** The resource registry: what skiff serves, as discovery describes it. */
export { ResourceRegistry, RegistryError, type RegistryErrorReason } from './registry.js';
export { builtinRegistry } from './builtin.js';
export {
  ALL_VERBS,
  CREATE_ONLY,
  STATUS_VERBS,
  VERBS_NO_DELETECOLLECTION,
  defineResource,
  scaleSubresource,
  statusOf,
  type ApiGroupInfo,
  type ResourceInfo,
  type ScalePaths,
  type SubresourceInfo,
  type Verb,
} from './types.js';
