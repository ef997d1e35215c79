/**
 * endpoints: the endpoints controller (seed step 16) and the pod/Service helpers the endpointslice controller shares.
 */
export { EndpointsReconciler, LEADER_ELECTION_ANNOTATION, endpointsController, isNamespaceTerminating, type EndpointsControllerOptions, type EndpointsReconcilerDeps } from './controller.js';
export { HEADLESS_SERVICE_LABEL, OVER_CAPACITY_ANNOTATION, desiredEndpoints, type DesiredEndpoints } from './desired.js';
export { canonicalJson, hashOf } from './hash.js';
export { podEndpointsChanged, servicesForPod, servicesToUpdateOnPodChange } from './memberships.js';
export {
  findPort,
  isIPv6,
  isPodReady,
  isPodTerminal,
  isServiceIPSet,
  podIPs,
  selectorMatches,
  serviceSelector,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './pod-util.js';
export { quietConflicts, runUntilAborted } from './run.js';
export { MAX_ENDPOINTS_CAPACITY, compareEndpointAddress, computeSubsets, podToEndpointAddress, repackSubsets, sortSubsets, truncateSubsets } from './subsets.js';
export { LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker, formatTriggerTime } from './trigger-time.js';
