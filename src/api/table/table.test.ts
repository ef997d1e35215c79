import { describe, expect, it } from 'vitest';
import { isBadRequest } from '../../machinery/index.js';
import type { Obj } from './format.js';
import { hasTablePrinter, tableColumnsFor, tableRow, toTable } from './table.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const created = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

const deployment: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', uid: 'u-1', resourceVersion: '140', labels: { app: 'nginx' }, creationTimestamp: created(5 * DAY) },
  spec: { replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
  status: { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
};

describe('toTable', () => {
  it('builds the Table kubectl expects, with PartialObjectMetadata rows by default', () => {
    const table = toTable('apps', 'deployments', [deployment], { now: NOW, resourceVersion: '141' });
    expect(table).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '141' },
      columnDefinitions: tableColumnsFor('apps', 'deployments'),
      rows: [
        {
          cells: ['nginx', '2/2', 2, 2, '5d', 'nginx', 'nginx:1.25', 'app=nginx'],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: deployment.metadata },
        },
      ],
    });
    expect(table.columnDefinitions.every((c) => typeof c.format === 'string' && typeof c.priority === 'number')).toBe(true);
  });

  it('honours includeObject=Object and includeObject=None', () => {
    expect(toTable('apps', 'deployments', [deployment], { now: NOW, includeObject: 'Object' }).rows[0]!.object).toBe(deployment);
    expect(toTable('apps', 'deployments', [deployment], { now: NOW, includeObject: 'None' }).rows[0]!.object).toBeNull();
    expect(toTable('apps', 'deployments', [deployment], { now: NOW, includeObject: 'Metadata' }).rows[0]!.object).toMatchObject({
      kind: 'PartialObjectMetadata',
    });
  });

  it('rejects an unknown includeObject with 400 BadRequest', () => {
    let caught: unknown;
    try {
      toTable('apps', 'deployments', [deployment], { now: NOW, includeObject: 'Everything' });
    } catch (err) {
      caught = err;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect((caught as Error).message).toBe('unrecognized includeObject value: "Everything"');
  });

  it('copies list metadata, leaves out headers on request and follows the requested Table version', () => {
    const t = toTable('', 'pods', [], {
      now: NOW,
      resourceVersion: '9',
      continue: 'abc',
      remainingItemCount: 4,
      noHeaders: true,
      tableVersion: 'v1beta1',
    });
    expect(t).toEqual({ kind: 'Table', apiVersion: 'meta.k8s.io/v1beta1', metadata: { resourceVersion: '9', continue: 'abc', remainingItemCount: 4 }, columnDefinitions: [], rows: [] });
  });

  it('keeps row conditions for completed pods', () => {
    const done = { metadata: { name: 'job-x', creationTimestamp: created(DAY) }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Succeeded' } };
    expect(toTable('', 'pods', [done], { now: NOW }).rows[0]!.conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
  });

  it('gives every row a metadata object even when the object has none', () => {
    const row = toTable('', 'configmaps', [{ data: {} }], { now: NOW }).rows[0]!;
    expect(row.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: {} });
    expect(row.cells).toEqual(['', 0, '<unknown>']);
  });
});

describe('the default table', () => {
  it('prints roles, clusterroles and unknown resources as Name / Created At (RFC 3339)', () => {
    expect(hasTablePrinter('rbac.authorization.k8s.io', 'roles')).toBe(false);
    expect(tableColumnsFor('rbac.authorization.k8s.io', 'clusterroles').map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
    const role = { metadata: { name: 'reader', creationTimestamp: '2024-04-30T08:15:00Z' } };
    expect(tableRow('rbac.authorization.k8s.io', 'roles', role, NOW)).toEqual(['reader', '2024-04-30T08:15:00Z']);
    expect(tableRow('example.com', 'widgets', { metadata: { name: 'w' } }, NOW)).toEqual(['w', '0001-01-01T00:00:00Z']);
  });
});

describe('tableColumnsFor and tableRow', () => {
  it('returns a fresh copy of the columns each time', () => {
    const a = tableColumnsFor('', 'pods');
    a[0]!.name = 'changed';
    expect(tableColumnsFor('', 'pods')[0]!.name).toBe('Name');
  });

  it('gives as many cells as columns for every printed resource', () => {
    const resources: [string, string][] = [
      ['', 'pods'],
      ['', 'services'],
      ['', 'endpoints'],
      ['', 'nodes'],
      ['', 'namespaces'],
      ['', 'events'],
      ['', 'configmaps'],
      ['', 'secrets'],
      ['', 'serviceaccounts'],
      ['', 'replicationcontrollers'],
      ['apps', 'deployments'],
      ['apps', 'replicasets'],
      ['apps', 'statefulsets'],
      ['apps', 'daemonsets'],
      ['apps', 'controllerrevisions'],
      ['batch', 'jobs'],
      ['batch', 'cronjobs'],
      ['events.k8s.io', 'events'],
      ['coordination.k8s.io', 'leases'],
      ['discovery.k8s.io', 'endpointslices'],
      ['rbac.authorization.k8s.io', 'rolebindings'],
      ['rbac.authorization.k8s.io', 'clusterrolebindings'],
      ['scheduling.k8s.io', 'priorityclasses'],
      ['policy', 'poddisruptionbudgets'],
      ['rbac.authorization.k8s.io', 'roles'],
    ];
    for (const [g, r] of resources) {
      const cols = tableColumnsFor(g, r);
      expect(tableRow(g, r, { metadata: { name: 'x' } }, NOW), `${g}/${r}`).toHaveLength(cols.length);
      expect(cols[0]!.format === 'name' || cols.some((c) => c.format === 'name'), `${g}/${r}`).toBe(true);
    }
  });
});
