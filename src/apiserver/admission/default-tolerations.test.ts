import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/index.js';
import { defaultTolerationSeconds } from './default-tolerations.js';
import { attrsFor, pod } from './test-fixtures.js';

describe('DefaultTolerationSeconds admission', () => {
  const ns = (key: string) => ({ key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 300 });

  it('adds not-ready and unreachable NoExecute tolerations for 300s', () => {
    const attrs = attrsFor(pod('web'));
    defaultTolerationSeconds().mutate(attrs);
    expect((attrs.object as Pod).spec!.tolerations).toEqual([ns('node.kubernetes.io/not-ready'), ns('node.kubernetes.io/unreachable')]);
  });

  it('keeps tolerations the pod already has, including an empty-key wildcard', () => {
    const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 10 };
    const a = attrsFor(pod('web', { tolerations: [own] }));
    defaultTolerationSeconds().mutate(a);
    expect((a.object as Pod).spec!.tolerations).toEqual([own, ns('node.kubernetes.io/unreachable')]);

    const wildcard = { operator: 'Exists' as const };
    const b = attrsFor(pod('web', { tolerations: [wildcard] }));
    defaultTolerationSeconds().mutate(b);
    expect((b.object as Pod).spec!.tolerations).toEqual([wildcard]);
  });

  it('adds a toleration for another effect next to the defaults', () => {
    const noSchedule = { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoSchedule' as const };
    const a = attrsFor(pod('web', { tolerations: [noSchedule] }));
    defaultTolerationSeconds({ notReadySeconds: 60 }).mutate(a);
    expect((a.object as Pod).spec!.tolerations).toEqual([noSchedule, { ...ns('node.kubernetes.io/not-ready'), tolerationSeconds: 60 }, ns('node.kubernetes.io/unreachable')]);
  });

  it('leaves subresources and other resources alone', () => {
    const status = attrsFor(pod('web'), { operation: 'UPDATE', subresource: 'status' });
    defaultTolerationSeconds().mutate(status);
    expect((status.object as Pod).spec!.tolerations).toBeUndefined();
  });
});
