import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/index.js';
import { parseLabelSelector } from '../machinery/index.js';
import {
  Indexer,
  NAMESPACE_INDEX,
  NODE_NAME_INDEX,
  OWNER_UID_INDEX,
  namespaceIndexFunc,
  nodeNameIndexFunc,
  ownerUidIndexFunc,
  storeKeyOf,
} from './indexer.js';
import { Lister } from './lister.js';

const pod = (ns: string, name: string, node?: string, owner?: string, labels?: Record<string, string>): Pod => ({
  metadata: { namespace: ns, name, ...(labels ? { labels } : {}), ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner }] } : {}) },
  spec: { containers: [], ...(node ? { nodeName: node } : {}) },
});

function make(): Indexer<Pod> {
  return new Indexer<Pod>({ [NAMESPACE_INDEX]: namespaceIndexFunc, [NODE_NAME_INDEX]: nodeNameIndexFunc, [OWNER_UID_INDEX]: ownerUidIndexFunc });
}

const names = (ps: readonly Readonly<Pod>[]) => ps.map((p) => p.metadata.name).sort();

describe('Indexer', () => {
  it('keys objects by namespace/name, or name when cluster-scoped', () => {
    expect(storeKeyOf(pod('ns', 'a'))).toBe('ns/a');
    expect(storeKeyOf({ metadata: { name: 'node-1' } })).toBe('node-1');
  });

  it('files objects under each index value and answers byIndex', () => {
    const ix = make();
    ix.upsert(pod('a', 'p1', 'n1', 'u1'));
    ix.upsert(pod('a', 'p2', 'n2', 'u1'));
    ix.upsert(pod('b', 'p3'));
    expect(names(ix.byIndex(NAMESPACE_INDEX, 'a'))).toEqual(['p1', 'p2']);
    expect(names(ix.byIndex(NODE_NAME_INDEX, 'n1'))).toEqual(['p1']);
    expect(names(ix.byIndex(NODE_NAME_INDEX, ''))).toEqual(['p3']);
    expect(names(ix.byIndex(OWNER_UID_INDEX, 'u1'))).toEqual(['p1', 'p2']);
    expect(ix.listIndexFuncValues(NODE_NAME_INDEX).sort()).toEqual(['', 'n1', 'n2']);
  });

  it('moves an object between index values on update and drops it on delete', () => {
    const ix = make();
    ix.upsert(pod('a', 'p1'));
    const old = ix.upsert(pod('a', 'p1', 'n1'));
    expect(old?.spec?.nodeName).toBeUndefined();
    expect(ix.byIndex(NODE_NAME_INDEX, '')).toEqual([]);
    expect(names(ix.byIndex(NODE_NAME_INDEX, 'n1'))).toEqual(['p1']);
    expect(ix.deleteKey('a/p1')?.metadata.name).toBe('p1');
    expect(ix.byIndex(NODE_NAME_INDEX, 'n1')).toEqual([]);
    expect(ix.listIndexFuncValues(NODE_NAME_INDEX)).toEqual([]);
    expect(ix.deleteKey('a/p1')).toBeUndefined();
  });

  it('replace rebuilds items and indexes from scratch', () => {
    const ix = make();
    ix.upsert(pod('a', 'old', 'n1'));
    ix.replace([pod('a', 'new', 'n2')]);
    expect(ix.listKeys()).toEqual(['a/new']);
    expect(ix.byIndex(NODE_NAME_INDEX, 'n1')).toEqual([]);
  });

  it('indexes existing items when an indexer is added later, and rejects duplicates and unknown names', () => {
    const ix = new Indexer<Pod>();
    ix.upsert(pod('a', 'p1', 'n1'));
    ix.addIndexers({ [NODE_NAME_INDEX]: nodeNameIndexFunc });
    expect(names(ix.byIndex(NODE_NAME_INDEX, 'n1'))).toEqual(['p1']);
    expect(() => ix.addIndexers({ [NODE_NAME_INDEX]: nodeNameIndexFunc })).toThrow(/already exists/);
    expect(() => ix.byIndex('nope', 'x')).toThrow(/does not exist/);
  });

  it('index() returns objects sharing any index value with the given one', () => {
    const ix = make();
    ix.upsert(pod('a', 'p1', 'n1'));
    ix.upsert(pod('b', 'p2', 'n1'));
    ix.upsert(pod('a', 'p3', 'n2'));
    expect(names(ix.index(NODE_NAME_INDEX, pod('z', 'q', 'n1')))).toEqual(['p1', 'p2']);
  });
});

describe('Lister', () => {
  it('lists by selector, by namespace and gets by key', () => {
    const ix = make();
    ix.upsert(pod('a', 'p1', undefined, undefined, { app: 'web' }));
    ix.upsert(pod('a', 'p2', undefined, undefined, { app: 'db' }));
    ix.upsert(pod('b', 'p3', undefined, undefined, { app: 'web' }));
    const l = new Lister(ix);
    expect(names(l.list(parseLabelSelector('app=web')))).toEqual(['p1', 'p3']);
    expect(names(l.namespace('a').list())).toEqual(['p1', 'p2']);
    expect(names(l.namespace('a').list(parseLabelSelector('app=web')))).toEqual(['p1']);
    expect(l.namespace('b').get('p3')?.metadata.name).toBe('p3');
    expect(l.get({ namespace: 'b', name: 'p1' })).toBeUndefined();
  });

  it('filters by namespace without a namespace index too', () => {
    const ix = new Indexer<Pod>();
    ix.upsert(pod('a', 'p1'));
    ix.upsert(pod('b', 'p2'));
    expect(names(new Lister(ix).namespace('b').list())).toEqual(['p2']);
  });
});
