/** Events (core/v1 and events.k8s.io/v1) and coordination.k8s.io Leases. */
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from '../../machinery/index.js';
import { type Errs, forbidden, immutable, invalid, invalids, isRecord, rec, required, str } from './helpers.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

type Obj = Record<string, unknown>;

/** The internal (core) view both Event APIs validate against. */
interface CoreEventView {
  namespace: string;
  involvedObject: Obj;
  reason: string;
  message: string;
  source: Obj;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  count: unknown;
  type: string;
  eventTime: unknown;
  series: unknown;
  action: string;
  related: unknown;
  reportingController: string;
  reportingInstance: string;
}

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

function coreView(ev: Obj): CoreEventView {
  return {
    namespace: str(rec(ev.metadata).namespace),
    involvedObject: rec(ev.involvedObject),
    reason: str(ev.reason),
    message: str(ev.message),
    source: rec(ev.source),
    firstTimestamp: ev.firstTimestamp,
    lastTimestamp: ev.lastTimestamp,
    count: ev.count,
    type: str(ev.type),
    eventTime: ev.eventTime,
    series: ev.series,
    action: str(ev.action),
    related: ev.related,
    reportingController: str(ev.reportingComponent),
    reportingInstance: str(ev.reportingInstance),
  };
}

/** events.k8s.io/v1 fields mapped onto the core view, as the conversion does. */
function eventsV1View(ev: Obj): CoreEventView {
  return {
    namespace: str(rec(ev.metadata).namespace),
    involvedObject: rec(ev.regarding),
    reason: str(ev.reason),
    message: str(ev.note),
    source: rec(ev.deprecatedSource),
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
    type: str(ev.type),
    eventTime: ev.eventTime,
    series: ev.series,
    action: str(ev.action),
    related: ev.related,
    reportingController: str(ev.reportingController),
    reportingInstance: str(ev.reportingInstance),
  };
}

/** legacyValidateEvent: what every Event must satisfy, whichever API wrote it. */
function legacyEventErrors(e: CoreEventView): Errs {
  const errs: Errs = [];
  const involvedNs = str(e.involvedObject.namespace);
  if (!set(e.eventTime)) {
    if (!involvedNs) {
      if (e.namespace !== '' && e.namespace !== 'default') errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (e.namespace !== involvedNs) {
      errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (!involvedNs && e.namespace !== 'default' && e.namespace !== 'kube-system') {
      errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
    if (!e.reportingController) errs.push(required('reportingController'));
    errs.push(...invalids('reportingController', e.reportingController, isQualifiedName(e.reportingController)));
    if (!e.reportingInstance) errs.push(required('reportingInstance'));
    if (e.reportingInstance.length > 128) errs.push(invalid('reportingInstance', '', 'can have at most 128 characters'));
    if (!e.action) errs.push(required('action'));
    if (e.action.length > 128) errs.push(invalid('action', '', 'can have at most 128 characters'));
    if (!e.reason) errs.push(required('reason'));
    if (e.reason.length > 128) errs.push(invalid('reason', '', 'can have at most 128 characters'));
    if (e.message.length > 1024) errs.push(invalid('message', '', 'can have at most 1024 characters'));
  }
  errs.push(...invalids('namespace', e.namespace, isDNS1123Subdomain(e.namespace)));
  return errs;
}

function seriesErrors(series: unknown): Errs {
  if (!isRecord(series)) return [];
  const errs: Errs = [];
  if (typeof series.count !== 'number' || series.count < 2) errs.push(invalid('series.count', '', 'should be at least 2'));
  if (!set(series.lastObservedTime)) errs.push(required('series.lastObservedTime'));
  return errs;
}

/** core/v1 Events get only the legacy checks (no ObjectMeta validation), for compatibility. */
export const validateCoreEventCreate = (ev: Obj): Errs => legacyEventErrors(coreView(ev));
export const validateCoreEventUpdate = (ev: Obj): Errs => legacyEventErrors(coreView(ev));

/** events.k8s.io/v1: legacy checks plus strict ones. */
export function validateEventsV1Create(ev: Obj): Errs {
  const e = eventsV1View(ev);
  const errs = [...legacyEventErrors(e), ...validateObjectMeta(ev.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true })];
  errs.push(...seriesErrors(e.series));
  if (!set(e.eventTime)) errs.push(required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${e.type}`));
  if (set(e.firstTimestamp)) errs.push(invalid('firstTimestamp', '', 'needs to be unset'));
  if (set(e.lastTimestamp)) errs.push(invalid('lastTimestamp', '', 'needs to be unset'));
  if (typeof e.count === 'number' && e.count !== 0) errs.push(invalid('count', '', 'needs to be unset'));
  if (str(e.source.component) || str(e.source.host)) errs.push(invalid('source', '', 'needs to be unset'));
  return errs;
}

export function validateEventsV1Update(ev: Obj, oldEv: Obj): Errs {
  const e = eventsV1View(ev);
  const o = eventsV1View(oldEv);
  const errs = [...legacyEventErrors(e), ...validateObjectMetaUpdate(ev.metadata, oldEv.metadata, { kubeFinalizers: true })];
  if (JSON.stringify(e.series) !== JSON.stringify(o.series)) errs.push(...seriesErrors(e.series));
  const fields: [keyof CoreEventView, string][] = [
    ['involvedObject', 'involvedObject'],
    ['reason', 'reason'],
    ['message', 'message'],
    ['source', 'source'],
    ['firstTimestamp', 'firstTimestamp'],
    ['lastTimestamp', 'lastTimestamp'],
    ['count', 'count'],
    ['type', 'type'],
    ['eventTime', 'eventTime'],
    ['action', 'action'],
    ['related', 'related'],
    ['reportingController', 'reportingController'],
    ['reportingInstance', 'reportingInstance'],
  ];
  for (const [f, path] of fields) errs.push(...immutable(e[f], o[f], path));
  return errs;
}

const LEASE_META = { namespaced: true, nameFn: nameIsDNSSubdomain };

function leaseSpecErrors(specIn: unknown): Errs {
  const spec = rec(specIn);
  const errs: Errs = [];
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) {
    errs.push(invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (str(spec.preferredHolder) && !str(spec.strategy)) errs.push(forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  return errs;
}

export const validateLeaseCreate = (l: Obj): Errs => [...validateObjectMeta(l.metadata, LEASE_META), ...leaseSpecErrors(l.spec)];
export const validateLeaseUpdate = (l: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(l.metadata, old.metadata), ...leaseSpecErrors(l.spec)];
