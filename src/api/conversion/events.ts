/**
 * core/v1 Event ⇄ events.k8s.io/v1 Event. Kubernetes keeps one storage for both APIs (core shape) and converts on
 * the way in and out (pkg/apis/events/v1 conversion): the same fields under other names. Everything else — metadata
 * with its managedFields, eventTime, series, action, reason, related, reportingInstance, type — is carried as is.
 * Both directions return a new top-level object and share nested values with their input; key order is kept.
 */
import type { KubeObject } from '../meta.js';

/** events.k8s.io/v1 name → core/v1 name. */
const V1_TO_CORE: ReadonlyMap<string, string> = new Map([
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
  ['reportingController', 'reportingComponent'],
]);
const CORE_TO_V1: ReadonlyMap<string, string> = new Map([...V1_TO_CORE].map(([v1, core]) => [core, v1]));

function renamed(obj: KubeObject, names: ReadonlyMap<string, string>, apiVersion: string): KubeObject {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    if (k === 'apiVersion') out.apiVersion = apiVersion;
    else out[names.get(k) ?? k] = obj[k];
  }
  out.apiVersion = apiVersion;
  return out as KubeObject;
}

/** An events.k8s.io/v1 Event as the core/v1 Event it is stored as. */
export function eventsV1ToCore(obj: KubeObject): KubeObject {
  return renamed(obj, V1_TO_CORE, 'v1');
}

/** A stored (core/v1) Event as events.k8s.io/v1 shows it. */
export function coreToEventsV1(obj: KubeObject): KubeObject {
  return renamed(obj, CORE_TO_V1, 'events.k8s.io/v1');
}

/** The events.k8s.io/v1 name of a core/v1 Event field (for field selectors), or the name itself. */
export function eventsV1FieldName(coreField: string): string {
  const dot = coreField.indexOf('.');
  const head = dot < 0 ? coreField : coreField.slice(0, dot);
  const v1 = CORE_TO_V1.get(head);
  return v1 ? v1 + coreField.slice(head.length) : coreField;
}
