/**
 * client: skiff's client-go. Every component (controllers, scheduler, kubelet, proxy) talks to the API server only
 * through this module: a Transport (HTTP(S), or in-process), the typed RestClient, informers with indexed caches and
 * listers, the rate-limited work queue, the event recorder and leader election.
 */
export { ClientError, isClientError, apiErrorFromResponse, apiErrorFromStatus, isStatusObject, type ClientErrorReason } from './errors.js';
export { readBody, readBodyText, type HttpMethod, type RawWatchEvent, type Transport, type TransportRequest, type TransportResponse } from './transport.js';
export { HttpTransport, type RestConfig } from './http-transport.js';
export { restConfigFromKubeconfig } from './kubeconfig.js';
export { restClientFor, restClientFromKubeconfig, type ConnectOptions } from './connect.js';
export { TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export { apiVersionOfRef, refFromInfo, refs, resourcePath, type PathParts, type ResourceRef } from './resource-ref.js';
export {
  PATCH_CONTENT_TYPES,
  type DeleteCallOptions,
  type DeleteCollectionOptions,
  type FieldValidation,
  type GetOptions,
  type ListOptions,
  type PatchOptions,
  type PatchType,
  type WatchOptions,
  type WriteOptions,
} from './options.js';
export { DEFAULT_BURST, DEFAULT_QPS, RestClient, type RawRequest, type RestClientOptions } from './rest-client.js';
export { ResourceClient } from './resource-client.js';
export { Watch } from './watch.js';
export { LineDecoder, checkWatchEvent, checkWatchEvents, decodeWatchLine, decodeWatchStream, type BookmarkObject, type WatchEvent } from './watch-decoder.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export {
  Indexer,
  NAMESPACE_INDEX,
  NODE_NAME_INDEX,
  OWNER_UID_INDEX,
  namespaceIndexFunc,
  nodeNameIndexFunc,
  ownerUidIndexFunc,
  storeKeyOf,
  type IndexFunc,
  type Indexers,
} from './indexer.js';
export { Lister, NamespaceLister } from './lister.js';
export { Reflector, type ListerWatcher, type ReflectorOptions, type ReflectorPhase, type ReflectorStore } from './reflector.js';
export {
  DeletedFinalStateUnknown,
  SharedInformer,
  deletedObject,
  type EventHandlers,
  type HandlerRegistration,
  type SharedInformerOptions,
} from './informer.js';
export {
  SharedInformerFactory,
  listerWatcherFor,
  type InformerRequest,
  type InformerScope,
  type SharedInformerFactoryOptions,
} from './informer-factory.js';
export {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
  type RateLimiter,
} from './rate-limiters.js';
export { WorkQueue, type GetResult, type ReconcileResult, type WorkQueueOptions } from './workqueue.js';
export { EventRecorder, referenceTo, type EventRecorderOptions, type EventType } from './event-recorder.js';
export { LeaderElector, microTime, type LeaderCallbacks, type LeaderElectorOptions } from './leader-elector.js';
export { isLongRunningRequest, pathWithQuery } from './transport.js';
