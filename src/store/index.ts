/** store: the MVCC key-value contract and its backends (memory, sqlite, etcd). */
export * from './types.js';
export * from './errors.js';
export { WatchHub, HubWatch } from './watch-hub.js';
export { MemoryStore } from './memory/index.js';
