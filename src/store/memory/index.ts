/** store/memory: the in-process reference backend (no durability). */
export { MemoryStore } from './memory-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
