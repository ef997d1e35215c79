/**
 * Kubeconfig loading: turns a kubeconfig (a file path or the YAML/JSON text itself) into a RestConfig for one context,
 * as clientcmd does. File references (`certificate-authority`, `client-certificate`, `client-key`, `tokenFile`) are
 * resolved relative to the kubeconfig file's directory; inline `*-data` fields are base64-decoded.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { ClientError } from './errors.js';
import type { RestConfig } from './http-transport.js';

interface Named<T> {
  name?: string;
  cluster?: T;
  user?: T;
  context?: T;
}

type Fields = Record<string, unknown>;

function str(o: Fields | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function find(list: unknown, name: string, field: 'cluster' | 'user' | 'context'): Fields | undefined {
  if (!Array.isArray(list)) return undefined;
  const hit = (list as Named<Fields>[]).find((e) => e?.name === name);
  return hit?.[field];
}

/** True when `source` is kubeconfig text rather than a path: text always spans lines or is a JSON object. */
function looksLikeContent(source: string): boolean {
  return source.includes('\n') || source.trimStart().startsWith('{');
}

/**
 * Reads a kubeconfig and returns the RestConfig of `context` (default: `current-context`).
 * Throws ClientError('InvalidConfig') when the context, its cluster or a referenced file is missing.
 */
export function restConfigFromKubeconfig(source: string, context?: string): RestConfig {
  const isContent = looksLikeContent(source);
  const baseDir = isContent ? process.cwd() : dirname(resolve(source));
  let text: string;
  if (isContent) text = source;
  else {
    try {
      text = readFileSync(source, 'utf8');
    } catch (err) {
      throw new ClientError('InvalidConfig', `cannot read kubeconfig ${source}: ${(err as Error).message}`, { cause: err });
    }
  }
  let doc: Fields;
  try {
    doc = (parse(text) ?? {}) as Fields;
  } catch (err) {
    throw new ClientError('InvalidConfig', `kubeconfig is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const ctxName = context ?? str(doc, 'current-context');
  if (!ctxName) throw new ClientError('InvalidConfig', 'kubeconfig has no current-context and no context was given');
  const ctx = find(doc.contexts, ctxName, 'context');
  if (!ctx) throw new ClientError('InvalidConfig', `context ${JSON.stringify(ctxName)} not found in kubeconfig`);
  const clusterName = str(ctx, 'cluster') ?? '';
  const cluster = find(doc.clusters, clusterName, 'cluster');
  if (!cluster) throw new ClientError('InvalidConfig', `cluster ${JSON.stringify(clusterName)} of context ${JSON.stringify(ctxName)} not found`);
  const user = find(doc.users, str(ctx, 'user') ?? '', 'user') ?? {};
  const server = str(cluster, 'server');
  if (!server) throw new ClientError('InvalidConfig', `cluster ${JSON.stringify(clusterName)} has no server`);

  const readRef = (path: string): string => {
    const full = isAbsolute(path) ? path : resolve(baseDir, path);
    try {
      return readFileSync(full, 'utf8');
    } catch (err) {
      throw new ClientError('InvalidConfig', `cannot read ${full} referenced by kubeconfig: ${(err as Error).message}`, { cause: err });
    }
  };
  const material = (o: Fields, dataKey: string, fileKey: string): string | undefined => {
    const data = str(o, dataKey);
    if (data) return Buffer.from(data, 'base64').toString('utf8');
    const file = str(o, fileKey);
    return file ? readRef(file) : undefined;
  };

  const config: RestConfig = { server };
  const ca = material(cluster, 'certificate-authority-data', 'certificate-authority');
  if (ca) config.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) config.insecure = true;
  const tlsServerName = str(cluster, 'tls-server-name');
  if (tlsServerName) config.tlsServerName = tlsServerName;
  const cert = material(user, 'client-certificate-data', 'client-certificate');
  if (cert) config.cert = cert;
  const key = material(user, 'client-key-data', 'client-key');
  if (key) config.key = key;
  const token = str(user, 'token') ?? (str(user, 'tokenFile') ? readRef(str(user, 'tokenFile')!).trim() : undefined);
  if (token) config.token = token;
  const username = str(user, 'username');
  if (username) {
    config.username = username;
    config.password = str(user, 'password') ?? '';
  }
  const namespace = str(ctx, 'namespace');
  if (namespace) config.namespace = namespace;
  return config;
}
