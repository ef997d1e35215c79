/** Built-in admission plugins and the chain that runs them. */
export { AdmissionChain, type AdmissionPlugin } from './chain.js';
export { namespaceLifecycle, IMMORTAL_NAMESPACES, type NamespaceLookup } from './namespace-lifecycle.js';
