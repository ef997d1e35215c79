/** Events: core/v1 Event (what kubectl describe reads) and events.k8s.io/v1 Event (what new recorders write). */
import type { KubeObject } from '../meta.js';
import type { ObjectReference, Time } from './common.js';

export interface EventSource {
  component?: string;
  host?: string;
}

export interface CoreEventSeries {
  count?: number;
  lastObservedTime?: Time;
}

/** core/v1 Event. */
export interface Event extends KubeObject {
  apiVersion?: 'v1';
  kind?: 'Event';
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: EventSource;
  firstTimestamp?: Time | null;
  lastTimestamp?: Time | null;
  count?: number;
  type?: 'Normal' | 'Warning' | string;
  eventTime?: Time | null;
  series?: CoreEventSeries;
  action?: string;
  related?: ObjectReference;
  reportingComponent?: string;
  reportingInstance?: string;
}

/** events.k8s.io/v1 Event: the same object with renamed fields (note, regarding, deprecated*). */
export interface EventsV1Event extends KubeObject {
  apiVersion?: 'events.k8s.io/v1';
  kind?: 'Event';
  eventTime: Time | null;
  series?: { count: number; lastObservedTime: Time };
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: ObjectReference;
  related?: ObjectReference;
  note?: string;
  type?: string;
  deprecatedSource?: EventSource;
  deprecatedFirstTimestamp?: Time;
  deprecatedLastTimestamp?: Time;
  deprecatedCount?: number;
}
