/**
 * `skiff bench security`: what the security stack costs a create. Pod creates with 32 concurrent clients against
 * (a) the API server with no authentication, authorization or extra admission (plain HTTP), and (b) the full
 * `skiff apiserver` stack — TLS, client-certificate authentication, Node+RBAC authorization for a non-admin user
 * bound to `edit`, the built-in admission plugins, and two webhooks (one mutating that adds a label with a JSONPatch,
 * one validating) served over HTTPS on loopback — plus the audit log. Prints p50/p99 create latency and creates/s.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApiServer } from '../apiserver.js';

interface Target {
  post(path: string, body: string): Promise<{ status: number; body: string }>;
}

function target(url: string, agent: HttpAgent | HttpsAgent): Target {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  return {
    post: (path, body) =>
      new Promise((resolve, reject) => {
        const opts = { host: u.hostname, port: Number(u.port), method: 'POST', path, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } };
        const req = (secure ? httpsRequest : httpRequest)(opts, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end(body);
      }),
  };
}

const pod = (ns: string, name: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] } });

async function creates(t: Target, ns: string, prefix: string, total: number, clients: number) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const s = performance.now();
        const r = await t.post(`/api/v1/namespaces/${ns}/pods`, pod(ns, `${prefix}-${i}`));
        if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.body.slice(0, 300)}`);
        lat.push(performance.now() - s);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const at = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  return { perSec: total / ((performance.now() - t0) / 1000), p50: at(0.5), p99: at(0.99) };
}

export async function benchSecurity(o: { quick: boolean; out: (line: string) => void }): Promise<void> {
  const total = o.quick ? 500 : 3000;
  const clients = 32;
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-sec-'));
  const api = await startApiServer({ dataDir: dir, port: 0, bindAddress: '127.0.0.1', store: 'memory', insecurePort: 0, kubeconfig: '' });
  const admin = await api.pki.issueClientCertificate({ cn: 'skiff-admin', o: ['system:masters'] });
  const user = await api.pki.issueClientCertificate({ cn: 'bench-user' });
  const adminT = target(api.url, new HttpsAgent({ keepAlive: true, ca: api.pki.caPem, cert: admin.certPem, key: admin.keyPem }));
  // Webhooks: the API server's own serving certificate covers 127.0.0.1, and the cluster CA signs it.
  const hooks = createHttpsServer({ cert: api.pki.servingCertPem, key: api.pki.servingKeyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const review = JSON.parse(Buffer.concat(chunks).toString()) as { request: { uid: string } };
      const patch = req.url === '/mutate' ? { patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify([{ op: 'add', path: '/metadata/labels', value: { bench: 'seen' } }])).toString('base64') } : {};
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: true, ...patch } }));
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
  const hookPort = (hooks.address() as { port: number }).port;
  try {
    const setup = async (path: string, body: unknown) => {
      const r = await adminT.post(path, JSON.stringify(body));
      if (r.status !== 201) throw new Error(`setup ${path} failed: ${r.status} ${r.body.slice(0, 300)}`);
    };
    for (const ns of ['plain', 'secure']) {
      await setup('/api/v1/namespaces', { metadata: { name: ns, labels: { bench: ns } } });
      await setup(`/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: 'default' } });
    }
    await setup('/apis/rbac.authorization.k8s.io/v1/namespaces/secure/rolebindings', {
      metadata: { name: 'bench-edit' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bench-user' }],
    });
    const hook = (name: string, path: string) => ({
      name,
      clientConfig: { url: `https://127.0.0.1:${hookPort}${path}`, caBundle: Buffer.from(api.pki.caPem).toString('base64') },
      rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
      namespaceSelector: { matchLabels: { bench: 'secure' } },
      sideEffects: 'None',
      admissionReviewVersions: ['v1'],
      failurePolicy: 'Fail',
    });
    await setup('/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', { metadata: { name: 'bench-mutate' }, webhooks: [hook('mutate.bench.skiff', '/mutate')] });
    await setup('/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', { metadata: { name: 'bench-validate' }, webhooks: [hook('validate.bench.skiff', '/validate')] });
    await new Promise((r) => setTimeout(r, 500)); // let the watch caches see the configuration

    const plainT = target(api.insecureUrl!, new HttpAgent({ keepAlive: true, maxSockets: clients }));
    const secureT = target(api.url, new HttpsAgent({ keepAlive: true, maxSockets: clients, ca: api.pki.caPem, cert: user.certPem, key: user.keyPem }));
    o.out(`${total} pod creates, ${clients} clients, each way ...`);
    await creates(plainT, 'plain', 'warm', Math.min(200, total), clients);
    const plain = await creates(plainT, 'plain', 'p', total, clients);
    const secure = await creates(secureT, 'secure', 's', total, clients);
    o.out('');
    o.out('| path | creates/s | p50 (ms) | p99 (ms) |');
    o.out('|---|---:|---:|---:|');
    o.out(`| plain HTTP, no authn/authz, no webhooks | ${plain.perSec.toFixed(0)} | ${plain.p50.toFixed(1)} | ${plain.p99.toFixed(1)} |`);
    o.out(`| TLS + x509 + RBAC (edit) + admission + 2 webhooks + audit | ${secure.perSec.toFixed(0)} | ${secure.p50.toFixed(1)} | ${secure.p99.toFixed(1)} |`);
  } finally {
    hooks.closeAllConnections();
    await new Promise<void>((r) => hooks.close(() => r()));
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
