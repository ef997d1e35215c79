import { describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace } from '../../api/index.js';
import { missingInNamespace } from './controller.js';

const ns = (phase = 'Active', deleting = false): Namespace =>
  ({ metadata: { name: 'a', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) }, status: { phase } }) as Namespace;
const cm = (ca: string): ConfigMap => ({ metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': ca } }) as ConfigMap;

describe('missingInNamespace', () => {
  it.each([
    ['a new namespace needs both', ns(), false, undefined, 'CA', { serviceAccount: true, configMap: 'create' }],
    ['a complete namespace needs nothing', ns(), true, cm('CA'), 'CA', { serviceAccount: false, configMap: null }],
    ['a changed CA is restored', ns(), true, cm('old'), 'CA', { serviceAccount: false, configMap: 'update' }],
    ['without a CA only the ServiceAccount is made', ns(), false, undefined, undefined, { serviceAccount: true, configMap: null }],
    ['terminating namespaces are left alone', ns('Terminating'), false, undefined, 'CA', { serviceAccount: false, configMap: null }],
    ['namespaces being deleted are left alone', ns('Active', true), false, undefined, 'CA', { serviceAccount: false, configMap: null }],
    ['a missing namespace is left alone', undefined, false, undefined, 'CA', { serviceAccount: false, configMap: null }],
  ] as const)('%s', (_name, n, hasSa, c, ca, want) => {
    expect(missingInNamespace(n, { serviceAccount: hasSa, configMap: c }, ca)).toEqual(want);
  });
});
