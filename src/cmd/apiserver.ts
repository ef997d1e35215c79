/**
 * `skiff apiserver`: the Kubernetes API server over a store, with TLS, authentication (client certificates, a static
 * token file, service-account tokens), Node+RBAC authorization, the admission chain and an audit log — all on by
 * default, as in Kubernetes. `--insecure-port` adds a plain-HTTP listener for local experiments (no authentication,
 * everything allowed, like kube-apiserver's old insecure port).
 * This is a composition root: it wires the concrete store, security, field manager, metrics and HTTP servers.
 */
import { createServer, type Server } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OpenApiV2, OpenApiV3Documents, SchemaUnknownFieldFinder, builtinRegistry } from '../api/index.js';
import {
  ApiMetrics,
  ApiServer,
  AuditLogger,
  type AuditLevel,
  type Authenticator,
  type Pki,
  admissionPluginsFor,
  authorizersFor,
  bootstrap,
  createTlsApiServer,
  ensurePki,
  issueServiceAccountToken,
  kubeconfigFor,
  kubernetesServiceSans,
  makeFieldManager,
  serviceAccountLookupFor,
  serviceAccountTokenAuthenticator,
  tlsServerOptions,
  tokenFileAuthenticator,
  tokenRequestHandler,
  unionAuthenticator,
  x509Authenticator,
} from '../apiserver/index.js';
import { generateNameSuffix, newUid, realClock, type Clock } from '../machinery/index.js';
import type { Store } from '../store/index.js';
import { openStore } from './open-store.js';
import { writeFileAtomic } from './files.js';

export interface ApiServerOptions {
  dataDir: string;
  port: number;
  bindAddress: string;
  store: string;
  etcdEndpoints?: string;
  /** Where to write the admin kubeconfig; '' to write none. */
  kubeconfig?: string;
  serviceCidr?: string;
  watchCacheSize?: number;
  /** Plain-HTTP port without authentication or authorization (local experiments only). */
  insecurePort?: number;
  tokenAuthFile?: string;
  /** Audit log file ('' disables). Default: <data-dir>/audit.log. */
  auditLogPath?: string;
  auditLevel?: AuditLevel;
  /** Extra SANs for the serving certificate. */
  tlsSans?: string[];
}

export interface RunningApiServer {
  api: ApiServer;
  server: Http2SecureServer;
  insecure: Server | undefined;
  store: Store;
  pki: Pki;
  url: string;
  insecureUrl: string | undefined;
  kubeconfigPath: string | undefined;
  /** A kubeconfig (YAML) for a component identity, signed by the cluster CA. */
  kubeconfigFor(user: { cn: string; o?: string[] }): Promise<string>;
  close(): Promise<void>;
}

const SA_ISSUER = 'https://kubernetes.default.svc.cluster.local';

function listen(server: Server | Http2SecureServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
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

  const sans = kubernetesServiceSans({ serviceIP: api.serviceIPs.first() });
  const extra = o.tlsSans ?? [];
  const pki = await ensurePki(o.dataDir, {
    hosts: [...sans.hosts, ...extra.filter((s) => !/^[0-9.]+$/.test(s))],
    ips: [...sans.ips, ...extra.filter((s) => /^[0-9.]+$/.test(s)), ...(o.bindAddress !== '0.0.0.0' ? [o.bindAddress] : [])],
  });
  const reportError = (err: unknown) => console.error('apiserver:', err instanceof Error ? err.message : err);
  const authenticators: Authenticator[] = [
    x509Authenticator(pki.caPem),
    ...(o.tokenAuthFile ? [await tokenFileAuthenticator(o.tokenAuthFile)] : []),
    serviceAccountTokenAuthenticator({ publicKey: pki.saPublicKeyPem, issuer: SA_ISSUER, audiences: [SA_ISSUER], lookup: serviceAccountLookupFor(api) }),
  ];
  const auth = authorizersFor(api);
  const auditPath = o.auditLogPath === '' ? undefined : (o.auditLogPath ?? join(o.dataDir, 'audit.log'));
  const audit = auditPath ? await AuditLogger.open(auditPath, { level: o.auditLevel ?? 'Metadata', clock, newId: newUid, reportError }) : undefined;
  const secureHandler = api.handle;
  api.configureSecurity({
    authenticator: unionAuthenticator(authenticators),
    authorizer: auth.authorizer,
    admissionPlugins: admissionPluginsFor(api, { clock, newUid, auth, onError: reportError }),
    ...(audit ? { audit } : {}),
  });
  api.addConnectHandler(
    'serviceaccounts/token',
    tokenRequestHandler(
      (r) =>
        issueServiceAccountToken({
          privateKey: pki.saPrivateKeyPem,
          issuer: SA_ISSUER,
          audiences: r.audiences,
          namespace: r.namespace,
          name: r.name,
          uid: r.uid,
          expirationSeconds: r.expirationSeconds,
          ...(r.boundPod ? { boundPod: r.boundPod } : {}),
          clock,
        }),
      [SA_ISSUER],
    ),
  );

  const server = createTlsApiServer(tlsServerOptions(pki), secureHandler);
  const port = await listen(server, o.port, o.bindAddress);
  const host = o.bindAddress === '0.0.0.0' || o.bindAddress === '::' ? '127.0.0.1' : o.bindAddress;
  let insecure: Server | undefined;
  let insecureUrl: string | undefined;
  if (o.insecurePort !== undefined) {
    insecure = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, api.handleInsecure);
    const ip = await listen(insecure, o.insecurePort, '127.0.0.1');
    insecureUrl = `http://127.0.0.1:${ip}`;
  }
  await api.start({ serverAddress: `${host}:${port}` });
  await bootstrap(api, { host, port });
  // Build the protobuf OpenAPI v2 document now rather than on kubectl's first request (it takes a few hundred ms).
  void openapiV2.protobuf;

  const url = `https://${host}:${port}`;
  const kubeconfigPath = o.kubeconfig === '' ? undefined : (o.kubeconfig ?? join(o.dataDir, 'kubeconfig'));
  const componentConfig = async (user: { cn: string; o?: string[] }) => {
    const cert = await pki.issueClientCertificate({ cn: user.cn, o: user.o ?? [] }, { days: 365 });
    return kubeconfigFor({ server: url, caPem: pki.caPem, certPem: cert.certPem, keyPem: cert.keyPem, name: 'skiff', user: user.cn });
  };
  if (kubeconfigPath) writeFileAtomic(kubeconfigPath, await componentConfig({ cn: 'skiff-admin', o: ['system:masters'] }), 0o600);
  return {
    api,
    server,
    insecure,
    store,
    pki,
    url,
    insecureUrl,
    kubeconfigPath,
    kubeconfigFor: componentConfig,
    async close() {
      api.stop();
      await Promise.all([
        new Promise<void>((r) => server.close(() => r())),
        insecure ? new Promise<void>((r) => (insecure.closeAllConnections(), insecure.close(() => r()))) : Promise.resolve(),
      ]);
      await audit?.close();
      await store.close();
    },
  };
}
