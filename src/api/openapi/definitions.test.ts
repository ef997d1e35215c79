import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../registry/index.js';
import { expandTable, expandType } from './compact.js';
import { builtinDefinitions } from './definitions/index.js';
import { isOpenApiError, refName, type SchemaObject } from './schema.js';
import { DefinitionIndex, reachableDefinitions, servedDefinitions } from './served.js';

const defs = builtinDefinitions();
const props = (name: string) => Object.keys(defs[name]?.properties ?? {});

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

function eachSchema(schema: SchemaObject, visit: (s: SchemaObject, path: string) => void, path: string): void {
  visit(schema, path);
  if (schema.items) eachSchema(schema.items, visit, `${path}[]`);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') eachSchema(schema.additionalProperties, visit, `${path}{}`);
  for (const [k, p] of Object.entries(schema.properties ?? {})) eachSchema(p, visit, `${path}.${k}`);
  for (const s of schema.allOf ?? []) eachSchema(s, visit, path);
}

describe('the built-in schema model', () => {
  it('has a GVK-tagged definition for every registered kind, with apiVersion, kind and metadata', () => {
    const index = new DefinitionIndex(defs);
    for (const r of builtinRegistry().all()) {
      const name = index.nameOf({ group: r.group, version: r.version, kind: r.kind });
      expect(name, `${r.group}/${r.kind}`).toBeDefined();
      expect(props(name!)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']));
    }
  });

  it('resolves every reference', () => {
    for (const [name, schema] of Object.entries(defs)) {
      eachSchema(
        schema,
        (s, path) => {
          if (s.$ref) expect(defs[refName(s.$ref) ?? ''], `${path} → ${s.$ref}`).toBeDefined();
        },
        name,
      );
    }
    expect(() => reachableDefinitions(defs, Object.keys(defs))).not.toThrow();
  });

  it('describes every definition and every property', () => {
    for (const [name, schema] of Object.entries(defs)) {
      expect(schema.description, name).toBeTruthy();
      for (const [p, s] of Object.entries(schema.properties ?? {})) expect(s.description, `${name}.${p}`).toBeTruthy();
    }
  });

  it('uses the real field names of the workload and pod types', () => {
    expect(props('io.k8s.api.apps.v1.DeploymentSpec').sort()).toEqual(
      ['minReadySeconds', 'paused', 'progressDeadlineSeconds', 'replicas', 'revisionHistoryLimit', 'selector', 'strategy', 'template'].sort(),
    );
    expect(props('io.k8s.api.core.v1.Container')).toEqual(
      expect.arrayContaining(['name', 'image', 'imagePullPolicy', 'env', 'envFrom', 'ports', 'resources', 'volumeMounts', 'livenessProbe', 'lifecycle', 'securityContext']),
    );
    expect(props('io.k8s.api.core.v1.PodSpec')).toEqual(
      expect.arrayContaining(['containers', 'initContainers', 'volumes', 'affinity', 'tolerations', 'topologySpreadConstraints', 'nodeSelector']),
    );
    expect(props('io.k8s.api.rbac.v1.ClusterRole')).toContain('aggregationRule');
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec']?.required).toEqual(['selector', 'template']);
    expect(defs['io.k8s.api.core.v1.Container']?.required).toEqual(['name']);
  });

  it('carries the Kubernetes markers as vendor extensions', () => {
    const podSpec = defs['io.k8s.api.core.v1.PodSpec']!.properties!;
    expect(podSpec.containers).toMatchObject({
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(podSpec.volumes?.['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(podSpec.nodeSelector?.['x-kubernetes-map-type']).toBe('atomic');
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']?.['x-kubernetes-map-type']).toBe('atomic');
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1']?.['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    expect(defs['io.k8s.api.core.v1.ContainerPort']?.properties?.protocol).toMatchObject({ default: 'TCP', enum: ['SCTP', 'TCP', 'UDP'] });
    // An enum on a list of enum values constrains the items.
    expect(defs['io.k8s.api.core.v1.ServiceSpec']?.properties?.ipFamilies?.items?.enum).toEqual(expect.arrayContaining(['IPv4', 'IPv6']));
  });

  it('adds a list kind per listable resource for a registry, leaving the base untouched', () => {
    const served = servedDefinitions(builtinRegistry());
    expect(served['io.k8s.api.apps.v1.DeploymentList']?.properties?.items?.items?.$ref).toBe('#/components/schemas/io.k8s.api.apps.v1.Deployment');
    expect(served['io.k8s.api.core.v1.PodList']).toBeDefined();
    expect(served['io.k8s.api.authorization.v1.SelfSubjectAccessReviewList']).toBeUndefined(); // create-only
    expect(defs['io.k8s.api.apps.v1.DeploymentList']).toBeUndefined();
  });
});

describe('expandTable', () => {
  it('expands scalars, references, lists and maps', () => {
    expect(expandType('int64')).toEqual({ type: 'integer', format: 'int64' });
    expect(expandType('core.Pod[]')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Pod' } });
    expect(expandType('{resource.Quantity}')).toEqual({
      type: 'object',
      additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' },
    });
  });

  it('wraps described references in allOf and adds apiVersion/kind to kinds', () => {
    const out = expandTable({ 'apps.Thing': { d: 'A thing.', gvk: ['apps', 'v1', 'Thing'], p: { spec: ['apps.ThingSpec', 'The spec.'] } } });
    const thing = out['io.k8s.api.apps.v1.Thing']!;
    expect(Object.keys(thing.properties!)).toEqual(['apiVersion', 'kind', 'spec']);
    expect(thing.properties!.spec).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.ThingSpec' }], description: 'The spec.' });
  });

  it('rejects unknown types and packages, undeclared required fields, and keys on non-map lists', () => {
    const reasons = [
      caught(() => expandTable({ 'apps.X': { d: 'x', p: { a: ['strin', 'a'] } } })),
      caught(() => expandTable({ 'nope.X': { d: 'x' } })),
      caught(() => expandTable({ 'apps.X': { d: 'x', p: { a: ['string', 'a'] }, req: ['b'] } })),
      caught(() => expandTable({ 'apps.X': { d: 'x', p: { a: ['string[]', 'a', { list: 'atomic', keys: ['k'] }] } } })),
    ];
    for (const err of reasons) expect(isOpenApiError(err) && err.reason).toBe('InvalidDefinition');
  });
});
