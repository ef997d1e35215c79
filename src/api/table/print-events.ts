/**
 * The event printer (kubernetes `printEvent`), for core/v1 Events and events.k8s.io/v1 Events alike (the latter's
 * `regarding`/`note`/`deprecated*` fields are read as their core/v1 equivalents, as the API server's conversion does).
 */
import { ageSince, parseTimestamp } from './duration.js';
import { NAME_COLUMN, column, int, isSet, obj, str, type Obj } from './format.js';
import type { Printer } from './printer.js';

interface EventView {
  name: string;
  type: string;
  reason: string;
  message: string;
  involved: Obj;
  source: Obj;
  reportingController: string;
  reportingInstance: string;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  count: number;
  series: Obj | undefined;
}

function view(ev: Obj): EventView {
  const eventsV1 = isSet(ev.regarding) || isSet(ev.note) || isSet(ev.deprecatedSource) || isSet(ev.reportingController);
  const series = isSet(ev.series) ? obj(ev.series) : undefined;
  if (eventsV1) {
    return {
      name: str(obj(ev.metadata).name),
      type: str(ev.type),
      reason: str(ev.reason),
      message: str(ev.note),
      involved: obj(ev.regarding),
      source: obj(ev.deprecatedSource),
      reportingController: str(ev.reportingController),
      reportingInstance: str(ev.reportingInstance),
      firstTimestamp: ev.deprecatedFirstTimestamp,
      lastTimestamp: ev.deprecatedLastTimestamp,
      eventTime: ev.eventTime,
      count: int(ev.deprecatedCount),
      series,
    };
  }
  return {
    name: str(obj(ev.metadata).name),
    type: str(ev.type),
    reason: str(ev.reason),
    message: str(ev.message),
    involved: obj(ev.involvedObject),
    source: obj(ev.source),
    // core/v1 calls ReportingController `reportingComponent` on the wire.
    reportingController: str(ev.reportingComponent),
    reportingInstance: str(ev.reportingInstance),
    firstTimestamp: ev.firstTimestamp,
    lastTimestamp: ev.lastTimestamp,
    eventTime: ev.eventTime,
    count: int(ev.count),
    series,
  };
}

const isZeroTime = (ts: unknown) => parseTimestamp(ts) === undefined;

/** `component, host`, each falling back to the reporting controller/instance; `component` alone without a host. */
function formatSource(e: EventView): string {
  const component = str(e.source.component) || e.reportingController;
  const instance = str(e.source.host) || e.reportingInstance;
  return instance === '' ? component : `${component}, ${instance}`;
}

export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning).'),
    column('Reason', 'string', 'A short, machine understandable reason for the transition into the current status.'),
    column('Object', 'string', 'The object that this event is about.'),
    column('Subobject', 'string', 'The field of the object this event is about, if any.', { priority: 1 }),
    column('Source', 'string', 'The component reporting this event.', { priority: 1 }),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'string', 'The time at which the event was first recorded.', { priority: 1 }),
    column('Count', 'string', 'The number of times this event has occurred.', { priority: 1 }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row(ev, now) {
    const e = view(ev);
    const firstSeen = isZeroTime(e.firstTimestamp) ? ageSince(e.eventTime, now) : ageSince(e.firstTimestamp, now);
    let lastSeen = isZeroTime(e.lastTimestamp) ? firstSeen : ageSince(e.lastTimestamp, now);
    let count = e.count;
    if (e.series) {
      lastSeen = ageSince(e.series.lastObservedTime, now);
      count = int(e.series.count);
    } else if (count === 0) {
      count = 1; // singleton events of the new API have no count
    }
    const kind = str(e.involved.kind).toLowerCase();
    const name = str(e.involved.name);
    return {
      cells: [
        lastSeen,
        e.type,
        e.reason,
        name ? `${kind}/${name}` : kind,
        str(e.involved.fieldPath),
        formatSource(e),
        e.message.trim(),
        firstSeen,
        count,
        e.name,
      ],
    };
  },
};
