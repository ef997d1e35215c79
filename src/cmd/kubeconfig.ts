/** Writes a kubeconfig for a skiff cluster (one cluster, user and context, all named after the cluster). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  server: string;
  name: string;
  /** PEM CA bundle for https servers. */
  caData?: string;
  token?: string;
  clientCertData?: string;
  clientKeyData?: string;
}

export function kubeconfigYaml(o: KubeconfigOptions): string {
  const cluster: Record<string, unknown> = { server: o.server };
  if (o.caData) cluster['certificate-authority-data'] = Buffer.from(o.caData).toString('base64');
  else if (o.server.startsWith('http://')) cluster['insecure-skip-tls-verify'] = true;
  const user: Record<string, unknown> = {};
  if (o.token) user.token = o.token;
  if (o.clientCertData) user['client-certificate-data'] = Buffer.from(o.clientCertData).toString('base64');
  if (o.clientKeyData) user['client-key-data'] = Buffer.from(o.clientKeyData).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: o.name, cluster }],
    users: [{ name: o.name, user }],
    contexts: [{ name: o.name, context: { cluster: o.name, user: o.name, namespace: 'default' } }],
    'current-context': o.name,
    preferences: {},
  });
}

export function writeKubeconfig(path: string, o: KubeconfigOptions): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(o), { mode: 0o600 });
}
