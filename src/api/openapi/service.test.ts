import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../registry/index.js';
import { builtinDefinitions } from './definitions/index.js';
import { openApiV3Document } from './document.js';
import { isOpenApiError, type SchemaObject } from './schema.js';
import { OpenApiV3Documents, openApiV3Hash, openApiV3Index, openApiV3Json } from './service.js';

const registry = builtinRegistry();
const HASH = /^[0-9A-F]{128}$/;

function hashIn(url: string | undefined): string | undefined {
  return url ? new URL(url, 'http://x').searchParams.get('hash') ?? undefined : undefined;
}

/** The built-in model with one description changed. */
function withChangedReplicasDoc(): Record<string, SchemaObject> {
  const defs: Record<string, SchemaObject> = { ...builtinDefinitions() };
  const spec = defs['io.k8s.api.apps.v1.DeploymentSpec']!;
  defs['io.k8s.api.apps.v1.DeploymentSpec'] = {
    ...spec,
    properties: { ...spec.properties, replicas: { type: 'integer', format: 'int32', description: 'changed' } },
  };
  return defs;
}

describe('openApiV3Json', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(openApiV3Json({ b: 1, a: { d: [3, 1], c: 2 } })).toBe('{"a":{"c":2,"d":[3,1]},"b":1}');
  });

  it('makes the hash independent of key insertion order', () => {
    expect(openApiV3Hash({ x: 1, y: { p: true, q: 'v' } })).toBe(openApiV3Hash({ y: { q: 'v', p: true }, x: 1 }));
    expect(openApiV3Hash({ x: 1 })).not.toBe(openApiV3Hash({ x: 2 }));
  });

  it('hashes with SHA-512 in upper-case hex, like kube-openapi', () => {
    // sha512("{}")
    expect(openApiV3Hash({})).toBe(
      '27C74670ADB75075FAD058D5CEAF7B20C4E7786C83BAE8A32F626F9782AF34C9A33C2046EF60FD2A7878D378E29FEC851806BBD9A67878F3A9F1CDA4830763FD',
    );
  });
});

describe('openApiV3Index', () => {
  it('lists api/v1 and apis/apps/v1 with server-relative URLs carrying the hash', () => {
    const index = openApiV3Index(registry, (path) => `H-${path.length}`);
    expect(index.paths['api/v1']).toEqual({ serverRelativeURL: '/openapi/v3/api/v1?hash=H-6' });
    expect(index.paths['apis/apps/v1']).toEqual({ serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=H-12' });
    expect(index.paths['apis/apps']).toBeDefined();
  });
});

describe('OpenApiV3Documents', () => {
  const docs = new OpenApiV3Documents({ registry });

  it('indexes every document under the hash of its exact bytes', () => {
    const index = docs.index();
    expect(Object.keys(index.paths)).toEqual(docs.paths());
    for (const path of ['api/v1', 'apis/apps/v1']) {
      const served = docs.get(path);
      const hash = hashIn(index.paths[path]?.serverRelativeURL);
      expect(hash).toMatch(HASH);
      expect(hash).toBe(served.hash);
      expect(served.json).toBe(openApiV3Json(served.document));
      expect(openApiV3Hash(JSON.parse(served.json))).toBe(served.hash);
    }
  });

  it('freezes the documents it hands out, so a caller cannot change what the hash covers', () => {
    const served = docs.get('apis/apps/v1');
    expect(Object.isFrozen(served.document.paths)).toBe(true);
    expect(Object.isFrozen(served.document.components.schemas['io.k8s.api.apps.v1.Deployment'])).toBe(true);
  });

  it('gives the same hashes on every build, so clients can cache', () => {
    const again = new OpenApiV3Documents({ registry: builtinRegistry() });
    expect(again.index()).toEqual(docs.index());
    expect(openApiV3Hash(openApiV3Document(registry, 'apis/apps/v1'))).toBe(docs.get('apis/apps/v1').hash);
  });

  it('changes the hash of exactly the documents that reach a changed definition', () => {
    const changed = new OpenApiV3Documents({ registry, definitions: withChangedReplicasDoc() });
    expect(changed.get('apis/apps/v1').hash).not.toBe(docs.get('apis/apps/v1').hash);
    expect(hashIn(changed.index().paths['apis/apps/v1']?.serverRelativeURL)).toBe(changed.get('apis/apps/v1').hash);
    expect(changed.get('api/v1').hash).toBe(docs.get('api/v1').hash);
    expect(changed.get('apis/coordination.k8s.io/v1').hash).toBe(docs.get('apis/coordination.k8s.io/v1').hash);
  });

  it('answers undefined for document() and throws UnknownPath from get() on paths it does not serve', () => {
    expect(docs.has('apis/batch/v1')).toBe(false);
    expect(docs.document('apis/batch/v1')).toBeUndefined();
    expect(docs.document('apis/apps/v1')?.openapi).toBe('3.0.0');
    let caught: unknown;
    try {
      docs.get('apis/batch/v1');
    } catch (err) {
      caught = err;
    }
    expect(isOpenApiError(caught) && caught.reason).toBe('UnknownPath');
  });
});
