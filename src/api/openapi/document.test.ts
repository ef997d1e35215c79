import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../registry/index.js';
import { openApiV3Document, openApiV3Paths } from './document.js';
import type { OpenApiDocument, OperationObject, PathItemObject } from './parameters.js';
import { isOpenApiError, refName, type SchemaObject } from './schema.js';

const registry = builtinRegistry();
const apps = openApiV3Document(registry, 'apis/apps/v1');
const core = openApiV3Document(registry, 'api/v1');
const DEPLOYMENT = '/apis/apps/v1/namespaces/{namespace}/deployments/{name}';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

function operations(doc: OpenApiDocument): [string, string, OperationObject][] {
  return Object.entries(doc.paths).flatMap(([path, item]: [string, PathItemObject]) =>
    METHODS.filter((m) => item[m]).map((m) => [path, m, item[m]!] as [string, string, OperationObject]),
  );
}

function allRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => allRefs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref') out.push(v as string);
      else allRefs(v, out);
    }
  }
  return out;
}

describe('openApiV3Paths', () => {
  it('lists the discovery roots, every group and every group-version, sorted', () => {
    const paths = openApiV3Paths(registry);
    expect(paths).toEqual([...paths].sort());
    for (const p of ['api', 'api/v1', 'apis', 'apis/apps', 'apis/apps/v1', 'apis/rbac.authorization.k8s.io/v1', 'apis/events.k8s.io/v1']) {
      expect(paths).toContain(p);
    }
    expect(paths).not.toContain('apis/');
  });
});

describe('group-version documents', () => {
  it('is an OpenAPI 3.0.0 document titled Kubernetes', () => {
    expect(apps.openapi).toBe('3.0.0');
    expect(apps.info).toEqual({ title: 'Kubernetes', version: 'v1.32.0' });
    expect(openApiV3Document(registry, 'apis/apps/v1', { version: 'v1.32.5' }).info.version).toBe('v1.32.5');
  });

  it('has the Deployment patch operation kubectl apply checks: GVK extension and an inline fieldValidation parameter', () => {
    const patch = apps.paths[DEPLOYMENT]?.patch;
    expect(patch?.['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch?.['x-kubernetes-action']).toBe('patch');
    expect(patch?.operationId).toBe('patchAppsV1NamespacedDeployment');
    expect(patch?.parameters?.map((p) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(Object.keys(patch?.requestBody?.content ?? {}).sort()).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
  });

  it('gives every patch operation of every document a GVK and fieldValidation (kubectl may pick any of them)', () => {
    for (const path of openApiV3Paths(registry)) {
      const doc = openApiV3Document(registry, path);
      for (const [p, method, op] of operations(doc)) {
        if (method !== 'patch') continue;
        expect(op['x-kubernetes-group-version-kind'], p).toBeDefined();
        expect(op.parameters?.some((x) => x.name === 'fieldValidation' && x.in === 'query'), p).toBe(true);
      }
    }
  });

  it('lays out object, collection, all-namespaces, watch, status and scale paths with their actions', () => {
    const actions = (path: string) =>
      Object.fromEntries(METHODS.filter((m) => apps.paths[path]?.[m]).map((m) => [m, apps.paths[path]![m]!['x-kubernetes-action']]));
    expect(actions(DEPLOYMENT)).toEqual({ get: 'get', put: 'put', patch: 'patch', delete: 'delete' });
    expect(actions('/apis/apps/v1/namespaces/{namespace}/deployments')).toEqual({ get: 'list', post: 'post', delete: 'deletecollection' });
    expect(actions('/apis/apps/v1/deployments')).toEqual({ get: 'list' });
    expect(actions('/apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}')).toEqual({ get: 'watch' });
    expect(actions('/apis/apps/v1/watch/namespaces/{namespace}/deployments')).toEqual({ get: 'watchlist' });
    expect(actions(`${DEPLOYMENT}/status`)).toEqual({ get: 'get', put: 'put', patch: 'patch' });
    expect(actions(`${DEPLOYMENT}/scale`)).toEqual({ get: 'get', put: 'put', patch: 'patch' });
    expect(apps.paths[`${DEPLOYMENT}/status`]?.patch?.['x-kubernetes-group-version-kind']?.kind).toBe('Deployment');
    expect(apps.paths[`${DEPLOYMENT}/scale`]?.patch?.['x-kubernetes-group-version-kind']).toEqual({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
    expect(apps.paths['/apis/apps/v1/namespaces/{namespace}/daemonsets/{name}/scale']).toBeUndefined();
    expect(apps.paths[DEPLOYMENT]?.parameters?.map((p) => [p.name, p.in])).toEqual([
      ['name', 'path'],
      ['namespace', 'path'],
      ['pretty', 'query'],
    ]);
  });

  it('names bodies and responses after the kind, the list kind, Status and WatchEvent', () => {
    const ref = (s: SchemaObject | undefined) => s?.$ref;
    const collection = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments']!;
    expect(ref(collection.get?.responses['200']?.content?.['application/json']?.schema)).toBe('#/components/schemas/io.k8s.api.apps.v1.DeploymentList');
    expect(collection.get?.responses['200']?.content?.['application/json;stream=watch']).toBeDefined();
    expect(ref(collection.post?.requestBody?.content['*/*']?.schema)).toBe('#/components/schemas/io.k8s.api.apps.v1.Deployment');
    expect(Object.keys(collection.post?.responses ?? {})).toEqual(['200', '201', '202', '401']);
    expect(ref(collection.delete?.responses['200']?.content?.['application/json']?.schema)).toBe(
      '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status',
    );
    expect(ref(apps.paths['/apis/apps/v1/watch/namespaces/{namespace}/deployments']?.get?.responses['200']?.content?.['application/json']?.schema)).toBe(
      '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
    );
    // Pods answer DELETE with the pod itself (graceful deletion).
    const podDelete = core.paths['/api/v1/namespaces/{namespace}/pods/{name}']?.delete;
    expect(ref(podDelete?.responses['200']?.content?.['application/json']?.schema)).toBe('#/components/schemas/io.k8s.api.core.v1.Pod');
  });

  it('serves every registered resource of the group-version', () => {
    for (const g of registry.groups()) {
      for (const v of g.versions) {
        const doc = openApiV3Document(registry, g.name ? `apis/${g.name}/${v}` : `api/${v}`);
        for (const r of registry.resourcesIn(g.name, v)) {
          const gvks = operations(doc).map(([, , op]) => op['x-kubernetes-group-version-kind']);
          expect(gvks, r.resource).toContainEqual({ group: r.group, version: r.version, kind: r.kind });
        }
      }
    }
  });

  it('documents core subresources: binding, eviction, log, exec (connect) and namespace finalize', () => {
    const pod = '/api/v1/namespaces/{namespace}/pods/{name}';
    expect(core.paths[`${pod}/binding`]?.post?.['x-kubernetes-group-version-kind']?.kind).toBe('Binding');
    expect(core.paths[`${pod}/eviction`]?.post?.['x-kubernetes-group-version-kind']).toEqual({ group: 'policy', version: 'v1', kind: 'Eviction' });
    expect(core.paths[`${pod}/log`]?.get?.parameters?.map((p) => p.name)).toContain('tailLines');
    expect(core.paths[`${pod}/exec`]?.get?.['x-kubernetes-action']).toBe('connect');
    expect(core.paths[`${pod}/exec`]?.post?.operationId).toBe('connectCoreV1PostNamespacedPodExec');
    expect(core.paths['/api/v1/namespaces/{name}/finalize']?.put?.operationId).toBe('replaceCoreV1NamespaceFinalize');
    expect(core.paths['/api/v1/namespaces']?.delete).toBeUndefined(); // namespaces have no deletecollection
  });

  it('resolves every $ref inside its own document, for every served document', () => {
    for (const path of openApiV3Paths(registry)) {
      const doc = openApiV3Document(registry, path);
      for (const ref of allRefs(doc)) {
        const name = refName(ref);
        expect(name && doc.components.schemas[name], `${path}: ${ref}`).toBeTruthy();
      }
    }
  });

  it('carries the meta/v1 and apimachinery definitions it reaches, and nothing unreachable', () => {
    const names = Object.keys(apps.components.schemas);
    for (const n of ['ObjectMeta', 'Time', 'ManagedFieldsEntry', 'FieldsV1', 'DeleteOptions', 'Status', 'Patch', 'WatchEvent', 'LabelSelector']) {
      expect(names).toContain(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
    }
    expect(names).toContain('io.k8s.apimachinery.pkg.util.intstr.IntOrString');
    expect(names).toContain('io.k8s.api.autoscaling.v1.Scale');
    expect(names).toContain('io.k8s.api.core.v1.Container');
    expect(names).not.toContain('io.k8s.api.core.v1.Service');
    expect(names).not.toContain('io.k8s.api.rbac.v1.Role');
  });

  it('gives kubectl explain what it reads: a GVK-tagged schema with described, allOf-wrapped references', () => {
    const deployment = apps.components.schemas['io.k8s.api.apps.v1.Deployment']!;
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    const spec = deployment.properties?.spec;
    expect(spec?.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }]);
    expect(spec?.description).toMatch(/Deployment/);
    const replicas = apps.components.schemas['io.k8s.api.apps.v1.DeploymentSpec']?.properties?.replicas;
    expect(replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(replicas?.description).toMatch(/desired pods/);
    expect(apps.components.schemas['io.k8s.api.apps.v1.DeploymentList']?.['x-kubernetes-group-version-kind']?.[0]?.kind).toBe('DeploymentList');
  });

  it('lists the group-versions sharing DeleteOptions in its GVK extension', () => {
    const gvks = apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']?.['x-kubernetes-group-version-kind'];
    expect(gvks).toContainEqual({ group: '', version: 'v1', kind: 'DeleteOptions' });
    expect(gvks).toContainEqual({ group: 'apps', version: 'v1', kind: 'DeleteOptions' });
  });
});

describe('discovery documents', () => {
  it('describes /api/, /apis/ and /apis/<group>/ with their discovery kinds', () => {
    const get = (path: string, p: string) => openApiV3Document(registry, path).paths[p]?.get;
    expect(get('api', '/api/')?.operationId).toBe('getCoreAPIVersions');
    expect(get('apis', '/apis/')?.responses['200']?.content?.['application/json']?.schema.$ref).toMatch(/APIGroupList$/);
    const group = get('apis/rbac.authorization.k8s.io', '/apis/rbac.authorization.k8s.io/');
    expect(group?.operationId).toBe('getRbacAuthorizationAPIGroup');
    expect(group?.tags).toEqual(['rbacAuthorization']);
    expect(apps.paths['/apis/apps/v1/']?.get?.operationId).toBe('getAppsV1APIResources');
  });

  it('rejects paths it does not serve with an UnknownPath OpenApiError', () => {
    for (const path of ['apis/batch/v1', 'apis/apps/v2', 'api/v2', 'apis/apps/v1/deployments', 'version', '']) {
      let caught: unknown;
      try {
        openApiV3Document(registry, path);
      } catch (err) {
        caught = err;
      }
      expect(isOpenApiError(caught) && caught.reason === 'UnknownPath', path).toBe(true);
    }
  });
});
