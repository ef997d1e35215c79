/**
 * desiredEndpoints: the Endpoints object a Service should have, given its computed subsets and the object that
 * exists now — or null when the existing one is already right (so the controller writes only real changes).
 */
import type { EndpointSubset, Endpoints, Service } from '../../api/index.js';
import { deepEqual } from '../../machinery/index.js';
import { isServiceIPSet } from './pod-util.js';
import { MAX_ENDPOINTS_CAPACITY, truncateSubsets } from './subsets.js';
import { LAST_CHANGE_TRIGGER_TIME, formatTriggerTime } from './trigger-time.js';

/** Set (to "") on the Endpoints of a headless Service. */
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';
/** Set to "truncated" when more than MAX_ENDPOINTS_CAPACITY addresses were dropped. */
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

export interface DesiredEndpoints {
  endpoints: Endpoints;
  /** True when no Endpoints object exists yet (POST), false for an update (PUT with resourceVersion). */
  create: boolean;
}

function withoutTargetRefVersions(subsets: readonly EndpointSubset[] | undefined): EndpointSubset[] {
  const strip = (as: EndpointSubset['addresses']) =>
    as?.map((a) => (a.targetRef?.resourceVersion !== undefined ? { ...a, targetRef: { ...a.targetRef, resourceVersion: undefined } } : a));
  return (subsets ?? []).map((s) => ({ ...s, addresses: strip(s.addresses), notReadyAddresses: strip(s.notReadyAddresses) }));
}

function withoutLabel(labels: Readonly<Record<string, string>> | undefined, key: string): Record<string, string> {
  const out = { ...(labels ?? {}) };
  delete out[key];
  return out;
}

function addressCount(subsets: readonly EndpointSubset[]): number {
  return subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
}

/**
 * Equal means: same subsets (ignoring targetRef resourceVersions), labels equal to the Service's (ignoring the
 * headless label), and the over-capacity annotation absent while under capacity.
 */
export function desiredEndpoints(
  service: Readonly<Service>,
  current: Readonly<Endpoints> | undefined,
  options: { subsets: EndpointSubset[]; triggerTime: number | undefined },
): DesiredEndpoints | null {
  const { subsets, triggerTime } = options;
  const create = !current?.metadata.resourceVersion;
  if (current && !create) {
    const sameSubsets = deepEqual(withoutTargetRefVersions(current.subsets), withoutTargetRefVersions(subsets));
    const sameLabels = deepEqual(withoutLabel(current.metadata.labels, HEADLESS_SERVICE_LABEL), { ...(service.metadata.labels ?? {}) });
    const capacityOk = addressCount(subsets) <= MAX_ENDPOINTS_CAPACITY && !(OVER_CAPACITY_ANNOTATION in (current.metadata.annotations ?? {}));
    if (sameSubsets && sameLabels && capacityOk) return null;
  }
  const base: Endpoints = current && !create ? structuredClone(current) as Endpoints : { metadata: { name: service.metadata.name ?? '', namespace: service.metadata.namespace ?? '' } };
  const annotations = { ...(base.metadata.annotations ?? {}) };
  if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(triggerTime);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  const newSubsets = structuredClone(subsets);
  if (truncateSubsets(newSubsets)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  const labels = { ...(service.metadata.labels ?? {}) };
  if (!isServiceIPSet(service)) labels[HEADLESS_SERVICE_LABEL] = '';
  else delete labels[HEADLESS_SERVICE_LABEL];
  const endpoints: Endpoints = {
    ...base,
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { ...base.metadata, labels, annotations },
    subsets: newSubsets,
  };
  if (!Object.keys(annotations).length) delete endpoints.metadata.annotations;
  return { endpoints, create };
}
