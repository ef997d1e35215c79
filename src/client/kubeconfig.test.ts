import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isClientError } from './errors.js';
import { restConfigFromKubeconfig } from './kubeconfig.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const yaml = `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority-data: ${b64('CA PEM')}
- name: dev
  cluster:
    server: http://127.0.0.1:8080
    insecure-skip-tls-verify: true
users:
- name: admin
  user:
    token: t0ken
    client-certificate-data: ${b64('CERT PEM')}
    client-key-data: ${b64('KEY PEM')}
- name: basic
  user:
    username: bob
    password: pw
contexts:
- name: prod
  context: { cluster: prod, user: admin, namespace: kube-system }
- name: dev
  context: { cluster: dev, user: basic }
`;

const dir = mkdtempSync(join(tmpdir(), 'skiff-kubeconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('restConfigFromKubeconfig', () => {
  it('reads the current context from YAML text, decoding inline data', () => {
    expect(restConfigFromKubeconfig(yaml)).toEqual({
      server: 'https://10.0.0.1:6443',
      ca: 'CA PEM',
      cert: 'CERT PEM',
      key: 'KEY PEM',
      token: 't0ken',
      namespace: 'kube-system',
    });
  });

  it('selects a named context', () => {
    expect(restConfigFromKubeconfig(yaml, 'dev')).toEqual({ server: 'http://127.0.0.1:8080', insecure: true, username: 'bob', password: 'pw' });
  });

  it('reads a file and resolves referenced files relative to it', () => {
    writeFileSync(join(dir, 'ca.crt'), 'FILE CA');
    writeFileSync(join(dir, 'token'), 'file-token\n');
    const path = join(dir, 'config');
    writeFileSync(path, `current-context: c
clusters: [{name: k, cluster: {server: 'https://h:1', certificate-authority: ca.crt}}]
users: [{name: u, user: {tokenFile: ${join(dir, 'token')}}}]
contexts: [{name: c, context: {cluster: k, user: u}}]
`);
    expect(restConfigFromKubeconfig(path)).toEqual({ server: 'https://h:1', ca: 'FILE CA', token: 'file-token' });
  });

  it('fails with InvalidConfig for a missing context, cluster or file', () => {
    const cases = [
      () => restConfigFromKubeconfig(yaml, 'nope'),
      () => restConfigFromKubeconfig('current-context: c\ncontexts: [{name: c, context: {cluster: x}}]\n'),
      () => restConfigFromKubeconfig(join(dir, 'does-not-exist')),
    ];
    for (const f of cases) {
      let caught: unknown;
      try {
        f();
      } catch (err) {
        caught = err;
      }
      expect(isClientError(caught, 'InvalidConfig')).toBe(true);
    }
  });
});
