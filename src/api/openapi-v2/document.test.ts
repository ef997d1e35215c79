import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../registry/index.js';
import { builtinDefinitions, isOpenApiError, servedDefinitions, type DefinitionTable } from '../openapi/index.js';
import { danglingReferences } from './schema.js';
import { openApiV2Document } from './document.js';
import type { SwaggerBodyParameter, SwaggerOperation } from './types.js';

const registry = builtinRegistry();
const doc = openApiV2Document(registry);
const DEPLOYMENT = '/apis/apps/v1/namespaces/{namespace}/deployments';

describe('openApiV2Document', () => {
  it('is a Swagger 2.0 document titled Kubernetes with the bearer-token scheme', () => {
    expect(doc.swagger).toBe('2.0');
    expect(doc.info).toEqual({ title: 'Kubernetes', version: 'v1.32.0' });
    expect(doc.security).toEqual([{ BearerToken: [] }]);
    expect(doc.securityDefinitions.BearerToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'authorization' });
    expect(openApiV2Document(registry, { version: 'v1.27.0' }).info.version).toBe('v1.27.0');
  });

  it('carries every served definition, list kinds included, under its Kubernetes name', () => {
    const served = servedDefinitions(registry);
    expect(Object.keys(doc.definitions)).toHaveLength(Object.keys(served).length);
    expect(Object.keys(doc.definitions).length).toBeGreaterThan(250);
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']!['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
    expect(doc.definitions['io.k8s.api.apps.v1.DeploymentList']!.properties!.items!.items!.$ref).toBe(
      '#/definitions/io.k8s.api.apps.v1.Deployment',
    );
  });

  it('lays out a resource like kube-apiserver: operation ids, actions and the GVK on every operation', () => {
    const collection = doc.paths[DEPLOYMENT]!;
    const item = doc.paths[`${DEPLOYMENT}/{name}`]!;
    const ops: [SwaggerOperation | undefined, string, string][] = [
      [collection.get, 'listAppsV1NamespacedDeployment', 'list'],
      [collection.post, 'createAppsV1NamespacedDeployment', 'post'],
      [collection.delete, 'deleteAppsV1CollectionNamespacedDeployment', 'deletecollection'],
      [item.get, 'readAppsV1NamespacedDeployment', 'get'],
      [item.put, 'replaceAppsV1NamespacedDeployment', 'put'],
      [item.patch, 'patchAppsV1NamespacedDeployment', 'patch'],
      [item.delete, 'deleteAppsV1NamespacedDeployment', 'delete'],
      [doc.paths['/apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}']?.get, 'watchAppsV1NamespacedDeployment', 'watch'],
    ];
    for (const [op, operationId, action] of ops) {
      expect(op?.operationId).toBe(operationId);
      expect(op?.['x-kubernetes-action']).toBe(action);
      expect(op?.['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
      expect(op?.schemes).toEqual(['https']);
    }
    expect(item.parameters?.map((p) => p.name)).toEqual(['name', 'namespace', 'pretty']);
    expect(item.get?.responses['200']).toEqual({ description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } });
  });

  it('declares the patch body first, its media types, and the write parameters kubectl looks for', () => {
    const patch = doc.paths[`${DEPLOYMENT}/{name}`]!.patch!;
    const body = patch.parameters![0] as SwaggerBodyParameter;
    expect(body).toEqual({ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
    expect(patch.parameters!.slice(1).map((p) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(patch.parameters![3]).toMatchObject({ in: 'query', type: 'string', uniqueItems: true });
    expect(patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(patch.produces).toEqual(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
    const create = doc.paths[DEPLOYMENT]!.post!;
    expect(create.consumes).toEqual(['*/*']);
    expect(create.parameters![0]).toMatchObject({ in: 'body', schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } });
  });

  it('includes subresources and the discovery paths', () => {
    expect(doc.paths[`${DEPLOYMENT}/{name}/scale`]?.patch?.['x-kubernetes-group-version-kind']).toEqual({
      group: 'autoscaling',
      kind: 'Scale',
      version: 'v1',
    });
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/log']?.get?.responses['200']?.schema).toEqual({ type: 'string' });
    for (const p of ['/api/', '/api/v1/', '/apis/', '/apis/apps/', '/apis/apps/v1/']) expect(doc.paths[p]?.get).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual([...Object.keys(doc.paths)].sort());
  });

  it('refers only to definitions it carries', () => {
    expect(danglingReferences(doc, doc.definitions)).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('#/components/');
  });

  it('refuses a model with a dangling reference', () => {
    const broken: DefinitionTable = { ...builtinDefinitions() };
    delete (broken as Record<string, unknown>)['io.k8s.api.core.v1.Container'];
    let caught: unknown;
    try {
      openApiV2Document(registry, { definitions: broken });
    } catch (err) {
      caught = err;
    }
    expect(isOpenApiError(caught) && caught.reason).toBe('DanglingReference');
  });
});
