import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../../api/index.js';
import { makePod } from '../testing/index.js';
import { containersReadyCondition, initializedCondition, podReadyCondition } from './conditions.js';
import { podQOSClass } from './generate.js';

const cs = (name: string, ready: boolean, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  ready,
  restartCount: 0,
  image: 'x',
  imageID: '',
  state: { running: {} },
  ...extra,
});

describe('pod conditions', () => {
  it('lists unready and unknown containers the way Kubernetes formats them', () => {
    const pod = makePod({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    expect(containersReadyCondition(pod, [cs('a', true), cs('b', false)], 'Running')).toEqual({
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unknown status: [c], containers with unready status: [b]',
    });
  });

  it('reports PodCompleted / PodFailed for terminal pods', () => {
    const pod = makePod();
    expect(podReadyCondition(pod, [], [cs('app', false)], 'Succeeded')).toEqual({ type: 'Ready', status: 'False', reason: 'PodCompleted' });
    expect(podReadyCondition(pod, [], [cs('app', false)], 'Failed')).toEqual({ type: 'Ready', status: 'False', reason: 'PodFailed' });
  });

  it('holds Ready on readiness gates', () => {
    const pod = makePod();
    pod.spec!.readinessGates = [{ conditionType: 'example.com/lb' }];
    expect(podReadyCondition(pod, [], [cs('app', true)], 'Running')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.',
    });
    expect(podReadyCondition(pod, [{ type: 'example.com/lb', status: 'True' }], [cs('app', true)], 'Running').status).toBe('True');
  });

  it('is Initialized once every init container succeeded or a regular container started', () => {
    const pod = makePod({ initContainers: [{ name: 'i1' }, { name: 'i2' }] });
    const done = cs('i1', true, { state: { terminated: { exitCode: 0 } } });
    expect(initializedCondition(pod, [done, cs('i2', false)], 'Pending')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [i2]',
    });
    expect(initializedCondition(pod, [done, cs('i2', true)], 'Pending').status).toBe('True');
  });
});

describe('podQOSClass', () => {
  it('classifies BestEffort, Burstable and Guaranteed', () => {
    const pod = makePod();
    expect(podQOSClass(pod)).toBe('BestEffort');
    pod.spec!.containers[0]!.resources = { requests: { cpu: '100m' } };
    expect(podQOSClass(pod)).toBe('Burstable');
    pod.spec!.containers[0]!.resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } };
    expect(podQOSClass(pod)).toBe('Guaranteed');
    pod.spec!.containers[0]!.resources = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    expect(podQOSClass(pod)).toBe('Burstable');
  });
});
