/** store/etcd/testing: a real etcd for tests (start/stop by PID). */
export { startEtcd, findEtcdBinary, etcdSkipReason, isCi, EtcdNotFoundError, EtcdStartError } from '../etcd-process.js';
export type { EtcdProcess, StartEtcdOptions } from '../etcd-process.js';
