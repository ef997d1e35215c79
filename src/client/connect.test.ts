import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../api/index.js';
import { isNotFound } from '../machinery/index.js';
import { restClientFromKubeconfig } from './connect.js';
import { refs } from './resource-ref.js';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

describe('restClientFromKubeconfig', () => {
  it('talks to the kubeconfig server and maps its Status answers to ApiErrors', async () => {
    const seen: string[] = [];
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'configmaps' }, code: 404 }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const kubeconfig = `current-context: c
clusters: [{name: k, cluster: {server: 'http://127.0.0.1:${port}', insecure-skip-tls-verify: true}}]
users: [{name: u, user: {}}]
contexts: [{name: c, context: {cluster: k, user: u, namespace: team}}]
`;
    const client = restClientFromKubeconfig(kubeconfig, { qps: Infinity });
    try {
      await expect(client.resource<ConfigMap>(refs.configMaps).get({ namespace: 'team', name: 'x' })).rejects.toSatisfy(isNotFound);
    } finally {
      client.transport.close?.();
    }
    expect(seen).toEqual(['GET /api/v1/namespaces/team/configmaps/x']);
  });
});
