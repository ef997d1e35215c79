import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../../api/index.js';
import { makePod } from '../testing/index.js';
import { getPhase } from './phase.js';

const running = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { running: {} } });
const exited = (name: string, exitCode: number): ContainerStatus => ({
  name,
  ready: false,
  restartCount: 0,
  image: 'x',
  imageID: '',
  state: { terminated: { exitCode } },
});
const waiting = (name: string, lastExit?: number): ContainerStatus => ({
  name,
  ready: false,
  restartCount: 0,
  image: 'x',
  imageID: '',
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  ...(lastExit !== undefined ? { lastState: { terminated: { exitCode: lastExit } } } : {}),
});

describe('getPhase', () => {
  it('is Pending while a container waits to start for the first time', () => {
    expect(getPhase(makePod(), [waiting('app')], false)).toBe('Pending');
  });

  it('is Running while any container runs', () => {
    const pod = makePod({ containers: [{ name: 'a' }, { name: 'b' }] });
    expect(getPhase(pod, [running('a'), exited('b', 1)], false)).toBe('Running');
  });

  it('follows restartPolicy once every container stopped', () => {
    const cases = [
      ['Always', 0, 'Running'],
      ['Always', 1, 'Running'],
      ['OnFailure', 0, 'Succeeded'],
      ['OnFailure', 1, 'Running'],
      ['Never', 0, 'Succeeded'],
      ['Never', 1, 'Failed'],
    ] as const;
    for (const [policy, code, phase] of cases) {
      expect({ policy, code, phase: getPhase(makePod({ restartPolicy: policy }), [exited('app', code)], false) }).toEqual({ policy, code, phase });
    }
  });

  it('a crash-looping container (waiting with a last termination) counts as stopped', () => {
    expect(getPhase(makePod(), [waiting('app', 1)], false)).toBe('Running');
  });

  it('a terminal pod is Succeeded only if every container exited 0', () => {
    const pod = makePod({ containers: [{ name: 'a' }, { name: 'b' }] });
    expect(getPhase(pod, [exited('a', 0), exited('b', 0)], true)).toBe('Succeeded');
    expect(getPhase(pod, [exited('a', 0), exited('b', 137)], true)).toBe('Failed');
  });

  it('is Pending while init containers run, Failed when one failed under Never', () => {
    const pod = makePod({ initContainers: [{ name: 'init' }], restartPolicy: 'Never' });
    expect(getPhase(pod, [running('init'), waiting('app')], false)).toBe('Pending');
    expect(getPhase(pod, [exited('init', 2), waiting('app')], false)).toBe('Failed');
  });
});
