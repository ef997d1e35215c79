/** Kubeconfig text for one cluster/user/context, credentials embedded (what kubectl and client-go read). */
import { stringify } from 'yaml';

export interface KubeconfigInput {
  /** `https://host:port`. */
  server: string;
  /** The CA that signed the serving certificate (PEM). */
  caPem: string;
  /** Client certificate and key (PEM), for certificate authentication. */
  certPem?: string;
  keyPem?: string;
  /** Bearer token, for token authentication. */
  token?: string;
  /** Name of the cluster, user and context (the user is `<name>` unless `user` is given). */
  name: string;
  user?: string;
  namespace?: string;
}

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

/** YAML of a `kind: Config` whose current context uses the given server, CA and credentials. */
export function kubeconfigFor(o: KubeconfigInput): string {
  const user: Record<string, string> = {};
  if (o.certPem) user['client-certificate-data'] = b64(o.certPem);
  if (o.keyPem) user['client-key-data'] = b64(o.keyPem);
  if (o.token) user.token = o.token;
  const userName = o.user ?? o.name;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: o.name, cluster: { server: o.server, 'certificate-authority-data': b64(o.caPem) } }],
    users: [{ name: userName, user }],
    contexts: [{ name: o.name, context: { cluster: o.name, user: userName, namespace: o.namespace ?? 'default' } }],
    'current-context': o.name,
    preferences: {},
  });
}
