import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../meta.js';
import { coreToEventsV1, eventsV1FieldName, eventsV1ToCore } from './events.js';

const v1: KubeObject = {
  kind: 'Event',
  apiVersion: 'events.k8s.io/v1',
  metadata: { name: 'e1', namespace: 'default', managedFields: [{ manager: 'm', apiVersion: 'events.k8s.io/v1' }] },
  eventTime: '2026-11-25T00:00:00.000000Z',
  series: { count: 2, lastObservedTime: '2026-11-25T00:00:01.000000Z' },
  reportingController: 'example.com/ctl',
  reportingInstance: 'ctl-1',
  action: 'Scaling',
  reason: 'Scaled',
  regarding: { kind: 'Deployment', namespace: 'default', name: 'web' },
  related: { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' },
  note: 'scaled to 3',
  type: 'Normal',
  deprecatedSource: { component: 'ctl' },
  deprecatedFirstTimestamp: '2026-11-25T00:00:00Z',
  deprecatedLastTimestamp: '2026-11-25T00:00:01Z',
  deprecatedCount: 2,
};

describe('Event conversion', () => {
  it('maps the renamed fields onto core/v1 and keeps the rest as is', () => {
    const core = eventsV1ToCore(v1);
    expect(core).toEqual({
      kind: 'Event',
      apiVersion: 'v1',
      metadata: v1.metadata,
      eventTime: v1.eventTime,
      series: v1.series,
      reportingComponent: 'example.com/ctl',
      reportingInstance: 'ctl-1',
      action: 'Scaling',
      reason: 'Scaled',
      involvedObject: v1.regarding,
      related: v1.related,
      message: 'scaled to 3',
      type: 'Normal',
      source: { component: 'ctl' },
      firstTimestamp: '2026-11-25T00:00:00Z',
      lastTimestamp: '2026-11-25T00:00:01Z',
      count: 2,
    });
    expect(Object.keys(core)).toEqual([
      'kind', 'apiVersion', 'metadata', 'eventTime', 'series', 'reportingComponent', 'reportingInstance', 'action', 'reason',
      'involvedObject', 'related', 'message', 'type', 'source', 'firstTimestamp', 'lastTimestamp', 'count',
    ]);
  });

  it('round-trips both ways without loss and never changes its input', () => {
    const before = JSON.stringify(v1);
    expect(coreToEventsV1(eventsV1ToCore(v1))).toEqual(v1);
    expect(JSON.stringify(v1)).toBe(before);
    const core = eventsV1ToCore(v1);
    expect(eventsV1ToCore(coreToEventsV1(core))).toEqual(core);
  });

  it('names core field selector fields as events.k8s.io/v1 does', () => {
    expect(eventsV1FieldName('involvedObject.name')).toBe('regarding.name');
    expect(eventsV1FieldName('reportingComponent')).toBe('reportingController');
    expect(eventsV1FieldName('source')).toBe('deprecatedSource');
    expect(eventsV1FieldName('reason')).toBe('reason');
  });
});
