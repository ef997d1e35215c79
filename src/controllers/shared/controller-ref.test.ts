import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/index.js';
import { ApiError, selectorFromSet } from '../../machinery/index.js';
import { adoptPatch, claimObjects, getControllerOf, isControlledBy, recheckDeletionTimestamp, releasePatch } from './controller-ref.js';
import { isControllerError } from './errors.js';

const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns', uid: 'rs-uid' } };
const kind = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };

function pod(name: string, labels: Record<string, string>, controllerUid?: string, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      uid: `${name}-uid`,
      labels,
      ...(controllerUid ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: controllerUid, controller: true }] } : {}),
      ...extra,
    },
  };
}

function claim(pods: Pod[], o: { deleting?: boolean; canAdopt?: () => Promise<void>; fail?: (p: Pod) => unknown } = {}) {
  const patches: Array<{ name: string; patch: Record<string, unknown> }> = [];
  const controller = { ...owner, metadata: { ...owner.metadata, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) } };
  const result = claimObjects<Pod>(pods, {
    controller,
    controllerKind: kind,
    selector: selectorFromSet({ app: 'web' }),
    canAdopt: o.canAdopt ?? (async () => undefined),
    patch: async (p, patch) => {
      const err = o.fail?.(p);
      if (err) throw err;
      patches.push({ name: p.metadata.name!, patch });
    },
  });
  return { result, patches };
}

describe('controller references', () => {
  it('finds the controller reference and compares uids', () => {
    const p = pod('a', {}, 'rs-uid');
    expect(getControllerOf(p)?.uid).toBe('rs-uid');
    expect(isControlledBy(p, owner)).toBe(true);
    expect(isControlledBy(pod('b', {}), owner)).toBe(false);
  });

  it('builds Kubernetes-shaped adopt and release patches carrying the dependent uid', () => {
    expect(adoptPatch(owner, kind, 'dep-uid')).toEqual({
      metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }], uid: 'dep-uid' },
    });
    expect(releasePatch('dep-uid', 'rs-uid')).toEqual({ metadata: { ownerReferences: [{ $patch: 'delete', uid: 'rs-uid' }], uid: 'dep-uid' } });
  });
});

describe('claimObjects', () => {
  it('keeps owned matches, adopts matching orphans, releases owned non-matches, ignores others', async () => {
    const pods = [
      pod('owned', { app: 'web' }, 'rs-uid'),
      pod('orphan', { app: 'web' }),
      pod('stale', { app: 'other' }, 'rs-uid'),
      pod('foreign', { app: 'web' }, 'other-uid'),
      pod('unmatched-orphan', { app: 'other' }),
      pod('deleting-orphan', { app: 'web' }, undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      { ...pod('elsewhere', { app: 'web' }), metadata: { ...pod('elsewhere', { app: 'web' }).metadata, namespace: 'other-ns' } },
    ];
    const { result, patches } = claim(pods);
    const { claimed, errors } = await result;
    expect(claimed.map((p) => p.metadata.name)).toEqual(['owned', 'orphan']);
    expect(errors).toEqual([]);
    expect(patches.map((p) => p.name).sort()).toEqual(['orphan', 'stale']);
    expect(patches.find((p) => p.name === 'stale')?.patch).toEqual(releasePatch('stale-uid', 'rs-uid'));
  });

  it('neither adopts nor releases while the controller is being deleted', async () => {
    const { result, patches } = claim([pod('orphan', { app: 'web' }), pod('stale', { app: 'other' }, 'rs-uid')], { deleting: true });
    expect((await result).claimed).toEqual([]);
    expect(patches).toEqual([]);
  });

  it('checks canAdopt once, and reports refused adoptions as errors', async () => {
    let checks = 0;
    const { result } = claim([pod('a', { app: 'web' }), pod('b', { app: 'web' })], {
      canAdopt: async () => {
        checks++;
        throw new Error('gone');
      },
    });
    const { claimed, errors } = await result;
    expect(checks).toBe(1);
    expect(claimed).toEqual([]);
    expect(errors).toHaveLength(2);
    expect(isControllerError(errors[0], 'AdoptionRefused')).toBe(true);
  });

  it('skips objects that vanished (NotFound) and reports other failures', async () => {
    const gone = new ApiError(404, 'NotFound', 'pods "a" not found');
    const conflict = new ApiError(409, 'Conflict', 'conflict');
    const { result } = claim([pod('a', { app: 'web' }), pod('b', { app: 'web' })], { fail: (p) => (p.metadata.name === 'a' ? gone : conflict) });
    const { claimed, errors } = await result;
    expect(claimed).toEqual([]);
    expect(errors).toEqual([conflict]);
  });

  it('recheckDeletionTimestamp refuses a recreated or deleting owner', async () => {
    await expect(recheckDeletionTimestamp(owner, async () => ({ metadata: { uid: 'new-uid' } }))()).rejects.toThrow(/is gone: got uid new-uid, wanted rs-uid/);
    await expect(recheckDeletionTimestamp(owner, async () => ({ metadata: { uid: 'rs-uid', deletionTimestamp: 'then' } }))()).rejects.toThrow(/has just been deleted at then/);
    await expect(recheckDeletionTimestamp(owner, async () => ({ metadata: { uid: 'rs-uid' } }))()).resolves.toBeUndefined();
  });
});
