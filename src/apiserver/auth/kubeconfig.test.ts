import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigFor } from './kubeconfig.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('kubeconfigFor', () => {
  it('embeds the CA, client certificate, key and token as kubectl expects', () => {
    const doc = parse(kubeconfigFor({ server: 'https://127.0.0.1:6443', caPem: 'CA', certPem: 'CERT', keyPem: 'KEY', token: 'T', name: 'skiff' }));
    expect(doc).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'skiff', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64('CA') } }],
      users: [{ name: 'skiff', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY'), token: 'T' } }],
      contexts: [{ name: 'skiff', context: { cluster: 'skiff', user: 'skiff', namespace: 'default' } }],
      'current-context': 'skiff',
      preferences: {},
    });
  });

  it('leaves out credentials that are not given and can name the user separately', () => {
    const doc = parse(kubeconfigFor({ server: 'https://h', caPem: 'CA', token: 'T', name: 'c', user: 'system:kube-scheduler' }));
    expect(doc.users).toEqual([{ name: 'system:kube-scheduler', user: { token: 'T' } }]);
    expect(doc.contexts[0].context.user).toBe('system:kube-scheduler');
  });
});
