/** endpointslice: the EndpointSlice controller (discovery.k8s.io/v1 slices per Service). */
export {
  EndpointSliceReconciler,
  EndpointSliceSyncError,
  SERVICE_INDEX,
  endpointSliceController,
  serviceIndexFunc,
  type EndpointSliceControllerOptions,
  type EndpointSliceReconcilerDeps,
} from './controller.js';
export { DEFAULT_MAX_ENDPOINTS_PER_SLICE, computeSlices, type ComputeSlicesOptions, type SlicePlan } from './compute.js';
export {
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  addressTypesForService,
  endpointHash,
  endpointSliceLabels,
  getEndpointPorts,
  managedByController,
  newEndpointSlice,
  ownedBy,
  podToEndpoint,
  portMapKey,
  type AddressType,
} from './slice-util.js';
export { SliceTracker } from './tracker.js';
