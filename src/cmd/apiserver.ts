/**
 * `skiff apiserver`: the Kubernetes API server alone, over a store, writing a kubeconfig for kubectl.
 * This is a composition root: it wires the concrete store, field manager, metrics and HTTP server.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OpenApiV2, OpenApiV3Documents, SchemaUnknownFieldFinder, builtinRegistry } from '../api/index.js';
import { ApiMetrics, ApiServer, bootstrap, makeFieldManager } from '../apiserver/index.js';
import { generateNameSuffix, newUid, realClock, type Clock } from '../machinery/index.js';
import type { Store } from '../store/index.js';

import { writeKubeconfig } from './kubeconfig.js';
import { openStore } from './open-store.js';

export interface ApiServerOptions {
  dataDir: string;
  port: number;
  bindAddress: string;
  store: string;
  etcdEndpoints?: string;
  /** Where to write the kubeconfig; '' to write none. */
  kubeconfig?: string;
  serviceCidr?: string;
  watchCacheSize?: number;
}

export interface RunningApiServer {
  api: ApiServer;
  http: Server;
  store: Store;
  url: string;
  kubeconfigPath: string | undefined;
  close(): Promise<void>;
}

export async function startApiServer(o: ApiServerOptions, clock: Clock = realClock): Promise<RunningApiServer> {
  mkdirSync(o.dataDir, { recursive: true });
  const store = openStore({ kind: o.store, dataDir: o.dataDir, ...(o.etcdEndpoints ? { etcdEndpoints: o.etcdEndpoints } : {}) });
  const resources = builtinRegistry();
  const openapiV2 = new OpenApiV2({ registry: resources });
  const api = new ApiServer({
    store,
    clock,
    resources,
    newUid,
    nameSuffix: () => generateNameSuffix(),
    fieldManager: makeFieldManager(),
    metrics: new ApiMetrics(),
    openapi: new OpenApiV3Documents({ registry: resources }),
    openapiV2,
    schema: new SchemaUnknownFieldFinder(),
    ...(o.serviceCidr ? { serviceCIDR: o.serviceCidr } : {}),
    ...(o.watchCacheSize ? { watchCacheCapacity: o.watchCacheSize } : {}),
  });
  const http = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, api.handle);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port, o.bindAddress, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.bindAddress === '0.0.0.0' || o.bindAddress === '::' ? '127.0.0.1' : o.bindAddress;
  await api.start({ serverAddress: `${host}:${port}` });
  await bootstrap(api, { host, port });
  // Build the protobuf OpenAPI v2 document now rather than on kubectl's first request (it takes a few hundred ms).
  void openapiV2.protobuf;
  const url = `http://${host}:${port}`;
  const kubeconfigPath = o.kubeconfig === '' ? undefined : (o.kubeconfig ?? join(o.dataDir, 'kubeconfig'));
  if (kubeconfigPath) writeKubeconfig(kubeconfigPath, { server: url, name: 'skiff' });
  return {
    api,
    http,
    store,
    url,
    kubeconfigPath,
    async close() {
      api.stop();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await store.close();
    },
  };
}
