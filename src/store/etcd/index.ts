/** store/etcd: the Store contract over a real etcd v3 cluster. */
export { EtcdStore } from './etcd-store.js';
export type { EtcdStoreOptions } from './etcd-store.js';
