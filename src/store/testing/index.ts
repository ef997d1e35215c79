/** store/testing: the shared contract suite every Store backend runs, and its helpers. Test code only. */
export { runStoreContract } from './contract.js';
export type { StoreFixture, StoreContractOptions, ContractContext } from './contract.js';
export { WatchReader, expectStoreError, expectStoreErrorFrom, describeEvents, within, DEFAULT_TIMEOUT_MS } from './helpers.js';
