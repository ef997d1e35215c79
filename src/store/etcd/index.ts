/** store/etcd: the Store contract over a real etcd v3 cluster. */
export { EtcdStore } from './etcd-store.js';
export type { EtcdStoreOptions } from './etcd-store.js';
export { startEtcd, findEtcdBinary, EtcdNotFoundError, EtcdStartError } from './etcd-process.js';
export type { EtcdProcess, StartEtcdOptions } from './etcd-process.js';
