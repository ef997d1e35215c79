/** Typed views of the built-in kinds skiff serves. Every top-level kind extends KubeObject from ../meta.js. */
export type * from './common.js';
export type * from './core-container.js';
export type * from './core-volume.js';
export type * from './core-scheduling.js';
export type * from './core-pod.js';
export type * from './core-service.js';
export type * from './core-cluster.js';
export type * from './core-config.js';
export type * from './events.js';
export type * from './apps.js';
export type * from './small-groups.js';
export type * from './access.js';
