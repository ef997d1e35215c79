/** Built-in admission plugins and the chain that runs them. */
export { AdmissionChain, type AdmissionPlugin } from './chain.js';
export { namespaceLifecycle, IMMORTAL_NAMESPACES, type NamespaceLookup } from './namespace-lifecycle.js';
export * from './attributes.js';
export * from './listers.js';
export * from './default-tolerations.js';
export * from './service-account.js';
export * from './limit-ranger.js';
export * from './quota-usage.js';
export * from './resource-quota.js';
export * from './webhook/index.js';
