import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import type { PodStatus } from '../../api/index.js';
import { makePod, RecordingStatusSink } from '../testing/index.js';
import { StatusManager } from './status-manager.js';

function status(ready: 'True' | 'False', phase: PodStatus['phase'] = 'Running'): PodStatus {
  return {
    phase,
    conditions: [
      { type: 'Ready', status: ready },
      { type: 'PodScheduled', status: 'True' },
    ],
  };
}

describe('StatusManager', () => {
  it('writes a status once, and again only when it changes', async () => {
    const clock = new FakeClock();
    const sink = new RecordingStatusSink(clock);
    const m = new StatusManager({ sink, clock });
    const pod = makePod();
    m.setPodStatus(pod, status('False'));
    m.setPodStatus(pod, status('False'));
    await m.flush(pod.metadata.uid!);
    m.setPodStatus(pod, status('False'));
    await m.flush(pod.metadata.uid!);
    expect(sink.writes).toHaveLength(1);
    m.setPodStatus(pod, status('True'));
    await m.flush(pod.metadata.uid!);
    expect(sink.writes).toHaveLength(2);
  });

  it('changes lastTransitionTime only on transitions and keeps the scheduler\'s PodScheduled time', async () => {
    const clock = new FakeClock();
    const sink = new RecordingStatusSink(clock);
    const m = new StatusManager({ sink, clock });
    const pod = makePod();
    const uid = pod.metadata.uid!;
    clock.advance(5000);
    m.setPodStatus(pod, status('False'));
    await m.flush(uid);
    clock.advance(5000);
    m.setPodStatus(pod, { ...status('False'), podIP: '10.0.0.1' });
    await m.flush(uid);
    clock.advance(5000);
    m.setPodStatus(pod, status('True'));
    await m.flush(uid);
    const times = sink.writes.map((w) => w.status.conditions!.map((c) => `${c.type}=${c.status}@${c.lastTransitionTime}`));
    expect(times).toEqual([
      ['Ready=False@2026-01-01T00:00:05Z', 'PodScheduled=True@2026-01-01T00:00:00Z'],
      ['Ready=False@2026-01-01T00:00:05Z', 'PodScheduled=True@2026-01-01T00:00:00Z'],
      ['Ready=True@2026-01-01T00:00:15Z', 'PodScheduled=True@2026-01-01T00:00:00Z'],
    ]);
    expect(sink.writes.every((w) => w.status.startTime === '2026-01-01T00:00:05Z')).toBe(true);
  });

  it('retries a failed write after the retry period and rejects flush meanwhile', async () => {
    const clock = new FakeClock();
    const sink = new RecordingStatusSink(clock);
    const errors: unknown[] = [];
    const m = new StatusManager({ sink, clock, retryAfterMs: 10_000, onError: (e) => errors.push(e) });
    const pod = makePod();
    sink.failNext(1);
    m.setPodStatus(pod, status('False'));
    await clock.advanceAsync(0);
    expect(errors).toHaveLength(1);
    expect(sink.writes).toHaveLength(0);
    await clock.advanceAsync(10_000);
    expect(sink.writes).toHaveLength(1);
    sink.failNext(1);
    m.setPodStatus(pod, status('True'));
    await expect(m.flush(pod.metadata.uid!)).rejects.toThrow('injected status write failure');
  });
});
