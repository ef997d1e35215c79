import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../../api/index.js';
import { newControllerRef } from './controller-ref.js';
import { podFromTemplate, podNamePrefix } from './pod-template.js';
import { copyTraceContext } from './trace-context.js';

const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'ns', uid: 'u1', annotations: { 'skiff.dev/trace-context': 'tc' } } };

describe('podFromTemplate', () => {
  it('copies labels, annotations, finalizers and spec, and adds the controller reference and trace context', () => {
    const template: PodTemplateSpec = {
      metadata: { labels: { app: 'web' }, annotations: { a: '1' }, finalizers: ['f'], name: 'ignored' },
      spec: { containers: [{ name: 'c', image: 'img' }] },
    };
    const pod = podFromTemplate(template, owner, newControllerRef(owner, { apiVersion: 'apps/v1', kind: 'ReplicaSet' }));
    expect(pod).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-abc-',
        namespace: 'ns',
        labels: { app: 'web' },
        annotations: { a: '1', 'skiff.dev/trace-context': 'tc' },
        finalizers: ['f'],
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [{ name: 'c', image: 'img' }] },
    });
    pod.metadata.labels!.app = 'changed';
    pod.spec!.containers[0]!.image = 'changed';
    expect(template.metadata!.labels!.app).toBe('web');
    expect(template.spec!.containers[0]!.image).toBe('img');
  });

  it('uses the bare name as prefix when `<name>-` is not a valid generateName', () => {
    expect(podNamePrefix('web')).toBe('web-');
    expect(podNamePrefix('Web')).toBe('Web');
  });
});

describe('copyTraceContext', () => {
  it('copies the annotation only when the owner has it, reporting whether the child changed', () => {
    const child = { annotations: { x: 'y' } };
    expect(copyTraceContext(owner, child)).toBe(true);
    expect(child.annotations).toEqual({ x: 'y', 'skiff.dev/trace-context': 'tc' });
    expect(copyTraceContext(owner, child)).toBe(false);
    const bare = {};
    expect(copyTraceContext({ metadata: {} }, bare)).toBe(false);
    expect(bare).toEqual({});
  });
});
