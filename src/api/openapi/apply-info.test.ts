import { describe, expect, it } from 'vitest';
import { OpenApiApplySchemas, applySchemaInfo } from './apply-info.js';
import { builtinDefinitions } from './definitions/index.js';
import type { SchemaObject } from './schema.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const POD = { group: '', version: 'v1', kind: 'Pod' };
const podSpec = (...rest: string[]) => ['spec', 'template', 'spec', ...rest];

describe('applySchemaInfo', () => {
  it('reads list-map keys, and the defaults of key fields, through nested lists', () => {
    expect(applySchemaInfo(DEPLOYMENT, podSpec('containers'))).toEqual({ listType: 'map', listMapKeys: ['name'], mapKind: 'struct' });
    expect(applySchemaInfo(DEPLOYMENT, podSpec('containers', 'ports'))).toEqual({
      listType: 'map',
      listMapKeys: ['containerPort', 'protocol'],
      listMapKeyDefaults: { protocol: 'TCP' },
      mapKind: 'struct',
    });
    expect(applySchemaInfo(DEPLOYMENT, podSpec('containers', 'env'))?.listMapKeys).toEqual(['name']);
    expect(applySchemaInfo(DEPLOYMENT, podSpec('topologySpreadConstraints'))?.listMapKeys).toEqual(['topologyKey', 'whenUnsatisfiable']);
  });

  it('reads atomic and set lists', () => {
    expect(applySchemaInfo(POD, ['spec', 'tolerations'])?.listType).toBe('atomic');
    expect(applySchemaInfo(POD, ['spec', 'containers', 'args'])?.listType).toBe('atomic');
    expect(applySchemaInfo(POD, ['metadata', 'finalizers'])?.listType).toBe('set');
    expect(applySchemaInfo(POD, ['metadata', 'ownerReferences'])).toEqual({ listType: 'map', listMapKeys: ['uid'], mapKind: 'struct', mapType: 'atomic' });
  });

  it('tells maps from structs, and atomic ones from granular ones', () => {
    expect(applySchemaInfo(DEPLOYMENT, ['metadata', 'labels'])).toEqual({ mapKind: 'map' });
    expect(applySchemaInfo(DEPLOYMENT, podSpec('containers', 'resources', 'requests'))).toEqual({ mapKind: 'map' });
    expect(applySchemaInfo(DEPLOYMENT, ['spec', 'selector'])).toEqual({ mapKind: 'struct', mapType: 'atomic' });
    expect(applySchemaInfo(DEPLOYMENT, podSpec('nodeSelector'))).toEqual({ mapKind: 'map', mapType: 'atomic' });
    expect(applySchemaInfo(DEPLOYMENT, ['spec'])).toEqual({ mapKind: 'struct' });
    expect(applySchemaInfo(DEPLOYMENT, ['spec', 'replicas'])).toEqual({});
  });

  it('addresses map values by key', () => {
    expect(applySchemaInfo(DEPLOYMENT, ['metadata', 'labels', 'app'])).toEqual({});
    expect(applySchemaInfo(DEPLOYMENT, ['metadata', 'managedFields', 'fieldsV1', 'f:spec'])).toEqual({});
  });

  it('answers undefined for unknown fields and unknown kinds', () => {
    expect(applySchemaInfo(DEPLOYMENT, ['spec', 'nope'])).toBeUndefined();
    expect(applySchemaInfo({ group: 'example.com', version: 'v1', kind: 'Widget' }, ['spec'])).toBeUndefined();
  });

  it('derives the list type from the patch strategy when no list type is declared, like schemaconv', () => {
    const defs: Record<string, SchemaObject> = { ...builtinDefinitions() };
    const spec = defs['io.k8s.api.core.v1.PodSpec']!;
    const plain = (over: SchemaObject): SchemaObject => ({ type: 'array', items: { type: 'string' }, ...over });
    defs['io.k8s.api.core.v1.PodSpec'] = {
      ...spec,
      properties: {
        ...spec.properties,
        keyed: plain({ items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Toleration' }, 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'key' }),
        merged: plain({ 'x-kubernetes-patch-strategy': 'merge' }),
        replaced: plain({}),
      },
    };
    const schemas = new OpenApiApplySchemas({ definitions: defs });
    expect(schemas.typeAt(POD, ['spec', 'keyed'])).toMatchObject({ listType: 'map', listMapKeys: ['key'] });
    expect(schemas.typeAt(POD, ['spec', 'merged'])).toEqual({ listType: 'set' });
    expect(schemas.typeAt(POD, ['spec', 'replaced'])).toEqual({ listType: 'atomic' });
  });
});
