/** Deployment helpers (kubernetes pkg/controller/deployment/util): pure functions over Deployments and ReplicaSets. */
export * from './annotations.js';
export * from './conditions.js';
export * from './hash.js';
export * from './lookup.js';
export * from './replicas.js';
