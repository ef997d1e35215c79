/** store: the MVCC key-value contract and its backends (memory, sqlite, etcd). */
export * from './types.js';
export * from './errors.js';
export { WatchHub, HubWatch } from './watch-hub.js';
export { MemoryStore } from './memory/index.js';
export { EtcdStore, type EtcdStoreOptions } from './etcd/index.js';
export { SqliteStore } from './sqlite/index.js';
export { SqliteLockedError, isSqliteLocked, type SqliteStoreOptions } from './sqlite/index.js';
export { startEtcd, findEtcdBinary, type EtcdProcess } from './etcd/index.js';
