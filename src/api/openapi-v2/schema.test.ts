import { describe, expect, it } from 'vitest';
import { builtinDefinitions, isOpenApiError, schemaRef, type SchemaObject } from '../openapi/index.js';
import { danglingReferences, definitionRef, swaggerDefinitions, toSwaggerSchema } from './schema.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

describe('toSwaggerSchema', () => {
  it('turns an allOf-wrapped reference into a plain $ref beside its description and extensions', () => {
    const v3: SchemaObject = {
      allOf: [{ $ref: schemaRef('io.k8s.api.apps.v1.DeploymentStrategy') }],
      description: 'How existing pods are replaced.',
      'x-kubernetes-patch-strategy': 'retainKeys',
    };
    expect(toSwaggerSchema(v3)).toEqual({
      $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentStrategy',
      description: 'How existing pods are replaced.',
      'x-kubernetes-patch-strategy': 'retainKeys',
    });
  });

  it('rewrites references inside items, additionalProperties and properties', () => {
    const v3: SchemaObject = {
      type: 'object',
      properties: {
        list: { type: 'array', items: { $ref: schemaRef('a.B') } },
        map: { type: 'object', additionalProperties: { $ref: schemaRef('a.C') } },
      },
    };
    const out = toSwaggerSchema(v3);
    expect(out.properties?.list?.items?.$ref).toBe(definitionRef('a.B'));
    expect(out.properties?.map?.additionalProperties).toEqual({ $ref: '#/definitions/a.C' });
  });

  it('publishes IntOrString and Quantity as strings, keeping format and extensions', () => {
    const defs = builtinDefinitions();
    expect(toSwaggerSchema(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!)).toMatchObject({
      type: 'string',
      format: 'int-or-string',
      'x-kubernetes-int-or-string': true,
    });
    const quantity = toSwaggerSchema(defs['io.k8s.apimachinery.pkg.api.resource.Quantity']!);
    expect(quantity.type).toBe('string');
    expect(quantity).not.toHaveProperty('oneOf');
  });

  it('keeps list and map semantics of properties', () => {
    const containers = toSwaggerSchema(builtinDefinitions()['io.k8s.api.core.v1.PodSpec']!).properties!.containers!;
    expect(containers).toMatchObject({
      type: 'array',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' },
    });
  });

  it('drops an empty properties object, as kube-openapi never publishes one', () => {
    const patch = toSwaggerSchema(builtinDefinitions()[`${META}.Patch`]!);
    expect(patch.type).toBe('object');
    expect(patch).not.toHaveProperty('properties');
  });

  it('rejects an allOf that is not a single reference', () => {
    const bad: SchemaObject = { allOf: [{ $ref: schemaRef('a.B') }, { $ref: schemaRef('a.C') }] };
    let caught: unknown;
    try {
      toSwaggerSchema(bad);
    } catch (err) {
      caught = err;
    }
    expect(isOpenApiError(caught) && caught.reason).toBe('InvalidDefinition');
  });
});

describe('swaggerDefinitions', () => {
  it('converts every built-in definition, sorted, without allOf or oneOf anywhere', () => {
    const defs = swaggerDefinitions(builtinDefinitions());
    expect(Object.keys(defs)).toEqual(Object.keys(builtinDefinitions()).sort());
    const text = JSON.stringify(defs);
    expect(text).not.toContain('"allOf"');
    expect(text).not.toContain('"oneOf"');
    expect(text).not.toContain('#/components/schemas/');
    expect(danglingReferences(defs, defs)).toEqual([]);
  });
});

describe('danglingReferences', () => {
  it('names references to missing definitions and references outside the definitions', () => {
    const value = { a: { $ref: '#/definitions/x.Present' }, b: [{ $ref: '#/definitions/x.Missing' }], c: { $ref: '#/parameters/p' } };
    expect(danglingReferences(value, { 'x.Present': {} })).toEqual(['#/parameters/p', 'x.Missing']);
  });
});
