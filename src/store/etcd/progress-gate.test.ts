import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import { DEFAULT_SYNC_GRACE_MS, ProgressGate, progressOrderingFor, WATCH_BATCH_MAX_REVS, type ProgressOrdering } from './progress-gate.js';

function setup(ordering: ProgressOrdering) {
  const clock = new FakeClock();
  const sent: number[] = [];
  const delivered: number[] = [];
  const gate = new ProgressGate({
    clock,
    sendRequest: () => sent.push(clock.now()),
    deliver: (rev) => delivered.push(rev),
  });
  gate.setOrdering(ordering);
  return { clock, gate, sent, delivered };
}

describe('progressOrderingFor', () => {
  it('trusts only etcd versions with the progress-notification fixes', () => {
    expect(progressOrderingFor('3.4.23')).toBe('racy');
    expect(progressOrderingFor('3.4.30')).toBe('racy');
    expect(progressOrderingFor('3.4.31')).toBe('ordered');
    expect(progressOrderingFor('3.5.12')).toBe('racy');
    expect(progressOrderingFor('3.5.13')).toBe('ordered');
    expect(progressOrderingFor('3.6.0')).toBe('ordered');
    expect(progressOrderingFor('3.3.27')).toBe('racy');
    expect(progressOrderingFor('garbage')).toBe('racy');
  });
});

describe('ProgressGate', () => {
  it('sends nothing until the watch is created', () => {
    const { gate, sent } = setup('ordered');
    gate.request();
    expect(sent).toHaveLength(0);
    gate.onCreated(10, 0);
    expect(sent).toHaveLength(1);
  });

  it('waits for the server ordering to be known before sending', () => {
    const clock = new FakeClock();
    const sent: number[] = [];
    const gate = new ProgressGate({ clock, sendRequest: () => sent.push(1), deliver: () => undefined });
    gate.onCreated(10, 0);
    gate.request();
    expect(sent).toHaveLength(0);
    gate.setOrdering('racy');
    expect(sent).toHaveLength(1);
  });

  it('on an ordered server reports the answer directly', () => {
    const { gate, sent, delivered } = setup('ordered');
    gate.onCreated(10, 0);
    gate.request();
    gate.onRequestedProgress(12);
    expect(sent).toHaveLength(1);
    expect(delivered).toEqual([12]);
  });

  it('on a racy server confirms a synced answer with a second round trip', () => {
    const { gate, sent, delivered } = setup('racy');
    gate.onCreated(10, 0);
    gate.request();
    gate.onRequestedProgress(12);
    expect(delivered).toEqual([]);
    expect(sent).toHaveLength(2);
    gate.onRequestedProgress(13);
    expect(delivered).toEqual([12]);
  });

  it('on a racy server does not trust answers while history is being replayed', () => {
    const { clock, gate, sent, delivered } = setup('racy');
    gate.onCreated(50, 5);
    gate.request();
    gate.onRequestedProgress(50);
    expect(delivered).toEqual([]);
    expect(sent).toHaveLength(1);
    clock.advance(DEFAULT_SYNC_GRACE_MS - 1);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toHaveLength(2);
    gate.onRequestedProgress(50);
    gate.onRequestedProgress(50);
    expect(delivered).toEqual([50]);
  });

  it('treats a replaying watcher as synced once an event response shows it caught up', () => {
    const { gate, delivered } = setup('racy');
    gate.onCreated(50, 5);
    gate.onEvents(50, 40, 3);
    gate.request();
    gate.onRequestedProgress(50);
    gate.onRequestedProgress(51);
    expect(delivered).toEqual([50]);
  });

  it('a full sync batch proves only its last event and keeps the watcher behind', () => {
    const { clock, gate, sent, delivered } = setup('racy');
    gate.onCreated(5000, 5);
    clock.advance(DEFAULT_SYNC_GRACE_MS);
    gate.onEvents(5000, 1004, WATCH_BATCH_MAX_REVS);
    gate.request();
    gate.onRequestedProgress(5000);
    expect(sent).toHaveLength(1);
    expect(delivered).toEqual([]);
  });

  it('never reports progress below the last event delivered', () => {
    const { gate, delivered } = setup('ordered');
    gate.onCreated(10, 0);
    gate.onEvents(20, 20, 1);
    gate.request();
    gate.onRequestedProgress(15);
    expect(delivered).toEqual([20]);
  });

  it('passes server-initiated progress through and satisfies a pending request with it', () => {
    const { gate, delivered } = setup('racy');
    gate.onCreated(10, 0);
    gate.request();
    gate.onServerProgress(30);
    gate.onRequestedProgress(31);
    expect(delivered).toEqual([30]);
  });

  it('keeps one request in flight however often progress is requested', () => {
    const { gate, sent } = setup('ordered');
    gate.onCreated(10, 0);
    gate.request();
    gate.request();
    gate.request();
    expect(sent).toHaveLength(1);
  });

  it('stops retrying once stopped', () => {
    const { clock, gate, sent } = setup('racy');
    gate.onCreated(50, 5);
    gate.request();
    gate.onRequestedProgress(50);
    gate.stop();
    clock.advance(DEFAULT_SYNC_GRACE_MS * 2);
    expect(sent).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
